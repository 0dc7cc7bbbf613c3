"""What CI and the GitHub Action run is pinned: actions by commit, Python packages by version and hash,
and the lock keeps in step with pyproject.toml (issue 22)."""

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.helpers import REPO

LOCK = REPO / "requirements.lock"


def _locked() -> dict[str, tuple[Version, list[str]]]:
    """name -> (version, hashes) from requirements.lock."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    found = {}
    for line in text.splitlines():
        m = re.match(r"([A-Za-z0-9._-]+)==(\S+)\s*(.*)", line)
        if m:
            found[canonicalize_name(m.group(1))] = (Version(m.group(2)), re.findall(r"--hash=sha256:([0-9a-f]{64})", m.group(3)))
    return found


def test_the_lock_holds_every_dependency_and_the_build_backend_at_versions_pyproject_allows():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    locked = _locked()
    wanted = [Requirement(r) for r in project["project"]["dependencies"] + project["build-system"]["requires"]]
    for req in wanted:
        name = canonicalize_name(req.name)
        assert name in locked, f"{req.name} is in pyproject.toml but not in requirements.lock: python3 tasks.py lock"
        assert locked[name][0] in req.specifier, f"{req.name} {locked[name][0]} does not satisfy {req.specifier}"


def test_every_locked_package_is_hashed():
    locked = _locked()
    assert len(locked) > 20
    assert [name for name, (_, hashes) in locked.items() if not hashes] == []


def test_the_action_installs_only_from_the_lock_with_hashes():
    action = (REPO / "action.yml").read_text(encoding="utf-8")
    assert '--require-hashes --only-binary :all: -r "$ACTION_PATH/requirements.lock"' in action
    assert 'install --no-deps --no-build-isolation "$ACTION_PATH"' in action
    assert not re.search(r'pip[^\n]*install(?![^\n]*(?:--require-hashes|--no-deps))', action)


def test_every_action_used_is_pinned_by_commit_with_its_version_beside_it():
    for path in (REPO / "action.yml", REPO / ".github" / "workflows" / "reviewlens-site.yml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*-?\s*uses:\s*(\S+)(.*)", line)
            if not m or m.group(1) == "./":
                continue
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", m.group(1)), f"{path.name}: {line.strip()}"
            assert re.fullmatch(r"\s+#\s+v\d+\.\d+\.\d+", m.group(2)), f"{path.name}: no version comment: {line.strip()}"
