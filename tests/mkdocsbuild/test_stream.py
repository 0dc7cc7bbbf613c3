"""Cases reach MkDocs as they are done (issue 5): the site's pages are known
before any case is read, each case is handed over in corpus order while the
workers go on with the later ones, and the result is the same as making
every page first."""

import pytest

from reviewlens.analyze import analyze_corpus
from reviewlens.mkdocsbuild.stream import CaseStream, CorpusChanged, plan_corpus
from reviewlens.render import render
from reviewlens.view import addresses
from tests.helpers import many_cases

LINK = addresses.Linker("", True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    # More cases than workers.PARALLEL_FROM, so the workers run.
    return many_cases(tmp_path_factory.mktemp("stream") / "corpus", cases=10, reports=3)


@pytest.mark.slow  # analyses and renders a synthetic corpus
def test_the_plan_names_every_page_before_any_case_is_read(corpus):
    plan = plan_corpus(corpus)
    made = render.render_site(analyze_corpus(corpus), LINK)
    assert sorted(plan.uris()) == sorted(p.uri for p in made)
    # Each case's pages come together, the corpus pages (which need every case) last.
    assert plan.uris()[-4:] == [addresses.HOME_URI, addresses.ABOUT_URI, addresses.SCORES_URI, addresses.LEADERBOARD_URI]


@pytest.mark.slow  # analyses and renders a synthetic corpus
def test_cases_are_handed_over_one_by_one_as_the_pages_a_full_render_makes(corpus):
    plan = plan_corpus(corpus)
    expected = {p.uri: p for p in render.render_site(analyze_corpus(corpus), LINK)}
    stream = CaseStream(plan, LINK, jobs=2)
    try:
        first = plan.cases[0]
        page = stream.take_page(first.uris[0])
        # Only the first case was waited for; the others are still the workers'.
        assert stream.cases_done == 1
        assert (page.title, page.html) == (expected[page.uri].title, expected[page.uri].html)
        for uri in plan.uris()[1:]:
            page = stream.take_page(uri)
            assert (page.title, page.html, page.search) == (expected[uri].title, expected[uri].html, expected[uri].search)
        with pytest.raises(KeyError):  # handed over once: the stream does not hold pages MkDocs has written
            stream.take_page(first.uris[0])
        built = stream.finish()
    finally:
        stream.close()
    assert [r.uri for r in built.records] == [p.uri for p in render.render_site(built.analysis, LINK)]
    assert built.reused == frozenset()


def test_a_report_added_while_the_build_runs_stops_it_with_a_clear_message(tmp_path):
    corpus = many_cases(tmp_path / "corpus", cases=2, reports=2)
    plan = plan_corpus(corpus)
    (corpus / "case-0001" / "reports" / "late.md").write_text("A late report.\n")
    stream = CaseStream(plan, LINK, jobs=1)
    with pytest.raises(CorpusChanged, match="case-0001: its reports or sources changed during the build"):
        stream.finish()


def test_each_case_settings_file_is_read_once_per_build(tmp_path, monkeypatch):
    """The plan reads case.yaml and truth.yaml (it needs the case's title);
    the worker that reads the case is handed them instead of reading again."""
    from reviewlens.ingest import settings
    from reviewlens.mkdocsbuild.stream import analyze_and_render

    root = many_cases(tmp_path / "corpus", cases=3, reports=2)
    for case in sorted(p for p in root.iterdir() if p.is_dir()):
        (case / "case.yaml").write_text(f"title: Case {case.name}\n")
    read = []
    real = settings.read_settings
    monkeypatch.setattr(settings, "read_settings", lambda path, *a: read.append(path.name) or real(path, *a))
    built = analyze_and_render(plan_corpus(root), LINK, jobs=1)
    assert read.count("case.yaml") == 3 and read.count("truth.yaml") == 3
    assert [c.case.title for c in built.analysis.cases] == [f"Case {p.name}" for p in sorted(root.iterdir()) if p.is_dir()]


def test_a_report_edited_after_the_plan_is_not_cached_under_the_old_key(tmp_path):
    # The key was taken when the build was planned and the file read later: the edited text was stored
    # as if unchanged, and every later build showed it until the cache was deleted.
    from reviewlens.mkdocsbuild.cache import BuildCache
    from reviewlens.view.addresses import Linker

    corpus = many_cases(tmp_path / "corpus", cases=2, reports=1)
    report = next((corpus / "case-0001" / "reports").iterdir())
    original = report.read_text()
    cache = BuildCache(tmp_path / "cache", Linker("", True))
    plan = plan_corpus(corpus)
    stream = CaseStream(plan, LINK, jobs=1, cache=cache, to_cache=True)  # keys taken now
    report.write_text(original + "\nAn edit made while the build runs.\n")  # read by the worker later
    stream.finish()
    stream.close()
    report.write_text(original)  # the file as the key says
    again = CaseStream(plan_corpus(corpus), LINK, jobs=1, cache=BuildCache(tmp_path / "cache", Linker("", True)),
                       to_cache=True)
    built = again.finish()
    again.close()
    (case,) = [c for c in built.analysis.cases if c.case.folder == "case-0001"]
    assert "An edit made while the build runs" not in case.reports[0].report.text
