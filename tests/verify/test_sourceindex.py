import pytest

from reviewlens.messages import closest, match_note
from reviewlens.model import Lines, Source
from reviewlens.textio import split_lines
from reviewlens.verify.sourceindex import SourceIndex

CODE = """\
# Licensed under the Apache License
import os
from app import db

class Thing(Base,
            Mixin):
    def run(self, cmd):
        os.system(cmd)  # runs a shell
        return db.query("SELECT * FROM t WHERE id = %s" % cmd)
"""


@pytest.fixture(scope="module")
def index():
    return SourceIndex(Source("x.py", CODE, split_lines(CODE), "python", ""))


@pytest.mark.parametrize(
    "quote, lines, whole, note",
    [
        pytest.param("import os", Lines(2, 2), True, None, id="exact_line"),
        pytest.param("  import   os ", Lines(2, 2), True, None, id="spacing_ignored"),
        pytest.param("Licensed under the Apache License", Lines(1, 1), True, "omits `#`", id="dropped_comment_marker"),
        pytest.param("class Thing(Base, Mixin):", Lines(5, 6), True, None, id="wrapped_lines_joined"),
        pytest.param("os.system(cmd);", Lines(8, 8), False, "adds `;`", id="added_punctuation"),
        pytest.param('return db.query("SELECT ... %s" % cmd)', Lines(9, 9), True, "elides", id="elided_middle"),
        pytest.param("db.query(\u201cSELECT * FROM t WHERE id = %s\u201d % cmd)", Lines(9, 9), False,
                     "also has", id="typographic_quotes"),
    ],
)
def test_locate_finds_quoted_code(index, quote, lines, whole, note):
    (match,) = index.locate(quote)
    assert match.lines == lines
    assert match.whole is whole
    assert (note is None and match.note == ()) or note in match_note(match.note)


@pytest.mark.parametrize(
    "quote",
    [
        pytest.param("from app.unit import db", id="changed_module_is_another_line"),
        pytest.param("import sys", id="absent"),
        pytest.param("os", id="short_quote_must_be_a_whole_line"),
        pytest.param("db.query(", id="short_fragment_of_a_long_line"),
    ],
)
def test_locate_rejects_code_that_is_not_there(index, quote):
    assert index.locate(quote) == []


def test_blank_quote_matches_blank_lines(index):
    assert [m.lines for m in index.locate("")] == [Lines(4, 4)]


def test_near_miss_names_the_closest_line_and_the_difference(index):
    miss = index.near_miss("from app.unit import db")
    assert closest((miss.line, miss.difference)) == "; the closest is line 3, which has no `.unit`"


def test_every_occurrence_is_listed(index):
    src = "a = 1\nb = 2\na = 1\n"
    idx = SourceIndex(Source("y.py", src, split_lines(src), "python", ""))
    assert [m.lines for m in idx.locate("a = 1")] == [Lines(1, 1), Lines(3, 3)]
