"""What each citation binds, and the mark that follows (issue 21's classes), one row per behaviour.

The source is a small store written for these tests; each row is a report fragment, and the
citations it must find with their status, in text order.
"""

import pytest

from reviewlens.extract import extract
from reviewlens.messages import say
from reviewlens.model import Report, Source
from reviewlens.textio import split_lines
from reviewlens.verify import CaseSources, verify

STORE = '''import sqlite3
import os


class Store:
    """A tiny key-value store."""

    def __init__(self, path):
        self.path = path
        self.cache = {}

    def open_db(self):
        conn = sqlite3.connect(self.path)
        return conn

    def get(self, key):
        if key in self.cache:
            return self.cache[key]
        conn = self.open_db()
        row = conn.execute("SELECT v FROM kv WHERE k = '%s'" % key).fetchone()
        self.cache[key] = row
        return row

    def clear(self):
        self.cache.clear()
        os.system("rm -rf /tmp/cache-" + self.path)


def run_query(conn, sql):
    timeout = 10
    return conn.execute(sql, timeout=timeout)
'''


def citations(text: str) -> list[tuple[str, str]]:
    """(lines, status) of every line reference the report makes, in text order."""
    sources = CaseSources((Source("store.py", STORE, split_lines(STORE), "python", ""),))
    checked = verify(extract(Report("r", "reports/r.md", text, 0, {})), text, sources)
    return [(c.claim.lines.label(), c.status.value) for c in checked if c.claim.kind.value == "line_ref"]


@pytest.mark.parametrize("text, expected", [
    # 1. Scope: each citation is judged by what stands beside it, not by its paragraph's other names
    pytest.param("`store.py:12` (`open_db`) and `store.py:29` (`run_query`) both trust the caller's `path`.",
                 [("line 12", "correct"), ("line 29", "correct")], id="scope_adjacent_after"),
    pytest.param("The `open_db` helper (line 12) and `run_query` (line 29) both trust the caller.",
                 [("line 12", "correct"), ("line 29", "correct")], id="scope_adjacent_before"),
    # 2. Keywords and prose words are not names; a quoted statement is a quote checked on its line
    pytest.param("The check `if key in self.cache: return` (line 17) runs first.", [("line 17", "correct")],
                 id="statement_is_a_quote"),
    pytest.param("The check `if key in self.cache: return` (line 25) runs first.", [("line 25", "wrong_line")],
                 id="statement_elsewhere_is_wrong_line"),
    # 3. Containment: a line inside the named definition
    pytest.param("The `get()` method (line 20) formats SQL. In `clear` at line 26 a shell runs.",
                 [("line 20", "correct"), ("line 26", "correct")], id="inside_the_named_definition"),
    # 4. A table row binds its other cells
    pytest.param("| Function | Where |\n|---|---|\n| `open_db` | store.py:12-14 |\n| `run_query` | store.py:29 |\n",
                 [("lines 12-14", "correct"), ("line 29", "correct")], id="inventory_rows"),
    pytest.param("| Function | Lines |\n|---|---|\n| `Store.get()` | 16-22 |\n| `open_db` | 12 |\n| `clear` | 12 |\n",
                 [("lines 16-22", "correct"), ("line 12", "correct"), ("line 12", "wrong_line")], id="column_of_lines"),
    pytest.param("| 行号 | 问题 |\n|---|---|\n| 26 | `os.system` 拼接命令 |\n", [("line 26", "correct")],
                 id="column_of_lines_chinese_header"),
    # 5. A comment in a code block binds its own row, or the rows it heads
    pytest.param("```python\nself.cache.clear()  # Line 25\n```\n", [("line 25", "correct")], id="trailing_comment"),
    pytest.param("```python\n# Lines 20-21: query then cache\nrow = conn.execute(...)\nself.cache[key] = row\n```\n",
                 [("lines 20-21", "correct")], id="comment_heads_rows"),
    pytest.param("```python\nself.cache.clear()  # Line 20\n```\n", [("line 20", "wrong_line")],
                 id="comment_on_the_wrong_row"),
    # 6. Other languages
    pytest.param("В строке 26 вызывается `os.system`.", [("line 26", "correct")], id="russian"),
    pytest.param("`os.system` 在第 26 行被调用。", [("line 26", "correct")], id="chinese"),
    pytest.param("`os.system` は 26 行目で呼ばれます。", [("line 26", "correct")], id="japanese"),
    pytest.param("`os.system` 는 26행에서 호출됩니다.", [("line 26", "correct")], id="korean"),
    pytest.param("In Zeile 26 wird `os.system` aufgerufen.", [("line 26", "correct")], id="german"),
    pytest.param("À la ligne 26, `os.system` est appelé.", [("line 26", "correct")], id="french"),
    pytest.param("En la línea 26 se llama a `os.system`.", [("line 26", "correct")], id="spanish"),
    pytest.param("Na linha 26 chama `os.system`.", [("line 26", "correct")], id="portuguese"),
    # 7. Loose forms
    pytest.param("`os.system` runs around line 24.", [("line 24", "correct")], id="approximate_within_slack"),
    pytest.param("[store.py](store.py#L24-L26) runs a shell with `os.system`.", [("lines 24-26", "correct")],
                 id="github_anchor"),
    pytest.param("`conn.execute` is called at L20, 31.", [("line 20", "correct"), ("line 31", "correct")],
                 id="short_list"),
    pytest.param("- **Lines**: 13\n- uses `sqlite3.connect`\n", [("line 13", "correct")], id="field"),
    pytest.param("`store.py:26:9` calls `os.system`.", [("line 26", "correct")], id="line_and_column"),
    # Context confirms and never accuses: prose that names nothing here stays unverifiable
    pytest.param("- **SQL injection** (lines 21-22): `21 row = conn.execute(\"SELECT v FROM kv WHERE k = '%s'\" % key)`\n",
                 [("lines 21-22", "unverifiable")], id="context_quoting_these_lines_elsewhere_confirms_nothing"),
    pytest.param("The file is careful about caching (line 3).", [("line 3", "unverifiable")], id="prose_names_nothing"),
])
def test_a_citation_binds_what_stands_beside_it(text, expected):
    assert citations(text) == expected


