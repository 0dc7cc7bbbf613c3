"""Chart geometry for the pages: plain numbers that templates print as inline SVG.

Charts are drawn at build time (no script, no CDN) and coloured through CSS
classes, so they follow the light and dark palettes. Each chart comes with the
numbers it shows as a table for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewlens.model import STATUS_ORDER, Kind, Status
from reviewlens.results import CaseResult
from reviewlens.view import linemarks
from reviewlens.view.addresses import claim_anchor
from reviewlens.view.vocabulary import pct, status_label

BAR_HEIGHT = 18
BAR_GAP = 8
# A chart is drawn 500 px wide and scales to its box: on a 358 px phone its 13 px text is still 9 px.
LABEL_WIDTH = 170
PLOT_WIDTH = 290


@dataclass(frozen=True, slots=True)
class Segment:
    x: float
    width: float
    status: str  # CSS class suffix
    count: int
    title: str


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    y: float
    segments: list[Segment]
    total: int
    href: str = ""


@dataclass(frozen=True, slots=True)
class StackedBars:
    """Claims per status, one bar per report."""

    width: int
    height: int
    label_width: int
    bars: list[Bar]
    caption: str


def status_bars(case: CaseResult, hrefs: dict[str, str]) -> StackedBars:
    totals = [r.metrics.total for r in case.reports]
    most = max(totals + [1])
    bars = []
    for i, r in enumerate(case.reports):
        x = float(LABEL_WIDTH)
        segments = []
        for s in STATUS_ORDER:
            n = r.metrics.get(s)
            if n:
                w = PLOT_WIDTH * n / most
                segments.append(Segment(round(x, 2), round(w, 2), s.value, n, f"{r.reviewer}: {n} {status_label(s)}"))
                x += w
        bars.append(Bar(_short(r.reviewer), i * (BAR_HEIGHT + BAR_GAP), segments, r.metrics.total, hrefs.get(r.report.id, "")))
    height = len(bars) * (BAR_HEIGHT + BAR_GAP)
    return StackedBars(LABEL_WIDTH + PLOT_WIDTH + 40, max(height, 1), LABEL_WIDTH, bars,
                       "Claims per report, by status")


@dataclass(frozen=True, slots=True)
class HeatCell:
    x: int
    y: int
    height: int
    status: str
    title: str
    href: str = ""


@dataclass(frozen=True, slots=True)
class Heatmap:
    """Source lines (rows, in bands) by reports (columns): who cited which lines, how correctly."""

    width: int
    height: int
    columns: list[tuple[str, str, int]]  # (label, full name, x)
    cells: list[HeatCell]
    defects: list[HeatCell]  # true defects, in the first column
    band: int  # source lines per row
    rows: list[tuple[int, str]]  # (y, "line N") axis labels
    caption: str
    table: list[tuple[str, list[str]]] = field(default_factory=list)  # screen readers: report -> "lines 4-9 correct"


CELL_W = 26
ROW_H = 4
MAX_ROWS = 150


def heatmap(case: CaseResult, hrefs: dict[str, str], shown: int | None = None) -> Heatmap | None:
    """Source lines by report, for the first `shown` reports (all when None)."""
    source = case.case.source
    if source is None or not source.lines:
        return None
    n = len(source.lines)
    band = max(1, -(-n // MAX_ROWS))  # ceil: lines per row
    n_rows = -(-n // band)
    left = 60
    # A truth column only where the case knows its defects: reports start after it.
    truth = bool(case.case.defects)
    first = left + CELL_W * (0 if truth else -1)  # x of column i is first + CELL_W * i
    columns = [("truth", "known defects", left)] if truth else []
    reports = case.reports[:shown] if shown is not None else case.reports
    columns += [(f"R{i}", r.reviewer, first + CELL_W * i) for i, r in enumerate(reports, start=1)]
    cells, table = [], []
    for i, r in enumerate(reports, start=1):
        cited = [c for c in r.claims if c.claim.kind is not Kind.VERDICT and c.claim.file in (None, source.path)]
        described = []
        for row, mark in sorted(linemarks.marks(cited, n, band).items()):
            a, b = row * band + 1, min(n, (row + 1) * band)
            where = f"line {a}" if a == b else f"lines {a}-{b}"
            cells.append(HeatCell(first + CELL_W * i, row * ROW_H, ROW_H, mark.worst.value,
                                  f"R{i} {r.reviewer}, {where}: {mark.names()}",
                                  f"{hrefs.get(r.report.id, '')}#{claim_anchor(mark.opens.id)}"))
            described.append(f"{where} {status_label(mark.worst)}")
        table.append((r.reviewer, described))
    defects = []
    for d in case.case.defects:
        if d.file not in (None, source.path):
            continue
        top = (d.lines.start - 1) // band
        bottom = (d.lines.end - 1) // band
        defects.append(HeatCell(left, top * ROW_H, (bottom - top + 1) * ROW_H, "defect",
                                f"{d.id}: {d.title} ({d.cwe or 'no CWE'}), {d.lines.label()}"))
    if truth:
        table.insert(0, ("known defects", [f"{d.lines.label()} {d.title}" for d in case.case.defects]))
    ticks = [(row * ROW_H, f"{row * band + 1}") for row in range(0, n_rows, max(1, n_rows // 8))]
    return Heatmap(first + CELL_W * (len(reports) + 1) + 10, n_rows * ROW_H, columns, cells, defects, band, ticks,
                   f"Source lines by report{'' if band == 1 else f' ({band} lines per row)'}: which lines each report cites, and how correctly", table)


@dataclass(frozen=True, slots=True)
class ScoreBar:
    label: str
    y: float
    value: float | None  # 0..1
    width: float
    text: str


@dataclass(frozen=True, slots=True)
class ScoreChart:
    """One horizontal bar per reviewer for one score (accuracy, F1)."""

    title: str
    width: int
    height: int
    label_width: int
    plot_width: int
    bars: list[ScoreBar]


def score_chart(title: str, rows: list[tuple[str, float | None]]) -> ScoreChart:
    """Bars best first by this chart's own score (n/a last), whatever order the rows came in."""
    rows = sorted(rows, key=lambda row: (row[1] is None, -(row[1] or 0.0)))
    bars = []
    for i, (label, value) in enumerate(rows):
        width = 0.0 if value is None else PLOT_WIDTH * value
        bars.append(ScoreBar(_short(label), i * (BAR_HEIGHT + BAR_GAP), value, round(width, 2),
                             pct(value)))
    return ScoreChart(title, LABEL_WIDTH + PLOT_WIDTH + 50, max(1, len(bars) * (BAR_HEIGHT + BAR_GAP)),
                      LABEL_WIDTH, PLOT_WIDTH, bars)


def _short(label: str, most: int = 24) -> str:
    """A label that fits LABEL_WIDTH at the charts' 13 px (wider ones were cut at the left edge)."""
    return label if len(label) <= most else label[: most - 1] + "…"


__all__ = ["StackedBars", "Heatmap", "ScoreChart", "status_bars", "heatmap", "score_chart", "Status"]
