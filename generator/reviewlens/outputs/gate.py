"""The CI gate: which reports a change touches, whether each passes, and the table a pull request's
job summary shows; and whether a built site has every review page (`reviewlens check`)."""

from __future__ import annotations

import re
from pathlib import Path

from reviewlens.textio import printable
from reviewlens.view.tables import of_n, verdict_vs_truth
from reviewlens.view.vocabulary import VERDICT_LABEL, pct


def touched(rows: list, corpus: Path, changed: tuple[Path, ...]) -> list:
    """The rows a change touches: a changed report gates itself; any other changed file of a case (its
    source, case.yaml, truth.yaml: what its reports are judged against) gates every report of that case."""
    wanted = {path.resolve() for path in changed}
    root = corpus.resolve()
    reports = {(corpus / row.file).resolve() for row in rows}
    cases = {p.relative_to(root).parts[0] for p in wanted - reports
             if p.is_relative_to(root) and len(p.relative_to(root).parts) > 1}
    return [row for row in rows if (corpus / row.file).resolve() in wanted or Path(row.file).parts[0] in cases]


def result(row, fail_under: float, max_hallucinations: int | None) -> str:
    """"ok", or "FAIL: " and why. A report with no accuracy (nothing that counts) is not failed for it."""
    m = row.result.metrics
    reasons = []
    if m.accuracy is not None and m.accuracy * 100 < fail_under:
        reasons.append(f"accuracy under {fail_under:g}%")
    if max_hallucinations is not None and m.hallucinated > max_hallucinations:
        reasons.append(f"more than {max_hallucinations} hallucination{'s' if max_hallucinations != 1 else ''}")
    return "FAIL: " + "; ".join(reasons) if reasons else "ok"


def missing_pages(uris: list[str], site: Path) -> list[str]:
    """The review pages (URLs) of a corpus (its pages' source paths, `uris`) that a site built from it lacks."""
    from reviewlens.view.addresses import Linker

    link = Linker("", True)
    urls = [link.url(uri) for uri in uris]
    return [url for url in urls if not (site / url / "index.html").is_file() and not (site / url).is_file()]


_AUTOLINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?=//)|\bwww\.", re.I)


def markdown_table(rows, results: list[str], fail_under: float, only_changed: bool) -> str:
    """The gate's table for a pull request's job summary. Every cell is report
    text escaped for Markdown, so a reviewer's name cannot add links or markup."""
    def cell(text: str) -> str:
        # Controls and bidi controls as visible escapes; markup as character references; and what
        # GitHub turns into a link by itself (https://x, www.x, a@x) broken the same way.
        escaped = "".join(f"&#{ord(ch)};" if ch in "\\`*_{}[]()<>|~&\"'@" else ch for ch in printable(text))
        return _AUTOLINK.sub(lambda m: m.group()[:-1] + f"&#{ord(m.group()[-1])};", escaped)

    what = "new and changed reports" if only_changed else "reports"
    lines = [f"### reviewlens: {len(rows) - sum(r != 'ok' for r in results)} of {len(rows)} {what} pass "
             f"(accuracy at least {fail_under:g}%)", ""]
    if not rows:
        return "\n".join(lines + ["No report was added or changed.", "", ""])
    lines += ["| report | reviewer | accuracy | verdict | hallucinations | flags | result |",
              "| --- | --- | ---: | --- | ---: | --- | --- |"]
    for row, result in zip(rows, results):
        r, m = row.result, row.result.metrics
        sample = of_n(m.counted_correct, m.counted)  # the words and figures of the site's tables
        accuracy = pct(m.accuracy) + (f" ({sample})" if sample else "")
        truth = verdict_vs_truth(r)
        verdict = VERDICT_LABEL[r.verdict] + (f" ({truth})" if truth else "")
        flags = ", ".join(f.label for f in r.flags)
        lines.append(" | ".join(["", cell(row.name), cell(r.reviewer), accuracy, cell(verdict),
                                 str(m.hallucinated), cell(flags) or "none", cell(result), ""]).strip())
    return "\n".join(lines + ["", ""])
