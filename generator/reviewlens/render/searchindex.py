"""What the site search holds for reviewlens' pages, made at render time.

Material's search plugin would parse every page's HTML in MkDocs' single
build process, and again on every rebuild. reviewlens pages are kept out of
it (their front matter says `search: exclude`); their entries are made here,
with the theme's own section parser, in the render workers, cached with the
page, and written into the index after the search plugin has written it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from material.plugins.search.plugin import Parser

Entry = dict[str, str]  # {"location", "title", "text"}, as the theme's search reads them


# Claim marks and their badges: inline, wordless (the theme skips a badge's
# number), and most of a report's tags. Dropped before parsing, they cost the
# parser nothing; the entries are the same (tested).
_OWN_INLINE = re.compile(r'</?mark\b[^>]*>|<a class="rl-badge[^>]*\sdata-search-exclude>[^<]*</a>')
# A report's own headings' ids: without them the theme's parser keeps the report one entry (its words then
# make the result's ?h=, whatever heading they stand under).
_REPORT_HEADING_ID = re.compile(r' id="rh-[^"]*"')


def entries(url: str, title: str, html: str) -> tuple[Entry, ...]:
    """The index entries of one page: one per section (a heading and what follows)."""
    return _entries(url, title, _REPORT_HEADING_ID.sub("", _OWN_INLINE.sub("", html)))


def _entries(url: str, title: str, html: str) -> tuple[Entry, ...]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    found = []
    for section in parser.data:
        if section.is_excluded():
            continue
        found.append({
            "location": f"{url}#{section.id}" if section.id else url,
            "title": "".join(section.title).strip() or title,
            "text": "".join(section.text).strip(),
        })
    return tuple(found)


def add_to_index(index: Path, ours: dict[str, tuple[Entry, ...]]) -> None:
    """Put our pages' entries (page URL -> entries) into the index the search
    plugin wrote, replacing whatever it holds for those pages."""
    if not index.is_file():
        return  # the site has no search
    data = json.loads(index.read_text(encoding="utf-8"))
    kept = [e for e in data.get("docs", []) if e.get("location", "").split("#", 1)[0] not in ours]
    data["docs"] = kept + [e for url in sorted(ours) for e in ours[url]]
    # The search plugin's own compact form.
    index.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
