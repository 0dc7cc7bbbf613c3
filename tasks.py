#!/usr/bin/env python3
"""The README's two commands, for a fresh clone with only Python 3.11 and git.

    python3 tasks.py site   # build the bundled example corpus into site/
    python3 tasks.py test   # run the whole test suite
    python3 tasks.py lock   # (maintainers) pin requirements.lock again after pyproject.toml changes

Both create .venv/ and install reviewlens into it (again only when
pyproject.toml changes); `site` installs only what building needs, `test` the
test tools too. Extra arguments go to `reviewlens build` or pytest.
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


def ensure_venv(extras: str) -> None:
    """reviewlens in .venv: with only what building needs ("") or with the test
    tools too ("test"); installed again only when pyproject.toml or setup.py changes."""
    digest = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in ("pyproject.toml", "setup.py"))).hexdigest()
    have = STAMP.read_text().split() if STAMP.exists() else []
    if have[:1] == [digest] and (not extras or extras in have[1:]):
        return
    if not (BIN / "python").exists():
        print("tasks: creating .venv", flush=True)
        venv.create(VENV, with_pip=True)
    what = "and its test dependencies " if extras else ""
    print(f"tasks: installing reviewlens {what}into .venv", flush=True)
    subprocess.run([BIN / "python", "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    # A plain path on sys.path (generator/), not an import hook: editors and type checkers follow it.
    subprocess.run([BIN / "python", "-m", "pip", "install", "-q", "--config-settings", "editable_mode=compat", "-e", target],
                   check=True)
    STAMP.write_text(" ".join([digest, *([extras] if extras else [])]))


# What the GitHub Action installs, every version pinned and hashed (pip --require-hashes), from PyPI
# itself (a machine's own pip settings, a mirror or local wheels, never leak into the lock).
LOCK = ["pip-compile", "--quiet", "--generate-hashes", "--allow-unsafe", "--strip-extras", "--no-emit-index-url",
        "--no-emit-find-links", "--index-url", "https://pypi.org/simple", "--build-deps-for", "wheel",
        "--output-file", "requirements.lock", "pyproject.toml"]


def lock() -> int:
    ensure_venv("lock")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")} | {"PIP_CONFIG_FILE": os.devnull}
    return subprocess.run([BIN / LOCK[0], *LOCK[1:]], cwd=ROOT, env=env).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"site", "test", "lock"}:
        print(__doc__.strip())
        return 2
    task, rest = argv[0], argv[1:]
    if task == "lock":
        return lock()
    ensure_venv("" if task == "site" else "test")  # building needs no test tools
    if task == "site":
        command = [BIN / "reviewlens", "build", *rest]
    else:
        command = [BIN / "python", "-m", "pytest", *rest]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
