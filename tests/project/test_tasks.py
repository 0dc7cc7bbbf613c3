"""tasks.py, the README's two commands: `site` installs only what building
needs, `test` the test tools too, and neither installs again for nothing."""

import importlib.util
import subprocess

import pytest

from tests.helpers import REPO


@pytest.fixture
def tasks(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("tasks_under_test", REPO / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "VENV", tmp_path / ".venv")
    monkeypatch.setattr(module, "BIN", tmp_path / ".venv" / "bin")
    monkeypatch.setattr(module, "STAMP", tmp_path / ".venv" / ".reviewlens-installed")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").touch()
    module.installed = []

    def run(command, **kwargs):
        if "install" in map(str, command) and "-e" in map(str, command):
            module.installed.append(str(command[-1]))
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(module.subprocess, "run", run)
    return module


def test_site_installs_no_test_tools_and_test_adds_them_once(tasks):
    tasks.ensure_venv("")
    assert tasks.installed == [str(REPO)]  # no [test]: playwright, bandit, hypothesis stay out
    tasks.ensure_venv("")
    tasks.ensure_venv("test")
    assert tasks.installed == [str(REPO), f"{REPO}[test]"]
    tasks.ensure_venv("test")
    tasks.ensure_venv("")  # the test tools do not stop a build
    assert len(tasks.installed) == 2
