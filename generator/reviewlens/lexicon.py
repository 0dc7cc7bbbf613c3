"""What the claim engine knows about how reviews and code are written: each
concept once, with examples, for every rule to read.

- file paths and names of code files;
- code names in prose;
- the keywords and built-ins of each programming language (never evidence of
  which lines are meant: `if`, `return`, `self`, `err` are everywhere);
- English words of prose that say nothing about which lines are meant;
- the words each human language cites a line with ("line 42", "строка 42",
  "第 42 行", "42 行目", "42행", "Zeile 42", "ligne 42", "línea 42", "linha 42").

Patterns here are the shared vocabulary; a rule's own patterns stay in its
module. Every pattern is linear (no nested quantifiers over the same text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- files ------------------------------------------------------------------------------

CODE_EXTENSIONS = (
    "py pyi js jsx mjs cjs ts tsx go rs c h cc cpp cxx hpp java kt rb php cs swift scala sh bash pl lua sql m mm "
    "r dart ex exs erl hs ml clj vue svelte gradle tf"
).split()
DOCUMENT_EXTENSIONS = "json yaml yml toml md ini cfg html htm css xml".split()

# A file path with an extension: "app.py", "./src/cache.py", "backend/app/market/routes.py", "package.json"
PATH = r"(?:\.{1,2}/)?(?:[\w.-]+/)*[\w-][\w.-]*\.[A-Za-z][A-Za-z0-9]{0,5}"

# A file name of code or a document, as a report names one: "cache.py", "src/agents/x.py", "package.json"
FILE_NAME = re.compile(
    r"(?<![\w/.-])((?:[\w.-]+/)*+[\w-]+(?:\.[\w-]+)*\.(?:" + "|".join(CODE_EXTENSIONS + DOCUMENT_EXTENSIONS) + r"))(?![\w])"
)

# A path or a citation of one, not code of the file: "internal/secretstore/store.go:392-400", "service.py", "a/b"
PATH_OR_CITATION = re.compile(
    r"[\w.-]*/[\w./-]*(?::[\d,\s–—-]*)?|[\w.-]+\.(?:" + "|".join(CODE_EXTENSIONS + DOCUMENT_EXTENSIONS) + r")(?::[\d,\s–—-]*)?"
)


def is_code_file(name: str) -> bool:
    """Whether a file name is code (not a document, a setting or a page): "x.py" yes, "PLAN.md" no."""
    return name.rsplit(".", 1)[-1].lower() not in DOCUMENT_EXTENSIONS


def same_file_path(a: str, b: str) -> bool:
    """Whether two written paths may name one file: equal, or one is the other's tail at a folder
    boundary (`app/models.py` and `models.py`; never `xmodels.py`)."""
    return a == b or a.endswith("/" + b) or b.endswith("/" + a)


# Where a file says it lives: a package declaration names the folders of its path, in languages
# whose packages are folders ("package org.acme.web;" is ".../org/acme/web/Config.java").
PACKAGE_FOLDERS = frozenset({"java", "kotlin", "scala", "groovy"})
PACKAGE = re.compile(r"^[ \t]*package[ \t]+([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)[ \t]*;?[ \t]*$", re.M)


def declared_folder(text: str, language: str) -> str | None:
    """The folders a file's package declaration names ("org/acme/web"), in a language where that is
    where the file lives, or None. Only the first 200 lines are read: the declaration heads the file."""
    if language.lower() not in PACKAGE_FOLDERS:
        return None
    m = PACKAGE.search("\n".join(text.splitlines()[:200]))
    return m.group(1).replace(".", "/") if m else None


# --- code names in prose ---------------------------------------------------------------

# A (dotted) name, optionally called: "foo", "a.b.C", "html.safe()", "$el"
IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(\))?")

# --- programming languages: words that are not names ------------------------------------------

# Keywords and built-ins per language (named as Pygments names it): a name that is one of these is
# syntax of the file, not a name that places a citation (`if`, `return`, `self`, `err`, `go`).
KEYWORDS: dict[str, frozenset[str]] = {name: frozenset(words.split()) for name, words in {
    "python": """False None True and as assert async await break class continue def del elif else except finally for
        from global if import in is lambda nonlocal not or pass raise return try while with yield match case self cls
        print len str int float bool list dict set tuple bytes object range isinstance super Exception""",
    "go": """break case chan const continue default defer else fallthrough for func go goto if import interface map
        package range return select struct switch type var true false nil iota err error string int int64 int32 uint
        byte rune bool float64 make len cap append new panic recover any""",
    "javascript": """break case catch class const continue debugger default delete do else export extends finally for
        function if import in instanceof let new return super switch this throw try typeof var void while with yield
        async await of static get set true false null undefined interface type enum implements private public
        protected readonly any number string boolean unknown never declare namespace module as from""",
    "java": """abstract assert boolean break byte case catch char class const continue default do double else enum
        extends final finally float for goto if implements import instanceof int interface long native new package
        private protected public return short static strictfp super switch synchronized this throw throws transient
        try void volatile while true false null var record yield String Override""",
    "rust": """as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod
        move mut pub ref return self Self static struct super trait true type unsafe use where while Some None Ok Err
        Option Result Vec String Box""",
    "bash": """if then else elif fi case esac for select while until do done in function time echo printf read local
        export declare set unset shift source exit return test true false cd eval exec trap env""",
    "c": """auto break case char const continue default do double else enum extern float for goto if inline int long
        register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while
        NULL class namespace template typename public private protected virtual new delete this nullptr bool true
        false using""",
}.items()}
for _alias, _name in {"py": "python", "python3": "python", "typescript": "javascript", "ts": "javascript",
                      "js": "javascript", "tsx": "javascript", "jsx": "javascript", "golang": "go", "kotlin": "java",
                      "scala": "java", "csharp": "java", "sh": "bash", "shell": "bash", "zsh": "bash", "cpp": "c",
                      "c++": "c"}.items():
    KEYWORDS[_alias] = KEYWORDS[_name]
# Where the language is unknown: the words that are syntax in nearly every language
UNIVERSAL = frozenset("if else for while return break continue true false null nil None this self new".split())
# A word that is syntax in any language we know: in code of unknown language (a program's output, the
# reviewer's own snippet), `def`, `func`, `err` and `String` say nothing about which code is meant
ANY_KEYWORD = frozenset().union(*KEYWORDS.values())
# Words in code marks that are a value or an abbreviation, never a name to look for: `true`, `None`, `self`, `e.g`
NOT_NAMES = frozenset("true false none null nil self this e.g i.e etc".split())


def keywords(language: str) -> frozenset[str]:
    """The keywords and built-ins of a language; the universal few when it is unknown."""
    return KEYWORDS.get(language.lower(), UNIVERSAL)


# --- English prose --------------------------------------------------------------------------

# Words that say nothing about which lines are meant: English glue and reviewers' verbs.
PROSE = frozenset("""
a an the and or but for with this that these those from into onto over under then than there their them they its
it's is are was were be been being has have had does did doing done can could would should will shall may might must
to of on in at by as if it we you i our your code line lines file here which what when where while who whom whose why
how also just only very more most some any all each every both either neither other such same new old using uses used
use make makes made sets set setup up get gets got call calls called named name defines define defined declares
declare contains contain containing includes include including provide provides provided ensure ensures check checks
checking sure necessary various several certain specific given following above below before after again part parts
section block statement statements function method class value values data test tests testing scenario environment
consider robust instead rather mock real not no yes one two many much few own doesn way ways thing things case cases
correctly properly correct issue issues finding findings problem problems risk severity high medium low critical
warning info note notes fix fixes area around near see also e.g i.e etc
""".split())

# --- human languages: how a line is cited -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class CitationWords:
    """How one human language cites a line: words before the number, or the frame around it."""

    language: str
    before: str  # a regex of the words that stand before a number: "line", "строка"
    ranges: str  # words between the two numbers of a range: "to", "до"
    joins: str  # words that join a list: "and", "и"
    example: str


CITATION_WORDS = (
    CitationWords("English", r"[Ll]ines?|LINES?", r"to|through|thru|until", r"and|&", "lines 10 and 12, line 5 to 9"),
    CitationWords("Russian", r"[Сс]трок(?:а|е|и|у|ой|ам|ах)?|[Сс]тр\.", r"до|по", r"и", "на строке 41, после строки 42"),
    CitationWords("German", r"[Zz]eilen?", r"bis", r"und", "in Zeile 20, Zeilen 3 bis 5"),
    CitationWords("French", r"[Ll]ignes?", r"à|au", r"et", "à la ligne 20, lignes 3 à 5"),
    CitationWords("Spanish", r"[Ll][ií]neas?", r"a|hasta", r"y", "en la línea 26, líneas 3 a 5"),
    CitationWords("Portuguese", r"[Ll]inhas?", r"a|até", r"e", "na linha 26, linhas 3 a 5"),
    CitationWords("Italian", r"[Rr]ig(?:a|he)", r"a", r"e", "alla riga 26"),
    CitationWords("Chinese", r"行号\s*[:：]?|行", r"至|到", r"和|及|与", "第 164-173 行, 行号: 45, 46, 第 108、137-139 行"),
)

CITE_BEFORE = "|".join(f"(?:{w.before})" for w in CITATION_WORDS if w.language != "Chinese")
CITE_RANGE = "|".join(w.ranges for w in CITATION_WORDS)
CITE_JOIN = "|".join(w.joins for w in CITATION_WORDS)

# The dash of a range: "10-12", "10–12", "10 ~ 12", "10～12"
DASH = r"[ \t]*[-–—~～][ \t]*"
