"""A wheel, installed in a fresh venv, builds a site from outside the source tree."""

import subprocess
import sys
import venv
import zipfile

import pytest

from tests.helpers import REPO, write_tree

pytestmark = pytest.mark.slow  # installs and runs the project as CI does


def test_wheel_installs_and_builds_outside_the_source_tree(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
                   check=True, capture_output=True, timeout=600)
    (wheel,) = wheels.glob("reviewlens-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([py, "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True, timeout=900)
    work = tmp_path / "elsewhere"
    write_tree(work, {"corpus/c/a.py": "import os\n", "corpus/c/reports/r.md": "`1 import os`\n"})
    version = subprocess.run([env_dir / "bin" / "reviewlens", "--version"], capture_output=True, text=True, cwd=work)
    assert version.returncode == 0 and version.stdout.startswith("reviewlens, version ")
    # Installed as the package `reviewlens`; the generic top-level name `generator` is not installed.
    as_module = subprocess.run([py, "-m", "reviewlens", "--version"], capture_output=True, text=True, cwd=work)
    assert as_module.stdout == version.stdout
    names = subprocess.run([py, "-c", "import importlib.util as u; print(u.find_spec('reviewlens') is not None, "
                            "u.find_spec('generator') is not None)"], capture_output=True, text=True, cwd=work)
    assert names.stdout.split() == ["True", "False"]
    assert not any(n.startswith("generator/") for n in zipfile.ZipFile(wheel).namelist())
    result = subprocess.run([env_dir / "bin" / "reviewlens", "build", "corpus", "--site-dir", "out"],
                            capture_output=True, text=True, cwd=work, timeout=600)
    assert result.returncode == 0, result.stderr
    page = (work / "out" / "cases" / "c" / "r" / "index.html").read_text()
    assert "rl-source" in page  # templates came from the wheel
    assert (work / "out" / "reviewlens-assets" / "reviewlens.js").is_file()
    assert (work / "out" / "annotations.schema.json").is_file()
    assert str(REPO) not in page  # nothing of the checkout leaks into the site
