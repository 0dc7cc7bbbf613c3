"""A synthetic corpus, the same for the same seed: sources of several
languages and reports in the styles the claim engine reads, with truth files.

    python -m bench.synth OUT --cases 10 --reports 5 --seed 1
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

LANGS = {
    "python": ("py", "#"),
    "javascript": ("js", "//"),
    "go": ("go", "//"),
}


def source(rng: random.Random, language: str, n_lines: int) -> str:
    """A plausible file of about n_lines: a licence header, imports, functions, one SQL sink."""
    ext, comment = LANGS[language]
    lines = [f"{comment} Copyright 2026 Example Corp. Licensed under the MIT License."]
    if language == "python":
        lines += ["import os", "import sqlite3", "import subprocess", ""]
    elif language == "javascript":
        lines += ['const fs = require("fs");', 'const db = require("./db");', ""]
    else:
        lines += ["package main", "", 'import (', '\t"database/sql"', '\t"os/exec"', ")", ""]
    i = 0
    while len(lines) < n_lines - 8:
        i += 1
        name = f"handler_{i}_{rng.choice(['user', 'file', 'token', 'order', 'report'])}"
        arg = rng.choice(["name", "path", "owner", "query", "value"])
        if language == "python":
            lines += [f"def {name}({arg}, limit={rng.randint(1, 99)}):", f"    {comment} Handles {arg} for request {i}."]
            for j in range(rng.randint(3, 8)):
                lines.append(f"    step_{j} = {arg}.strip() + str({j} * limit)")
            if i % 7 == 3:
                lines.append(f"    db.execute(\"SELECT * FROM t WHERE {arg} = '%s'\" % {arg})")
            lines += ["    return step_0", ""]
        elif language == "javascript":
            lines += [f"function {name}({arg}, limit) {{", f"  {comment} Handles {arg} for request {i}."]
            for j in range(rng.randint(3, 8)):
                lines.append(f"  const step{j} = String({arg}).trim() + ({j} * limit);")
            if i % 7 == 3:
                lines.append(f"  db.query(\"SELECT * FROM t WHERE {arg} = '\" + {arg} + \"'\");")
            lines += ["  return step0;", "}", ""]
        else:
            lines += [f"func {name.title().replace('_', '')}({arg} string, limit int) string {{", f"\t{comment} Handles {arg} for request {i}."]
            for j in range(rng.randint(3, 8)):
                lines.append(f"\tstep{j} := {arg} + string(rune({j}*limit))")
            if i % 7 == 3:
                lines.append(f'\texec.Command("sh", "-c", {arg}).Run()')
            lines += ["\treturn step0", "}", ""]
    while len(lines) < n_lines:
        lines.append(f"{comment} end of file {len(lines)}")
    return "\n".join(lines[:n_lines]) + "\n"


def report(rng: random.Random, src: str, style: str) -> str:
    """A review of src in one style, with right and wrong claims mixed."""
    lines = src.splitlines()
    code = [(n, l) for n, l in enumerate(lines, 1) if l.strip() and not l.lstrip().startswith(("#", "//"))]
    picks = rng.sample(code, min(len(code), 12))
    out = []
    if style == "narration":
        out.append("I have reviewed the code and I did not find any security defects. Line by line:")
        for k, (n, l) in enumerate(sorted(picks), 1):
            shift = rng.choice([0, 0, 0, 1, -2])
            out.append(f"{k}. `{n + shift} {l.strip()}`: this line does its part.")
    elif style == "ranges":
        out.append("No security defects are detected. Here are the parts I looked at:")
        for k, (n, l) in enumerate(sorted(picks), 1):
            word = l.strip().split("(")[0].split("=")[0].strip().split()[-1]
            out.append(f"{k}. Line {n}-{n + rng.randint(0, 3)}: This code uses `{word}` to handle the request.")
    elif style == "findings":
        out.append("# Review\n\nThe following vulnerabilities were found.\n")
        sinks = [(n, l) for n, l in code if "SELECT" in l or "exec.Command" in l]
        for k, (n, l) in enumerate(sinks[:4], 1):
            kind = "SQL injection" if "SELECT" in l else "Command injection"
            out.append(f"## {k}. {kind} (line {n + rng.choice([0, 0, 2])})\n\n`{n} {l.strip()}` builds the command from input.\n"
                       f"**Fix:** use parameters.\n")
        out.append("The helper `handler_1_user` and the `os.system` call are involved.")
    elif style == "table":
        out.append("| Line | Code | Issue |\n|---|---|---|")
        for n, l in sorted(picks)[:6]:
            out.append(f"| {n} | `{l.strip().replace('|', '/')}` | review |")
        out.append("\nThe code contains a SQL injection vulnerability.")
    else:  # invented
        out.append("The code contains a SQL injection vulnerability.\n")
        out.append("`12 cursor.execute(\"SELECT * FROM users WHERE id=\" + uid)`\n")
        out.append(f"Lines {len(lines) + 10}-{len(lines) + 20} disable CSRF protection, and `pickle.loads(data)` is unsafe.")
    return "\n".join(out) + "\n"


STYLES = ("narration", "ranges", "findings", "table", "invented")


def corpus(out: Path, cases: int, reports: int, seed: int, sizes=(80, 400)) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for c in range(cases):
        language = list(LANGS)[c % len(LANGS)]
        ext = LANGS[language][0]
        case = out / f"case-{c:04d}"
        (case / "reports").mkdir(parents=True, exist_ok=True)
        src = source(rng, language, rng.randint(*sizes))
        (case / f"main.{ext}").write_text(src)
        (case / "case.yaml").write_text(f"title: Synthetic case {c}\nsource: main.{ext}\nlanguage: {language}\n")
        sinks = [n for n, l in enumerate(src.splitlines(), 1) if "SELECT" in l or "exec.Command" in l]
        defects = "".join(f"  - {{id: d{n}, title: sink, cwe: CWE-89, lines: [{n}, {n}]}}\n" for n in sinks)
        (case / "truth.yaml").write_text(f"verdict: {'defects_found' if sinks else 'no_defects'}\ndefects:\n{defects or '  []'}\n"
                                         if sinks else "verdict: no_defects\ndefects: []\n")
        for r in range(reports):
            style = STYLES[(c + r) % len(STYLES)]
            (case / "reports" / f"model-{r:02d}.md").write_text(
                f"---\nreviewer: model-{r:02d}\n---\n" + report(rng, src, style))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--cases", type=int, default=10)
    parser.add_argument("--reports", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    corpus(args.out, args.cases, args.reports, args.seed)


if __name__ == "__main__":
    main()
