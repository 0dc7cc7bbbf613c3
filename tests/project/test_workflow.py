"""The GitHub Action (action.yml) and the workflow we ship: they pass
actionlint, each job has only the permissions it needs, every action is at
its current major version, and the action's own `run:` steps, run here as the
runner would run them, gate, summarise, build and export for a repository
that holds nothing but a corpus."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, tool

pytestmark = pytest.mark.slow  # installs and runs the project as CI does

ACTION = REPO / "action.yml"
WORKFLOW = REPO / ".github" / "workflows" / "reviewlens-site.yml"
# The majors GitHub runs on a supported Node (actionlint flags older ones as deprecated).
CURRENT = {"actions/checkout": 6, "actions/setup-python": 6, "actions/cache": 5, "actions/upload-pages-artifact": 4,
           "actions/deploy-pages": 5, "actions/upload-artifact": 6, "actions/download-artifact": 7,
           "github/codeql-action/upload-sarif": 4}


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(), Loader=yaml.BaseLoader)  # "on" stays a key, as GitHub reads it


def _actionlint() -> str:
    found = tool("actionlint")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must lint the workflow: actionlint comes with the test extras")
        pytest.skip("actionlint is not installed (pip install -e .[test])")
    return found


def test_the_workflow_and_the_action_pass_actionlint(tmp_path):
    lint = _actionlint()
    done = subprocess.run([lint, "-no-color", str(WORKFLOW.relative_to(REPO))], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr  # it reads action.yml too: `uses: ./`
    # actionlint lints workflows: the action's steps, as a reusable workflow with the same inputs, get every
    # check of expressions, contexts and action inputs too.
    action = _load(ACTION)
    wrapper = {"name": "action.yml's steps", "on": {"workflow_call": {"inputs": {
        name: {"type": "string", "default": spec.get("default", "")} for name, spec in action["inputs"].items()}}},
        "jobs": {"steps": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}}}
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "action.yml").write_text(yaml.safe_dump(wrapper, sort_keys=False))
    done = subprocess.run([lint, "-no-color", ".github/workflows/action.yml"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_action_is_at_its_current_major_and_nothing_caches_pip():
    for path in (WORKFLOW, ACTION):
        for used in re.findall(r"^\s*(?:- )?uses:\s*([\w./-]+)@v(\d+)", path.read_text(), re.M):
            name, major = used
            assert int(major) >= CURRENT[name], (path.name, name, major)
    assert "cache: pip" not in WORKFLOW.read_text() + ACTION.read_text()  # a corpus-only repository has no file to hash


def test_each_job_has_only_the_permissions_it_needs_and_pull_requests_only_read():
    flow = _load(WORKFLOW)
    assert flow["permissions"] == {}
    jobs = flow["jobs"]
    wanted = {"gate": {"contents": "read"}, "build": {"contents": "read"},
              "code-scanning": {"contents": "read", "security-events": "write"},
              "deploy": {"pages": "write", "id-token": "write"}}
    assert {name: job["permissions"] for name, job in jobs.items()} == wanted
    assert "pull_request_target" not in flow["on"]  # forks get a read-only token and no secrets
    assert "${{ secrets." not in WORKFLOW.read_text()
    assert jobs["deploy"]["concurrency"]["cancel-in-progress"] == "false"
    assert "cancel-in-progress: true" not in WORKFLOW.read_text()
    assert "site_src/**" not in WORKFLOW.read_text()  # the corpus is a variable, not a path filter to edit
    uses = [step.get("uses", "") for job in jobs.values() for step in job.get("steps", [])]
    assert "./" in uses and not any("pip install reviewlens" in s for s in WORKFLOW.read_text().splitlines())


class Runner:
    """Runs action.yml's steps as GitHub's runner would: inputs and contexts
    substituted, `if:` decided, $GITHUB_PATH, $GITHUB_OUTPUT and the job
    summary honoured."""

    def __init__(self, workspace: Path, temp: Path):
        self.workspace, self.temp = workspace, temp
        self.path_file, self.summary = temp / "github_path", temp / "summary.md"
        for f in (self.path_file, self.summary):
            f.write_text("")
        self.steps = _load(ACTION)["runs"]["steps"]
        self.defaults = {k: v.get("default", "") for k, v in _load(ACTION)["inputs"].items()}

    def run(self, **inputs) -> list[subprocess.CompletedProcess]:
        values = {**self.defaults, **{k.replace("_", "-"): v for k, v in inputs.items()}}

        def expand(text: str) -> str:
            text = text.replace("${{ github.action_path }}", str(REPO))
            return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], text)

        done = []
        self.outputs: list[str] = []  # the outputs the steps set ("site-dir=site"), in order
        for step in self.steps:
            if "run" not in step:
                continue  # actions/setup-python: this Python stands in for it
            condition = step.get("if", "")
            if condition:
                name = re.fullmatch(r"inputs\.([\w-]+) != ''", condition).group(1)
                if values[name] == "":
                    continue
            extra = self.path_file.read_text().split()
            output = self.temp / "output"
            output.write_text("")
            env = {**os.environ, **{k: expand(v) for k, v in step.get("env", {}).items()},
                   "RUNNER_TEMP": str(self.temp), "GITHUB_PATH": str(self.path_file), "GITHUB_OUTPUT": str(output),
                   "GITHUB_STEP_SUMMARY": str(self.summary), "GITHUB_WORKSPACE": str(self.workspace),
                   "PATH": os.pathsep.join(extra + [os.environ["PATH"]])}
            result = subprocess.run(["bash", "-eo", "pipefail", "-c", expand(step["run"])], cwd=self.workspace, env=env,
                                    capture_output=True, text=True, timeout=1200)
            self.outputs += output.read_text().splitlines()  # each step has a file of its own, as on GitHub
            done.append(result)
            if result.returncode != 0:
                break
        return done


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}).stdout.strip()


def test_the_actions_steps_run_in_a_repository_that_holds_only_a_corpus(tmp_path):
    repo = tmp_path / "their-repo"
    shutil.copytree(REPO / "site_src" / "py-fileshare", repo / "reviews" / "py-fileshare")
    (repo / "reviews" / "py-fileshare" / "reports" / "shifted.md").unlink()
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "reviews")
    base = _git(repo, "rev-parse", "HEAD")
    shutil.copy(REPO / "site_src" / "py-fileshare" / "reports" / "shifted.md", repo / "reviews" / "py-fileshare" / "reports")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "a new review")
    assert not (repo / "pyproject.toml").exists()
    (tmp_path / "runner").mkdir()
    runner = Runner(repo, tmp_path / "runner")

    # A pull request: the default bar (50%) fails the shifted report, and the summary holds only it.
    steps = runner.run(corpus="reviews", changed_since=base)
    assert [s.returncode for s in steps] == [0, 1], steps[-1].stderr
    summary = runner.summary.read_text()
    assert "0 of 1 new and changed reports pass" in summary and "py-fileshare&#47;shifted" not in summary
    assert "py-fileshare/shifted" in summary and "py-fileshare/accurate" not in summary
    assert "FAIL: accuracy under 50%" in summary

    # main: every report, a bar the corpus meets, the site and the SARIF.
    steps = runner.run(corpus="reviews", fail_under="0", site_dir="site", sarif="reviewlens.sarif", summary="false")
    assert [s.returncode for s in steps] == [0, 0, 0, 0], [s.stderr for s in steps]
    assert (repo / "site" / "index.html").is_file()
    assert "from the cache" in steps[-1].stderr  # export reuses the gate's and the build's analyses
    sarif = (repo / "reviewlens.sarif").read_text()
    assert '"uri": "reviews/py-fileshare/fileshare.py"' in sarif  # relative to the repository's root
    assert "site-dir=site" in runner.outputs and "sarif=reviewlens.sarif" in runner.outputs, runner.outputs


def test_the_pull_request_gate_fails_closed_and_sees_every_change(tmp_path):
    repo = tmp_path / "their-repo"
    case = repo / "reviews" / "py-fileshare"
    shutil.copytree(REPO / "site_src" / "py-fileshare", case)
    (case / "reports" / "shifted.md").unlink()
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "reviews")
    base = _git(repo, "rev-parse", "HEAD")
    (tmp_path / "runner").mkdir()
    runner = Runner(repo, tmp_path / "runner")

    # A base commit the checkout does not have (fetch-depth 1): the gate read nothing and passed. Now it fails, saying why.
    steps = runner.run(corpus="reviews", changed_since="1" * 40)
    assert steps[-1].returncode == 1 and "fetch-depth: 0" in steps[-1].stdout + steps[-1].stderr

    # A report renamed with edits, to a name with non-ASCII characters (git quoted it; --diff-filter=AM dropped R096).
    _git(repo, "mv", "reviews/py-fileshare/reports/accurate.md", "reviews/py-fileshare/reports/révision.md")
    text = (case / "reports" / "révision.md").read_text()
    (case / "reports" / "révision.md").write_text(text + "\nAlso, `12 import nothing_here` is wrong.\n")
    _git(repo, "commit", "-q", "-am", "a renamed review")
    steps = runner.run(corpus="reviews", changed_since=base, fail_under="0")
    assert [s.returncode for s in steps] == [0, 0], steps[-1].stderr
    summary = runner.summary.read_text()
    assert "1 of 1 new and changed reports pass" in summary and "py-fileshare/revision-" in summary  # its URL id

    # The source moved by five lines: every report of the case is judged anew, so every one is gated.
    runner.summary.write_text("")
    before = _git(repo, "rev-parse", "HEAD")
    source = case / "fileshare.py"
    source.write_text("\n" * 5 + source.read_text())
    _git(repo, "commit", "-q", "-am", "the source moved")
    steps = runner.run(corpus="reviews", changed_since=before, fail_under="0")
    assert [s.returncode for s in steps] == [0, 0], steps[-1].stderr
    n_reports = len(list((case / "reports").iterdir()))
    assert f"{n_reports} of {n_reports} new and changed reports pass" in runner.summary.read_text()
