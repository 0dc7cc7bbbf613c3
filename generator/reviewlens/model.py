"""The records that flow between the pipeline's stages.

ingest -> Corpus/Case/Source/Report
extract -> Claim (what a report says)
verify -> Checked (what the source says about it)
score -> Metrics, ReportResult, CaseResult, Analysis (in results.py)

Every record is frozen; a stage builds new records and never edits the ones it
was given. Line numbers are 1-based and inclusive everywhere; character spans
are ``[start, end)`` offsets into the report text as read.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Kind(str, enum.Enum):
    """What sort of statement a claim is."""

    LINE_QUOTE = "line_quote"  # a line number printed with code
    LINE_REF = "line_ref"  # a line or range with a description
    CODE_QUOTE = "code_quote"  # quoted code without a line number
    IDENTIFIER = "identifier"  # a name the report attributes to the code
    VERDICT = "verdict"  # the report's conclusion
    FINDING = "finding"  # a defect the report says exists
    BEHAVIOUR = "behaviour"  # what the report says the code does to something: "the service is disabled"

    @property
    def locating(self) -> bool:
        """Points at source text: such claims compete for the same characters of a report
        (verdicts, findings and behaviour are statements about the whole and may hold them)."""
        return self in (Kind.LINE_QUOTE, Kind.LINE_REF, Kind.CODE_QUOTE, Kind.IDENTIFIER)

    @property
    def hallucinable(self) -> bool:
        """Quotes code or names it: its content can be absent from the file."""
        return self in (Kind.LINE_QUOTE, Kind.CODE_QUOTE, Kind.IDENTIFIER)


class Status(str, enum.Enum):
    """What checking a claim against the source found."""

    CORRECT = "correct"
    WRONG_LINE = "wrong_line"  # the content exists, at actual_lines
    NOT_IN_SOURCE = "not_in_source"
    OUT_OF_RANGE = "out_of_range"  # the cited lines leave the file
    UNVERIFIABLE = "unverifiable"


#: Order in which statuses are listed, and the worst one wins a shared line.
STATUS_ORDER = (
    Status.CORRECT,
    Status.WRONG_LINE,
    Status.NOT_IN_SOURCE,
    Status.OUT_OF_RANGE,
    Status.UNVERIFIABLE,
)
SEVERITY = {
    Status.NOT_IN_SOURCE: 4,
    Status.WRONG_LINE: 3,
    Status.OUT_OF_RANGE: 2,
    Status.UNVERIFIABLE: 1,
    Status.CORRECT: 0,
}


class Verdict(str, enum.Enum):
    NO_DEFECTS = "no_defects"
    DEFECTS_FOUND = "defects_found"
    UNCLEAR = "unclear"


@dataclass(frozen=True, slots=True, order=True)
class Lines:
    """An inclusive, 1-based range of source lines."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"empty line range {self.start}-{self.end}")

    def __contains__(self, line: int) -> bool:
        return self.start <= line <= self.end

    def __iter__(self):
        return iter(range(self.start, self.end + 1))

    def overlaps(self, other: Lines) -> bool:
        return self.start <= other.end and other.start <= self.end

    def __len__(self) -> int:
        return self.end - self.start + 1

    def overlap(self, other: Lines) -> int:
        """How many lines the two ranges share."""
        return max(0, min(self.end, other.end) - max(self.start, other.start) + 1)

    def distance(self, other: Lines) -> int:
        """Lines between the two ranges; 0 when they overlap."""
        if self.overlaps(other):
            return 0
        return other.start - self.end if other.start > self.end else self.start - other.end

    def label(self) -> str:
        """'line 12' or 'lines 21-53', as a reader would say it."""
        if self.start == self.end:
            return f"line {self.start}"
        return f"lines {self.start}-{self.end}"

    def as_list(self) -> list[int]:
        return [self.start, self.end]


# --- ingest -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    """The reviewed file of a case."""

    path: str  # file name relative to the case folder
    text: str  # decoded text, newlines as in the file
    lines: tuple[str, ...]  # the text split at \r\n, \r or \n, without the breaks
    language: str  # a Pygments lexer alias, "text" when unknown
    sha256: str  # of the file's bytes


@dataclass(frozen=True, slots=True)
class Problem:
    """Input that was skipped or partly read; reported on stderr and on the site.

    A case's problems have the case's folder as their path, a report's the
    report's file; the message reads on that case's or report's page as it is
    ("case.yaml title is ...", "is empty"), and elsewhere after the path."""

    path: str  # relative to the corpus root
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Report:
    """One review report, as its author wrote it."""

    id: str  # unique within the case, safe in a URL
    file: str  # path relative to the case folder, e.g. "reports/a.md"
    text: str  # the whole file as read ("" when it could not be read)
    body_start: int  # where the report body starts in text (after front matter)
    meta: dict[str, str]  # front matter: reviewer, model, prompt, date, ...
    problems: tuple[Problem, ...] = ()  # what went wrong reading it; the page says so
    format: str = "text"  # "text" (Markdown or plain), or a data format of generator/reviewlens/formats ("sarif", "bandit", ...)
    readable: bool = True  # False when nothing of it could be read (or, for data, understood)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


@dataclass(frozen=True, slots=True)
class Defect:
    """A known defect of a case's source, from truth.yaml."""

    id: str
    title: str
    cwe: str | None  # "CWE-89"
    lines: Lines
    note: str = ""
    file: str | None = None  # a source path; None for the main source