def test_a_bare_location_is_placed_by_the_code_its_finding_quotes():
    report = "# SQL injection\n\n- File: store.py\n- Line: 21\n\n```python\nrow = conn.execute(\"SELECT v FROM kv WHERE k = '%s'\" % key).fetchone()\n```\n"
    assert citations(report) == [("line 21", "wrong_line")]


def test_a_report_of_another_version_is_told_once_and_its_citations_carry_the_offset():
    # Every citation is three lines early: the file gained three lines since the review.
    moved = "\n\n\n" + STORE
    text = ("- `10 self.cache = {}`\n- `13 conn = sqlite3.connect(self.path)`\n- `22 return row`\n"
            "- Line 17 opens `if key in self.cache` before the query.\n")
    sources = CaseSources((Source("store.py", moved, split_lines(moved), "python", ""),))
    checked = verify(extract(Report("r", "reports/r.md", text, 0, {})), text, sources)
    cited = [c for c in checked if c.claim.kind.value in ("line_quote", "line_ref")]
    assert [(c.claim.lines.start, c.status.value, c.actual_lines.start) for c in cited] == [
        (10, "wrong_line", 13), (13, "wrong_line", 16), (22, "wrong_line", 25), (17, "wrong_line", 20)]
    assert all("(Moved down 3 lines, as throughout this report" in say(c.reason) for c in cited)
    from reviewlens.model import Extraction
    from reviewlens.score.flags import raise_flags
    (flag,) = [f for f in raise_flags(Extraction((), 0, ()), tuple(checked), len(moved.splitlines()), text)
               if f.id == "another_version"]
    assert "4 of its citations fit this file moved down 3 lines" in flag.evidence


@pytest.mark.parametrize("block, status, said", [
    pytest.param("conn = self.open_db()  # opens a new connection every call\n"
                 "row = conn.execute(\"SELECT v FROM kv WHERE k = '%s'\" % key).fetchone()\n",
                 "correct", "1 of the reviewer's comments are not the file's", id="comment_added_after_code"),
    pytest.param("# the reviewer's note: no validation here\nconn = self.open_db()\n"
                 "row = conn.execute(\"SELECT v FROM kv WHERE k = '%s'\" % key).fetchone()\n",
                 "correct", "1 of the reviewer's comments are not the file's", id="comment_line_added"),
    pytest.param("if key in self.cache:\n    return self.cache[key]\nconn = self.open_db()\n"
                 "row = conn.execute(\"SELECT v FROM kv WHERE k = ?\", (key,)).fetchone()\n"
                 "self.cache[key] = row\n",
                 "correct", "1 of its lines is changed", id="one_line_changed"),
    pytest.param("conn = open_database()\nrows = conn.fetch_everything()\nself.cache[key] = row\n",
                 "not_in_source", "2 of the block's 3 lines of code are not in the source", id="mostly_invented"),
])
def test_an_annotated_quote_is_judged_line_by_line(block, status, said):
    text = f"The lookup:\n\n```python\n{block}```\n"
    sources = CaseSources((Source("store.py", STORE, split_lines(STORE), "python", ""),))
    (quote,) = [c for c in verify(extract(Report("r", "reports/r.md", text, 0, {})), text, sources)
                if c.claim.kind.value == "code_quote"]
    assert quote.status.value == status and said in say(quote.reason), say(quote.reason)


