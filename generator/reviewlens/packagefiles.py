"""Where reviewlens' own files are: its templates, assets, MkDocs base
settings and the annotations schema (never a corpus's files)."""

from __future__ import annotations

from pathlib import Path


def templates_dir() -> Path:
    """reviewlens/templates inside an installed wheel; templates/ at the top of a checkout
    (generator/reviewlens/ is the package there; an editable install runs from it)."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "templates", package.parent.parent / "templates"):
        if (candidate / "report.html").is_file():
            return candidate
    raise FileNotFoundError(f"reviewlens templates not found beside {package}")
