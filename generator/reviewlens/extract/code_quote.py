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

from reviewlens.extract.citations import NONE, Citations
from reviewlens.extract.document import Document
from reviewlens.extract.identifier import FILE_AND_NAME
from reviewlens.extract.numbered_quote import looks_like_code
from reviewlens.lexicon import IDENTIFIER
from reviewlens.model import Claim, Kind

# What introduces a message quoted from the code: "the error message (`failed to decrypt`)", "logs `x`"
_MESSAGE = re.compile(r"(?:\b(?:error|message|messages|log|logs|prints|string|text)|错误信息|信息|日志)\W{0,4}$", re.I)

# A command-line option: `set -euo pipefail`, `git push --force` (a command, not prose)
_OPTION = re.compile(r"(?<!\S)--?[A-Za-z][\w-]*")

# A path, file name or URL rather than code: "/files/../x.db", "app.py", "https://x"
PATHLIKE = re.compile(r"^(?:[a-z]+://\S+|/[\w./%?=&'-]*|[\w.-]+/[\w./-]*|[\w-]+\.[A-Za-z]{1,6})$")


def find(doc: Document, cited: Citations = NONE) -> Iterator[Claim]:
    for span in doc.code_spans:
        content = span.content.strip()
        if not content or IDENTIFIER.fullmatch(content) or PATHLIKE.match(content) or FILE_AND_NAME.fullmatch(content):
            continue
        if not re.search(r"[A-Za-z_]\w", content):
            continue  # punctuation or shell syntax on its own: `;`, `$(...)`
        if not looks_like_code(content) and not re.search(r"[<>+*%]", content) and not _OPTION.search(content) and not _MESSAGE.search(
                doc.text, max(0, span.start - 40), span.start):
            continue  # prose in backticks, unless it is a message the code prints: error message `failed to ...`
        yield Claim(Kind.CODE_QUOTE, span.content_start, span.content_end, None,
                    quote=span.content, advice=doc.is_advice(span.start))
    for block in doc.blocks:
        if block.kind not in ("fence", "code_block"):
            continue
        start, body = doc.block_body(block)
        if not body.strip():
            continue
        lines = body.splitlines(keepends=True)
        if block.info.split()[:1] == ["diff"] or _is_diff(lines):
            new_side = _new_side(lines)
            if new_side.strip():
                # The span stays the block's; the quote is what the file has after the change.
                yield Claim(Kind.CODE_QUOTE, block.start, block.end, None, quote=new_side)
            continue
        parts = _before_after(body)
        if parts is None:
            end = start + len(body.rstrip("\r\n"))
            yield Claim(Kind.CODE_QUOTE, start, end, None, quote=body, advice=doc.block_is_advice(block))
            continue
        for offset, part, proposed in parts:  # "// Before" the file's code, "// After" the reviewer's
            if part.strip():
                a = start + offset
                yield Claim(Kind.CODE_QUOTE, a, a + len(part.rstrip("\r\n")), None, quote=part, advice=proposed)


# A comment line that says which side of a change the code after it shows: "// Before", "# After (fixed):",
# "/* Vulnerable */", "// 修复前", "// 修复后", "# Было", "# Стало"
_SIDE = re.compile(
    r"^[ \t]*(?:#|//|--|/\*|;)[ \t]*(?:(?P<old>before|old|original|current|vulnerable|insecure|problem(?:atic)?|"
    r"修复前|原代码|原来|问题代码|было|сейчас)|(?P<new>after|new|fixed|proposed|suggested|secure|safer?|recommended|"
    r"修复后|建议|改为|стало|исправлено))\b[^\n]*$", re.I)


def _before_after(body: str) -> list[tuple[int, str, bool]] | None:
    """A block that shows one side of a change or both, each headed by a comment ("// Before",
    "// After"): its parts as (offset, code, proposed), the comment lines left out; None for a
    block with no such comment."""
    parts: list[tuple[int, str, bool]] = []
    pos, current, proposed, at = 0, [], None, 0
    for line in body.splitlines(keepends=True):
        side = _SIDE.match(line)
        if proposed is None and not side and line.strip():
            return None  # code before any side is named: a block of one kind
        if side:
            if current and proposed is not None:
                parts.append((at, "".join(current), proposed))
            current, proposed, at = [], side.group("new") is not None, pos + len(line)
        elif proposed is not None:
            current.append(line)
        pos += len(line)
    if current and proposed is not None:
        parts.append((at, "".join(current), proposed))
    return parts or None


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
