#!/usr/bin/env python3
"""The README's two commands, for a fresh clone with only Python 3.11 and git.

    python3 tasks.py site   # build the bundled example corpus into site/
    python3 tasks.py test   # run the whole test suite

Both create .venv/ and install reviewlens into it (again only when
pyproject.toml changes); extra arguments go to `reviewlens build` or pytest.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".reviewlens-installed"


def ensure_venv() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print("tasks: creating .venv", flush=True)
        venv.create(VENV, with_pip=True)
    print("tasks: installing reviewlens and its test dependencies into .venv", flush=True)
    subprocess.run([BIN / "python", "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([BIN / "python", "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"site", "test"}:
        print(__doc__.strip())
        return 2
    ensure_venv()
    task, rest = argv[0], argv[1:]
    if task == "site":
        command = [BIN / "reviewlens", "build", *rest]
    else:
        command = [BIN / "python", "-m", "pytest", *rest]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
