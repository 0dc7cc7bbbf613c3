"""Every address on the site: page paths, their URLs, and the anchors inside a page.

People paste these into code-review discussions, so they are kept stable and
made in this one module:

    cases/<case>/<report>.md     a report's page (MkDocs source path)
    cases/<case>/lines/<file>-part-<k>.md   part k of a long file (view/parts.py)
    #L12, #L21-L53               lines of a case's main file (f2-L12 for its second file, ...)
    #claim-3                     a claim, marked in the report's text
    #claim-3-row                 the claim's row in the claims table

templates/assets/reviewlens.js reads the line anchors back ("#f2-L3-L9") to
highlight a range; its pattern follows line_anchor and lines_fragment below.
Links are relative, so a site works from any folder and any host.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from reviewlens.model import Case, Lines
from reviewlens.textio import slug

HOME_URI = "index.md"
ABOUT_URI = "about.md"
SCORES_URI = "scores.md"
LEADERBOARD_URI = "leaderboard.md"
CORPUS_URIS = (HOME_URI, ABOUT_URI, SCORES_URI, LEADERBOARD_URI)  # the pages about the whole corpus, in render order


def case_uri(case_id: str) -> str:
    return f"cases/{case_id}/index.md"


def report_uri(case_id: str, report_id: str) -> str:
    return f"cases/{case_id}/{report_id}.md"


def part_uris(case_id: str, path: str, parts: int, taken: set[str]) -> tuple[str, ...]:
    """The pages of a long file's parts: "cases/nova/lines/test-api.py-part-3.md" for part 3. taken: the
    names the case's other files have (two paths may make one name: "a/b.py", "a-b.py")."""
    stem = slug(path.replace("/", "-"))
    if stem in taken:
        stem += f"-{len(taken) + 1}"
    taken.add(stem)
    return tuple(f"cases/{case_id}/lines/{stem}-part-{k}.md" for k in range(1, parts + 1))


def url_of(src_uri: str, directory_urls: bool) -> str:
    """The page URL MkDocs gives a source path (as MkDocs computes it)."""
    if not directory_urls:
        return src_uri[:-3] + ".html"
    if src_uri == "index.md" or src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[:-3] + "/"


@dataclass(frozen=True)
class Linker:
    """Relative links from one page to another, under an optional prefix."""

    prefix: str  # "" or "reviews/" (plugin mode)
    directory_urls: bool

    def with_prefix(self, src_uri: str) -> str:
        """The page's path inside the MkDocs docs folder."""
        return self.prefix + src_uri

    def url(self, src_uri: str) -> str:
        """The page's URL, relative to the site's root."""
        return url_of(self.with_prefix(src_uri), self.directory_urls)

    def href(self, from_uri: str, to_uri: str, fragment: str = "") -> str:
        here_url = self.url(from_uri)
        # The folder a browser resolves relative links against.
        here = here_url.rstrip("/") if here_url.endswith("/") or not here_url else posixpath.dirname(here_url)
        there = self.url(to_uri)
        rel = posixpath.relpath(there or ".", here or ".")
        if (there == "" or there.endswith("/")) and not rel.endswith("/"):
            rel += "/"  # a folder page: link the folder, not a file of that name
        return rel + (f"#{fragment}" if fragment else "")


def file_prefixes(case: Case) -> dict[str, str]:
    """Anchor prefix per source path: the main file's lines are #L12, the second file's #f2-L12."""
    return {src.path: ("" if i == 0 else f"f{i + 1}-") for i, src in enumerate(case.sources)}


def line_stem(prefix: str) -> str:
    """What a line's anchor is before its number: "L", or "f2-L"."""
    return f"{prefix}L"


def line_anchor(prefix: str, n: int) -> str:
    return f"{prefix}L{n}"


def lines_fragment(prefix: str, lines: Lines) -> str:
    """The fragment that highlights lines: "L12" or "L21-L53" (prefixed for a second file)."""
    if lines.start == lines.end:
        return line_anchor(prefix, lines.start)
    return f"{line_anchor(prefix, lines.start)}-L{lines.end}"


def claim_anchor(claim_id: int) -> str:
    """The claim's mark in the report text."""
    return f"claim-{claim_id}"


def missed_anchor(defect_id: str) -> str:
    """A known defect a report missed, in its page's detection list: "missed-sql-injection"."""
    return "missed-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", defect_id).strip("-") or "defect")


def claim_row_anchor(claim_id: int) -> str:
    """The claim's row in the claims table (for claims whose text is not shown)."""
    return f"claim-{claim_id}-row"


def source_heading(prefix: str) -> str:
    """A report page's heading over a source file."""
    return f"{prefix}source"


def file_heading(prefix: str) -> str:
    """A case page's heading over a source file."""
    return f"{prefix}file"


def safe_title(text: str) -> str:
    """A title for MkDocs' navigation and <title>, which print it as HTML.

    Material's <title> runs striptags, which un-escapes entities, so escaping
    is not enough: the characters that make markup are swapped for look-alikes.
    """
    return " ".join(text.translate(_TITLE_SAFE).split()) or "untitled"


# "&" too: striptags would turn "&lt;script&gt;" back into "<script>".
_TITLE_SAFE = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "'": "’", "`": "‘"})
