"""The render stage's output: one record per page, what MkDocs is handed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from reviewlens.render.searchindex import Entry


@dataclass(frozen=True, slots=True)
class RenderedPage:
    uri: str  # docs-relative source path, e.g. "cases/nova/index.md"
    title: str  # the page's entry in MkDocs' nav: short
    html: str  # the page body
    search: tuple[Entry, ...]  # what the site search holds for the page
    heading: str  # the header bar and <title>: names the case on a report's page

    @property
    def digest(self) -> str:
        """Changes whenever what MkDocs would make of the page changes."""
        return hashlib.sha256(f"{self.title}\0{self.heading}\0{self.html}".encode("utf-8")).hexdigest()
