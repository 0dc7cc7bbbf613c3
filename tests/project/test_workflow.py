"""The GitHub Actions workflow we ship (issue 7): its commands work, and what it
caches between runs is what the build reuses."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO

pytestmark = pytest.mark.slow  # installs and runs the project as CI does

WORKFLOW = REPO / ".github" / "workflows" / "reviewlens-site.yml"


def _build_steps() -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text())["jobs"]["build"]["steps"]


def test_the_workflow_caches_what_its_build_reuses():
    steps = _build_steps()
    cache_at = next(i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/cache@"))
    build_at = next(i for i, s in enumerate(steps) if "reviewlens build" in s.get("run", ""))
    assert cache_at < build_at
    cached = steps[cache_at]["with"]["path"].split()
    run = steps[build_at]["run"].split()
    assert "--cache-dir" not in run and "~/.cache/reviewlens" in cached  # the default: outside the checkout
    assert run[run.index("--site-dir") + 1] in cached


def test_the_workflow_commands_build_twice_the_second_time_from_the_cache(tmp_path):
    shutil.copytree(REPO / "site_src", tmp_path / "site_src")
    env = {**os.environ, "CORPUS": "site_src", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    commands = [s["run"] for s in _build_steps() if "run" in s and not s["run"].startswith("pip install")]
    assert any("reviewlens build" in c for c in commands)
    logs = []
    for _ in range(2):
        for command in commands:
            done = subprocess.run(["bash", "-ec", command], cwd=tmp_path, env=env, capture_output=True, text=True,
                                  timeout=600)
            assert done.returncode == 0, f"{command}\n{done.stderr}"
            logs.append(done.stderr)
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "reviewlens.sarif").is_file()
    assert "0 of 18 pages rewritten" in "".join(logs[len(commands):])