def test_two_files_of_the_sources_name_make_each_citation_of_them_unverifiable_however_spelt():
    # No upstream.path: whether container/store.py or ./webwolf/store.py is this file is not known.
    text = "`container/store.py:12` opens the database; `./webwolf/store.py:12` does too.\n"
    sources = CaseSources((Source("store.py", STORE, split_lines(STORE), "python", ""),))
    report = Report("r", "reports/r.md", text, 0, {})
    from reviewlens.extract import extract_report

    extraction = extract_report(report)
    checked = verify(list(extraction.claims), text, sources, reviewed=extraction.files)
    refs = [c for c in checked if c.claim.kind.value == "line_ref"]
    assert [c.status.value for c in refs] == ["unverifiable", "unverifiable"]
    assert all("which one this case holds is not known" in say(c.reason) for c in refs)


CONFIG = '''/* A small web configuration, written for these tests. */
package org.acme.web;

import java.util.List;

public class Config {
    static final String SECRET = "s3cret";
}
'''


def _checked(text: str, sources: CaseSources):
    from reviewlens.extract import extract_report

    extraction = extract_report(Report("r", "reports/r.md", text, 0, {}))
    return verify(list(extraction.claims), text, sources, reviewed=extraction.files)


def test_a_java_files_package_says_which_of_two_same_named_paths_it_is():
    # No upstream.path, but the file declares `package org.acme.web`: it is web/Config.java, not admin/Config.java.
    sources = CaseSources((Source("Config.java", CONFIG, split_lines(CONFIG), "java", ""),))
    text = ("- `src/main/java/org/acme/web/Config.java` (line 7) holds `SECRET`.\n"
            "- `src/main/java/org/acme/admin/Config.java` (line 7) holds `SECRET` too.\n")
    refs = [c for c in _checked(text, sources) if c.claim.kind.value == "line_ref"]
    assert [c.status.value for c in refs] == ["correct", "unverifiable"]
    assert "a file this case does not hold" in say(refs[1].reason)
    # Where the case says the path, that decides, whatever the package says.
    said = CaseSources((Source("Config.java", CONFIG, split_lines(CONFIG), "java", ""),),
                       "src/main/java/org/acme/admin/Config.java")
    refs = [c for c in _checked(text, said) if c.claim.kind.value == "line_ref"]
    assert [c.status.value for c in refs] == ["unverifiable", "correct"]


@pytest.mark.parametrize("text, expected", [
    # The finding's own lines assign `row`; "handed back to the caller (line 22)" names no code, but line 22 uses `row`.
    pytest.param("## SQL injection\n\n**File**: `store.py`\n**Lines**: 20\n\nThe row read there is handed back to the "
                 "caller (line 22).\n", [("line 20", "correct"), ("line 22", "correct")], id="uses_what_the_finding_assigns"),
    # Line 3 uses nothing the finding's lines assign: still undecided, never wrong.
    pytest.param("## SQL injection\n\n**File**: `store.py`\n**Lines**: 20\n\nNothing is logged about it (line 3).\n",
                 [("line 20", "correct"), ("line 3", "unverifiable")], id="uses_nothing_of_the_finding"),
])
def test_a_citation_in_a_finding_may_be_confirmed_by_what_the_findings_lines_assign(text, expected):
    assert citations(text) == expected


@pytest.mark.parametrize("text, names", [
    pytest.param("Hard-coded secrets (JWT_PASSWORD and PASSWORD) sign every token.", ["JWT_PASSWORD", "PASSWORD"],
                 id="english"),
    pytest.param("硬编码了密钥（JWT_PASSWORD 和 PASSWORD）。", ["JWT_PASSWORD", "PASSWORD"], id="chinese"),
    pytest.param("Ключи PASSWORD и JWT_PASSWORD заданы в коде.", ["PASSWORD", "JWT_PASSWORD"], id="russian"),
    # Alone, a capitalised word is an acronym or a shout, not a name.
    pytest.param("The JWT and the PASSWORD are weak.", [], id="alone_no_name"),
])
def test_a_capitalised_word_joined_to_a_constant_is_a_constant_too(text, names):
    claims = extract(Report("r", "reports/r.md", text, 0, {}))
    assert [c.name for c in claims if c.kind.value == "identifier"] == names