@dataclass(frozen=True, slots=True)
class Case:
    """One reviewed file and every report about it."""

    id: str  # folder name made safe for a URL
    folder: str  # folder name as on disk
    title: str
    description: str
    sources: tuple[Source, ...]  # the main source first; empty when none could be read
    reports: tuple[Report, ...]
    truth_verdict: Verdict | None  # from truth.yaml, when present
    upstream: dict[str, str] = field(default_factory=dict)
    defects: tuple[Defect, ...] = ()  # from truth.yaml; empty also when there is no truth
    problems: tuple[Problem, ...] = ()  # problems with the case itself (the report's are on the report)
    sizes: tuple[tuple[str, int], ...] = ()  # (path, bytes) of each source file read, decoded or not: a long
    #                                          file's pages are planned by its size before it is read

    @property
    def source(self) -> Source | None:
        """The main source: claims that name no file are about it."""
        return self.sources[0] if self.sources else None


@dataclass(frozen=True, slots=True)
class Corpus:
    root: str  # the folder's name, never an absolute path
    title: str
    description: str
    reviewers: dict[str, str]  # report id or file stem -> display name
    cases: tuple[Case, ...]
    problems: tuple[Problem, ...]


# --- extract ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement found in a report."""

    kind: Kind
    start: int  # span in the report text, [start, end)
    end: int
    lines: Lines | None  # the lines the report cites, if any
    quote: str | None = None  # code the report quotes, if any
    description: str | None = None  # what the report says about the lines
    verdict: Verdict | None = None  # for verdict claims
    name: str | None = None  # identifier claims: the (dotted) name
    role: str | None = None  # what the report says the name is: "parameter", "class", ...
    file: str | None = None  # the file the claim names ("cache.py"), None for the main source
    cwe: str | None = None  # finding claims: "CWE-89"
    title: str | None = None  # finding claims: the defect class, "SQL injection"
    fix: str | None = None  # finding claims: the recommended fix, if the report gives one
    advice: bool = False  # named in a recommendation, not said to be in the code
    unquoted: bool = False  # a CamelCase or dotted name in prose: absent, it is a term ("GitHub"), not an invented name
    together: tuple[Lines, ...] = ()  # a list citation ("x.py:19-22, 47-49"): every range of it, this one included
    near: Lines | None = None  # a name: the lines its sentence or item cites, where the report discusses it
    approx: bool = False  # "~line 132", "line 2-15 area", "after line 42": a few lines either way are fine
    context: str | None = None  # line_ref: the wider text around the citation (its paragraph, item or finding),
    #                             which may confirm the cited lines and never demands to be on them
    subject: Lines | None = None  # line_ref: the lines of the finding it stands in ("used at line 73" of a
    #                               secret on lines 45-46): what they assign may confirm the cited lines


@dataclass(frozen=True, slots=True)
class Advice:
    """A sentence that recommends something, and the item or section it stands in."""

    start: int  # the sentence, in file offsets
    end: int
    unit_start: int  # its list item, table row, section or paragraph
    unit_end: int


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extract stage found in one report."""

    claims: tuple[Claim, ...]
    words: int  # words in the report body
    advice: tuple[Advice, ...]  # its recommendation sentences
    verdict: Verdict = Verdict.UNCLEAR  # the report's conclusion, decided from its claims and its structure
    files: tuple[str, ...] = ()  # the code files the report names: the files it reviews


# --- verify -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a check gave its status: a code ("quote.elsewhere") and the facts behind it.
    messages.say() turns it into the sentence every output shows."""

    code: str
    facts: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        # Read back from JSON (the build cache), facts are plain data: give them their types again.
        if any(isinstance(v, (dict, list)) for _, v in self.facts):
            object.__setattr__(self, "facts", tuple((k, _revived(v)) for k, v in self.facts))

    def fact(self, name: str, default: Any = None) -> Any:
        return next((v for k, v in self.facts if k == name), default)


def _revived(value: Any) -> Any:
    """A fact as JSON gives it back: {"start", "end"} is Lines, {"code", "facts"} a Reason,
    {"regions", ...} a Place, a list a tuple."""
    if isinstance(value, list):
        return tuple(_revived(v) for v in value)
    if isinstance(value, dict):
        if value.keys() == {"start", "end"}:
            return Lines(value["start"], value["end"])
        if value.keys() == {"code", "facts"}:
            return Reason(value["code"], tuple((k, v) for k, v in value["facts"]))
        if "regions" in value:
            return Place(**{k: _revived(v) for k, v in value.items()})
    return value


@dataclass(frozen=True, slots=True)
class Place:
    """What a run of source lines is: the regions it touches, the definitions it heads
    (kind, name, extent, whether the run holds all of it), or the one it is inside."""

    regions: tuple[str, ...] = ()  # "licence", "imports"
    headed: tuple[tuple[str, str, Lines, bool], ...] = ()
    more: int = 0  # headed definitions beyond those listed
    inside: tuple[str, Lines] | None = None
    bare: str = "code"  # "comments", "blank" or "code", when none of the above


@dataclass(frozen=True, slots=True)
class Checked:
    """A claim together with what the source says about it."""

    id: int  # 1-based, in span order (its page anchor: view/addresses.claim_anchor)
    claim: Claim
    text: str  # report text[start:end]
    status: Status
    actual_lines: Lines | None  # where the content really is, when elsewhere
    reason: Reason  # why: messages.say(reason) is the one sentence a reader can check
    tags: tuple[str, ...] = ()  # "absent": the quoted code or name is nowhere in the file
