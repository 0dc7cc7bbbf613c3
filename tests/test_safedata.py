"""Malformed YAML names the line where the error is (issue 22): PyYAML's "line N" for an unclosed
bracket or quote is the line after the file's last."""

import pytest

from reviewlens.safedata import DataError, load_yaml


@pytest.mark.parametrize("text, said", [
    pytest.param("title: [unclosed\n", "the flow sequence that starts at line 1 is not closed", id="one_line_file"),
    pytest.param("a: 1\nb: [1, 2\nc: 3\nd: 4\n", "the flow sequence that starts at line 2 is not closed", id="bracket"),
    pytest.param('a: "x\n\n\n\nb: 2\n', "the quoted scalar that starts at line 1 is not closed", id="quote"),
    pytest.param("a: 1\n  b: 2\n", "mapping values are not allowed in this context at line 2", id="where_noticed"),
])
def test_malformed_yaml_names_the_line_where_the_error_is(text, said):
    with pytest.raises(DataError) as err:
        load_yaml(text)
    assert said in str(err.value)
