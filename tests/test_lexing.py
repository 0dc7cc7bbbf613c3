"""No lexer stalls the build (issue 25): some Pygments lexers are quadratic or worse on
runs of one character. Lexing has a budget per source (plain text past it, with a
problem); the hopeless lexers are never selected; long runs of blank lines never reach
a lexer. The inputs of the issue ran for 30 s to over 120 s."""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pygments.lexers import get_all_lexers

from reviewlens import lexing
from reviewlens.analyze import analyze_corpus
from reviewlens.model import Source
from reviewlens.textio import split_lines
from tests.helpers import write_tree


@pytest.mark.slow  # big inputs, on purpose
@pytest.mark.parametrize("name, text, said", [
    pytest.param("app.service", " " * 4096, "the systemd highlighter is too slow", id="systemd_spaces"),
    pytest.param("score.ly", "a" * 2048, "the lilypond highlighter is too slow", id="lilypond_letters"),
    pytest.param("job.ezt", "\t" * 2400, "the easytrieve highlighter is too slow", id="easytrieve_tabs"),
    pytest.param("app.py", "\n " * 48_000, None, id="python_blank_lines_96_kb"),
])
def test_the_inputs_that_stalled_the_build_are_read_in_seconds(tmp_path, name, text, said):
    corpus = write_tree(tmp_path / "corpus", {f"c/{name}": text, "c/reports/r.md": "Line 1 is fine.\n"})
    lexing._lex.cache_clear()
    t0 = time.perf_counter()
    (case,) = analyze_corpus(corpus, jobs=1).cases
    assert time.perf_counter() - t0 < 10
    problems = " ".join(str(p) for p in case.case.problems)
    assert (said in problems) if said else not problems, problems


def test_a_source_over_its_lexing_budget_is_plain_text_and_one_problem(tmp_path, monkeypatch):
    monkeypatch.setattr(lexing, "LEX_SECONDS", 0.0)  # nothing lexes in no time
    lexing._lex.cache_clear()
    code = "".join(f"value_{n} = compute({n})\n" for n in range(2000))
    corpus = write_tree(tmp_path / "corpus", {"c/app.py": code, "c/reports/r.md": "`1 value_0 = compute(0)`\n"})
    (case,) = analyze_corpus(corpus, jobs=1).cases
    lexing._lex.cache_clear()
    assert "c/app.py: took more than" in " ".join(str(p) for p in case.case.problems)
    assert case.overran == ("app.py",)  # never cached: the next build lexes it again
    (report,) = case.reports
    assert report.report.readable and report.claims  # the report is still checked, against plain text


SELECTABLE = sorted({lexer[1][0] for lexer in get_all_lexers() if lexer[1]} - lexing.UNTRUSTED)
RUNS = st.sampled_from([" ", "\t", "\n", "\n ", "\n\t", "a", "/", "*", "#", "<", "{", "(", '"', "'", "\\", "-", "=", "`"])


@pytest.mark.slow  # lexes big inputs in every lexer a case can select
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alias=st.sampled_from(SELECTABLE), unit=RUNS, kb=st.integers(1, 16))
def test_every_lexer_a_case_can_select_is_bounded_per_kilobyte_and_gives_each_line_back(alias, unit, kb):
    text = unit * (kb * 1024 // len(unit))
    lines = split_lines(text)
    source = Source("x", text, lines, alias, "")
    budget = 0.5
    old, lexing.LEX_SECONDS = lexing.LEX_SECONDS, budget
    lexing._lex.cache_clear()
    try:
        t0 = time.perf_counter()
        lexed = lexing.lex_lines(source)
        took = time.perf_counter() - t0
    finally:
        lexing.LEX_SECONDS = old
        lexing._lex.cache_clear()
    assert took < budget + 0.5 + 0.02 * kb, (alias, repr(unit), kb, took)
    assert ["".join(t for _, t in toks) for toks in lexed] == list(lines)


def test_an_overrun_swallowed_where_it_was_raised_is_raised_again():
    # The signal may land in a gc callback or a __del__, where Python only prints the exception:
    # a lexer stuck in one long regex must still be stopped.
    import signal
    import threading
    import time

    from reviewlens import lexing

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        pytest.skip("the lexing timer is a SIGALRM timer of the main thread")

    class Stuck:
        def get_tokens(self, text):
            try:
                time.sleep(0.5)  # the first overrun lands here and is lost
            except lexing._Overrun:
                pass
            time.sleep(5)  # one regex that never yields a token
            yield (None, text)

    started = time.monotonic()
    with pytest.raises(lexing._Overrun):
        lexing._tokens(Stuck(), "x", 0.2)
    assert time.monotonic() - started < 1.5
