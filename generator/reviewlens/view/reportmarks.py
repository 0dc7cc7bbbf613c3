"""A report's text and the claims to mark in it: what the view model hands the renderer
(render/reporttext.py turns it into safe HTML)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MarkSpec:
    """How to mark one claim."""

    id: int
    start: int  # offsets into the text being rendered
    end: int
    css: str  # extra classes, e.g. "rl-st-wrong_line"
    href: str  # where the claim's badge links, e.g. "#L15"
    title: str  # tooltip: the claim's status and message
    symbol: str = ""  # the status's glyph, shown before the number: the status is never colour alone


@dataclass(frozen=True, slots=True)
class ReportText:
    """A report's text as its page shows it, with its claims to mark: what the
    view model hands the renderer (html() makes the HTML)."""

    body: str
    language: str | None  # a data report's language ("json"), shown as a code block; None for prose
    marks: tuple[MarkSpec, ...]
