"""Which file a claim is about, and a report that read another version of it."""

from __future__ import annotations

from reviewlens.messages import Reason, plural, say, sentence, shown
from reviewlens.model import Lines

# --- which file ----------------------------------------------------------------------------------

@sentence("file.none")
def _() -> str:
    return "The case has no readable source to check against."


@sentence("file.not_held")
def _(name: str) -> str:
    return f"The claim is about `{name}`, a file this case does not hold."


@sentence("file.several")
def _(name: str) -> str:
    return f"The claim names `{name}`, which matches several files of this case."


@sentence("file.alike")
def _(name: str, files: tuple[str, ...], count: int) -> str:
    return (f"The report names {count} files called `{name}` ({', '.join(f'`{f}`' for f in files[:3])}); which one "
            "this case holds is not known (case.yaml `upstream.path` would say).")


@sentence("file.placed_elsewhere")
def _(here: Reason, file: str) -> str:
    return f"{say(here)} (The report places it in `{file}`, which this case does not hold; it is this file's own.)"


@sentence("file.occurs_here_too")
def _(here: Reason, file: str) -> str:
    return (f"The claim is about `{file}`, a file this case does not hold; that this one has the name too proves "
            f"nothing of it: {say(here)}")


@sentence("file.maybe_theirs")
def _(name: str | None, quote: str | None, others: tuple[str, ...]) -> str:
    subject = f"`{name}`" if name is not None else shown(quote or "")
    named = ", ".join(f"`{f}`" for f in others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    return (f"{subject} is not in this file; the report also reviews {named}, which this case does not hold, "
            "and it may be from there.")


@sentence("file.out_of_range")
def _(cited: Lines, n: int) -> str:
    return f"Cites {cited.label()}, but the file has {plural(n, 'line')}."


@sentence("version.moved")
def _(here: Reason, shift: int) -> str:
    return f"{say(here)} {_moved(shift)}"


@sentence("version.ref_moved")
def _(cited: Lines, moved: Lines, shift: int) -> str:
    return f"What {cited.label()} {'describes' if len(cited) == 1 else 'describe'} is on {moved.label()}. {_moved(shift)}"


def _moved(shift: int) -> str:
    return (f"(Moved {'down' if shift > 0 else 'up'} {plural(abs(shift), 'line')}, "
            "as throughout this report: it read another version of the file.)")
