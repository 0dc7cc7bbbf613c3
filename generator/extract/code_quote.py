"""code_quote claims: code quoted without a line number.

    the query is built with `"... WHERE owner = '%s'" % owner`
    ```python
    subprocess.run(cmd, shell=True)
    ```

A single name in backticks is an identifier claim, a path or URL is neither;
code inside a recommendation ("use `subprocess.run([...])` instead") is kept
but marked as advice: it need not be in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.extract.document import Document
from generator.extract.identifier import IDENTIFIER
from generator.extract.numbered_quote import looks_like_code
from generator.model import Claim, Kind

# A path, file name or URL rather than code: "/files/../x.db", "app.py", "https://x"
PATHLIKE = re.compile(r"^(?:[a-z]+://\S+|/[\w./%?=&'-]*|[\w.-]+/[\w./-]*|[\w-]+\.[A-Za-z]{1,6})$")


def find(doc: Document) -> Iterator[Claim]:
    for span in doc.code_spans:
        content = span.content.strip()
        if not content or IDENTIFIER.fullmatch(content) or PATHLIKE.match(content):
            continue
        if not re.search(r"[A-Za-z_]\w", content):
            continue  # punctuation or shell syntax on its own: `;`, `$(...)`
        if not looks_like_code(content) and not re.search(r"[<>+*%]", content):
            continue
        yield Claim(Kind.CODE_QUOTE, span.content_start, span.content_end, None,
                    quote=span.content, advice=doc.is_advice(span.start))
    for block in doc.blocks:
        if block.kind not in ("fence", "code_block"):
            continue
        lines = doc.text[block.start : block.end].splitlines(keepends=True)
        if block.kind == "fence":
            lines = lines[1:]
            if lines and re.match(r"\s*(`{3,}|~{3,})\s*$", lines[-1]):
                lines = lines[:-1]
        body = "".join(lines)
        if not body.strip():
            continue
        if block.info.split()[:1] == ["diff"] or _is_diff(lines):
            new_side = _new_side(lines)
            if new_side.strip():
                # The span stays the block's; the quote is what the file has after the change.
                yield Claim(Kind.CODE_QUOTE, block.start, block.end, None, quote=new_side)
            continue
        start = block.start + doc.text[block.start : block.end].index(body) if body in doc.text[block.start : block.end] else block.start
        end = start + len(body.rstrip("\r\n"))
        yield Claim(Kind.CODE_QUOTE, start, end, None, quote=body, advice=_fence_is_advice(doc, block.start))


def _fence_is_advice(doc: Document, start: int) -> bool:
    """A code block right after "Fix:", "instead:", "should be:" shows new code, not the file's."""
    before = doc.text[max(0, start - 200) : start]
    last = before.rstrip().splitlines()[-1] if before.strip() else ""
    return bool(re.search(r"(?i)\b(?:fix|fixed|instead|should|recommend\w*|replace\w*|safer|secure version|like this|corrected|example)\b", last))


def _is_diff(lines: list[str]) -> bool:
    filled = [l for l in lines if l.strip()]
    return len(filled) >= 2 and any(l.startswith("@@") for l in filled) and all(l[:1] in "+- @\\" for l in filled)


def _new_side(lines: list[str]) -> str:
    """A diff's lines after the change: context and '+' lines, markers dropped."""
    out = []
    for line in lines:
        if line.startswith(("+++", "---", "@@", "\\")):
            continue
        if line.startswith("-"):
            continue
        out.append(line[1:] if line[:1] in "+ " else line)
    return "".join(out)
