"""What is where in a source file, for checking what reports say about it.

Built once per source file (not per report), from Pygments tokens for every
language, refined with Python's own `ast` for Python:

- regions: the licence header, import blocks, docstrings;
- definitions: classes and functions with their header lines, extent and
  parameters;
- names: where each identifier occurs *as code* (not in a comment or string),
  and where it occurs only in comments or strings;
- words: the parts of identifiers ("RealPolicyFixture" -> real, policy,
  fixture), keywords and comment words, stemmed, by line. A description such as
  "uses fixtures for policy and placement" is located through these.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

from reviewlens.lexicon import keywords
from reviewlens.lexing import lex_lines
from reviewlens.model import Lines, Source
from reviewlens.verify import pystructure
from reviewlens.verify.words import number_value, stem, subwords


@dataclass(frozen=True, slots=True)
class Definition:
    kind: str  # "class", "function" or "method"
    name: str
    header: Lines  # the class/def statement, signature included
    extent: Lines  # decorators, header and body
    params: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Region:
    kind: str  # "licence", "imports" or "docstring"
    lines: Lines


# A licence header says so: "Licensed under the Apache License", "SPDX-License-Identifier", "Copyright"
LICENCE = re.compile(r"licen[cs]e|copyright|spdx|\(c\)\s*\d{4}", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_IMPORT_WORDS = {"import", "from", "require", "include", "using", "use", "package"}
_DEF_WORDS = {"def", "class", "function", "func", "fn", "struct", "interface", "sub", "procedure", "trait", "enum"}
_MODIFIERS = r"(?:(?:export|default|public|private|protected|internal|static|async|abstract|final|inline|override|virtual|" \
             r"readonly|synchronized|unsafe|extern|pub(?:\([^)]*\))?|get|set)\s+)*"
# "func (s *store) resolveKey(", "export async function run(", "class Vault", "type store struct", "fn main("
_KEYWORD_DEF = re.compile(
    rf"^\s*{_MODIFIERS}(?:(?P<kw>function\*?|class|struct|interface|trait|enum|fn|fun|def|sub|procedure|func)(?:\s+|(?=\())"
    rf"(?:\([^)]*\)\s*)?|(?P<type>type)\s+(?=[A-Za-z_]\w*\s+(?:struct|interface)\b))(?P<name>[A-Za-z_$][\w$]*)"
)
# "const handle = async (x) => {", "let f = function (", "export const g = x =>"
_ARROW_DEF = re.compile(
    r"^\s*(?:export\s+)?(?:const|let|var)\s+(?P<name>[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s+)?"
    r"(?:function\b|\([^)]*\)?\s*(?::\s*[^=]+)?=>|[A-Za-z_$][\w$]*\s*=>|\($)"
)
# A method header: "async execute(signal) {", "public void run() {", "private foo<T>(x: T): void {"
_METHOD_DEF = re.compile(rf"^\s*{_MODIFIERS}(?P<type>[\w<>\[\],.?]+\s+)??(?P<name>[A-Za-z_$][\w$]*)\s*(?:<[^>()]*>)?\s*\(")
# Languages whose methods are written without a keyword and whose statements end with ";":
# a name, "(" and a block is a method there (in Go or Kotlin it would be a call).
_METHOD_LANGUAGES = {"javascript", "js", "typescript", "ts", "java", "csharp", "c#", "cpp", "c++", "c", "php", "scala",
                     "dart", "jsx", "tsx", "objective-c", "swift"}
_CALLBACK = re.compile(r"=>|\bfunction\b|\bnew\s")
_NOT_NAMES = {"if", "for", "while", "switch", "catch", "return", "new", "function", "typeof", "await", "else", "do", "try",
              "with", "super", "this", "throw", "delete", "void", "yield", "case", "sizeof", "foreach", "elif", "match", "defer", "go"}


_NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
SHELLS = {"bash", "sh", "shell", "zsh", "ksh", "console", "shell-session", "powershell", "batch", "make", "makefile",
          "dockerfile", "docker"}
_SHELL_WORD = re.compile(r"[A-Za-z_][\w-]*")
_NOT_WORD = re.compile(r"[^\w$]+")


@lru_cache(maxsize=None)
def _kind(ttype) -> str:
    """What a Pygments token type is, for the index (a few hundred types, asked millions of times)."""
    if ttype in Comment:
        return "preproc" if ttype in Comment.Preproc or ttype in Comment.PreprocFile else "comment"
    if ttype in String:
        return "docstring" if ttype in String.Doc else "string"
    if ttype in Name or ttype in Keyword:
        return "name"
    if ttype in (Text, Whitespace):
        return "space"  # (a shell's words are Text: _scan_tokens reads them as names there)
    return "other"


class Structure:
    def __init__(self, source: Source):
        self.n_lines = len(source.lines)
        self.lines = source.lines
        self.keywords = keywords(source.language)  # the language's syntax: never evidence of which lines
        self.code_names: dict[str, list[int]] = defaultdict(list)  # identifier -> lines, as code
        self.other_names: dict[str, list[tuple[int, str]]] = defaultdict(list)  # -> (line, "comment"|"string")
        self.words: dict[str, set[int]] = defaultdict(set)  # stem -> lines
        self.code_text: list[str] = []  # each line with comments and strings blanked out
        self.code_and_strings: list[str] = []  # each line with comments blanked out
        self.comment_lines: set[int] = set()
        self.numbers: dict[float, list[int]] = defaultdict(list)  # a number literal of the code -> lines
        self._hallmarks: dict[str, list[int]] = {}  # defect class -> lines with its hallmark, when first asked
        self.definitions: list[Definition] = []
        self.regions: list[Region] = []
        self.attributes: dict[str, list[int]] = defaultdict(list)  # self.x / this.x = ... -> lines
        self.locals: dict[str, list[int]] = defaultdict(list)  # names assigned inside functions
        self._scan_tokens(source)
        if source.language in ("python", "python3", "py") and not pystructure.scan(self, source.lines):
            self._generic_definitions(source)
        elif source.language not in ("python", "python3", "py"):
            self._generic_definitions(source)
            self._generic_imports()
        self._licence()
        for mapping in (self.code_names, self.attributes, self.locals):
            for key in mapping:
                mapping[key] = sorted(set(mapping[key]))
        # A name of several words, as prose spells it: "adminapi" -> admin_api (first in the file wins).
        self.spelled: dict[str, str] = {}
        for name in self.code_names:
            parts = subwords(name)
            if len(parts) >= 2:
                self.spelled.setdefault("".join(p.lower() for p in parts), name)
        self.definitions.sort(key=lambda d: (d.header.start, d.name))
        self.regions.sort(key=lambda r: (r.lines.start, r.kind))

    # -- every language: tokens ------------------------------------------------

    def _scan_tokens(self, source: Source) -> None:
        self._leading_comment_lines: list[int] = []
        self._first_code_line = None
        self._tokens = lex_lines(source)
        # Shell lexers give a command's or a function's name as plain Text ("_run_step() {", "_curl -s"):
        # there a word of Text is a name.
        words_are_names = source.language in SHELLS
        for n, toks in enumerate(self._tokens, start=1):
            code = []
            with_strings = []
            has_code = False
            for ttype, text in toks:
                kind = _kind(ttype)
                if kind == "space" and words_are_names and ttype is Text and _SHELL_WORD.fullmatch(text):
                    kind = "name"
                if kind in ("comment", "preproc"):
                    self.comment_lines.add(n)
                    for w in _WORD.findall(text):
                        self.words[stem(w)].add(n)
                    for name in _NAME.findall(text):
                        self.other_names[name].append((n, "comment"))
                    code.append(" " * len(text))
                    with_strings.append(" " * len(text))
                    if kind == "preproc":
                        has_code = True
                        code[-1] = with_strings[-1] = text
                elif kind in ("string", "docstring"):
                    for name in _NAME.findall(text):
                        self.other_names[name].append((n, "string"))
                    if kind == "string":  # a docstring describes the code; a literal is part of it
                        for w in _WORD.findall(text):
                            for part in subwords(w) or [w]:
                                self.words[stem(part)].add(n)
                    code.append('"' + " " * max(len(text) - 2, 0) + '"' if len(text) >= 2 else " ")
                    with_strings.append(text)
                    has_code = True
                else:
                    code.append(text)
                    with_strings.append(text)
                    if kind == "name":
                        has_code = True
                        for part in _NOT_WORD.split(text):
                            if part and not part[0].isdigit():
                                self.code_names[part].append(n)
                                for w in subwords(part) or [part]:
                                    self.words[stem(w)].add(n)
                    elif kind == "other" and text.strip():
                        has_code = True
                        if ttype in Number and (value := number_value(text)) is not None:
                            self.numbers[value].append(n)
            self.code_text.append("".join(code))
            self.code_and_strings.append("".join(with_strings))
            if self._first_code_line is None:
                if has_code:
                    self._first_code_line = n
                elif n in self.comment_lines:
                    self._leading_comment_lines.append(n)

    def _licence(self) -> None:
        lead = self._leading_comment_lines
        if lead and any(LICENCE.search(self.lines[n - 1]) for n in lead):
            self.regions.append(Region("licence", Lines(lead[0], lead[-1])))

    def _merge_imports(self, imports: list[Lines]) -> None:
        """Imports separated only by blank or comment lines form one block."""
        merged: list[Lines] = []
        for span in sorted(imports):
            if merged and all(
                not self.code_text[n - 1].strip() for n in range(merged[-1].end + 1, span.start)
            ):
                merged[-1] = Lines(merged[-1].start, max(merged[-1].end, span.end))
            else:
                merged.append(span)
        self.regions += [Region("imports", s) for s in merged]

    # -- other languages: tokens and braces ------------------------------------------

    def _generic_imports(self) -> None:
        found = []
        for n, text in enumerate(self.code_text, start=1):
            words = re.findall(r"[#\w]+", text)
            head = words[0].lstrip("#") if words else ""
            if head in _IMPORT_WORDS or re.search(r"\brequire\s*\(|^\s*#\s*include\b", self.lines[n - 1]):
                found.append(Lines(n, n))
        self._merge_imports(found)

    def _generic_definitions(self, source: Source) -> None:
        """Definitions in brace languages, from their header lines (comments and
        strings blanked): a keyword form (`func`, `function`, `class`, `type X
        struct`, Go's `func (r *T) name(`), a method header (`async execute(...) {`,
        `public void run() {`) or a function bound to a name (`const f = async (x) => {`).
        A header that does not open a block before a `;` is a call, not a definition."""
        self._methods_without_keyword = source.language in _METHOD_LANGUAGES
        for n, code in enumerate(self.code_text, start=1):
            m = _KEYWORD_DEF.match(code) or _ARROW_DEF.match(code)
            kind, method = "function", False
            if m is not None:
                if m.groupdict().get("kw") in ("class", "struct", "interface", "trait", "enum") or m.groupdict().get("type"):
                    kind = "class"
            else:
                m = _METHOD_DEF.match(code) if self._methods_without_keyword else None
                if (m is None or m.group("name") in _NOT_NAMES or (m.group("type") or "").strip() in _NOT_NAMES
                        or not self._opens_block(n, m.end("name"), method=True)):
                    continue
                method = True
            extent = self._brace_extent(n) if self._opens_block(n, m.end("name"), method) else Lines(n, n)
            self.definitions.append(Definition(kind, m.group("name"), Lines(n, n), extent, self._params(n)))

    def _opens_block(self, line: int, col: int, method: bool = False) -> bool:
        """Whether a `{` comes before any `;` from line:col on (within a few lines); for a
        method header, not after an arrow or `function` (a call passing a callback: `setTimeout(() => {`)."""
        seen = ""
        for n in range(line, min(self.n_lines, line + 12) + 1):
            text = self.code_text[n - 1][col if n == line else 0:]
            brace, semi = text.find("{"), text.find(";")
            if brace != -1 and (semi == -1 or brace < semi):
                return not (method and _CALLBACK.search(seen + text[:brace]))
            if semi != -1:
                return False
            seen += text
        return False

    def _brace_extent(self, start: int) -> Lines:
        depth, opened = 0, False
        for n in range(start, min(self.n_lines, start + 5000) + 1):
            for ttype, text in self._tokens[n - 1]:
                if ttype in Punctuation or ttype in Operator:
                    depth += text.count("{") - text.count("}")
                    opened = opened or "{" in text
            if opened and depth <= 0:
                return Lines(start, n)
            if not opened and n > start + 12:  # a signature may run over several lines before its "{"
                break
        return Lines(start, start)

    def _params(self, line: int) -> tuple[str, ...]:
        text = self.code_text[line - 1]
        m = re.search(r"\(([^)]*)\)", text)
        if not m:
            return ()
        return tuple(re.findall(r"([A-Za-z_$][\w$]*)\s*(?:[:=,)]|$)", m.group(1) + ")"))

    # -- questions verify asks ------------------------------------------------------------

    def hallmark_lines(self, cls) -> list[int]:
        """Lines holding a defect class's hallmark (code and strings); scanned once per class."""
        found = self._hallmarks.get(cls.cwe)
        if found is None:
            found = self._hallmarks[cls.cwe] = [
                n for n, text in enumerate(self.code_and_strings, start=1) if cls.hallmark.search(text)
            ]
        return found

    def regions_of(self, kind: str) -> list[Region]:
        return [r for r in self.regions if r.kind == kind]

    def definitions_named(self, name: str) -> list[Definition]:
        return [d for d in self.definitions if d.name == name]

    def code_occurrences(self, dotted: str) -> list[int]:
        """Lines where a (dotted) name occurs as code: `self.image_id`, `cast_as_call.CastAsCall`,
        and `image.fake` within `nova.tests.unit.image.fake`."""
        parts = dotted.split(".")
        if len(parts) == 1:
            return list(self.code_names.get(dotted, []))
        candidates = set(self.code_names.get(parts[-1], []))
        pattern = re.compile(r"(?<![\w$])" + r"\s*\.\s*".join(re.escape(p) for p in parts) + r"(?![\w$])")
        return sorted(n for n in candidates if pattern.search(self.code_text[n - 1]))
