"""The reviews as a documentation folder: a project that MkDocs and Zensical both build.

Zensical, Material for MkDocs' successor, reads `mkdocs.yml` but has no plugin
API and silently skips plugins: a site that lists the reviewlens plugin loses
its review pages there. `reviewlens build --docs-dir DIR` writes what the
plugin would have put in the site, as files any of them builds:

    DIR/mkdocs.yml                 the settings, navigation, styles and script
    DIR/docs/...                   every page (cases/<case>/index.md, ...), annotations.json
    DIR/docs/reviewlens-assets/    reviewlens.css, reviewlens.js

`mkdocs build` or `zensical build` in DIR gives the same URLs, navigation and
search as `reviewlens build`. What only the plugin can do, it does not: no
per-page Content-Security-Policy (the pages are escaped as always; the policy
is a second wall), no incremental rebuild, and not our fix to Material's
search dialog (an accessible name), whose partial Zensical's theme does not share.

A page is written as one line of HTML under its front matter, with newlines
and braces as character references: Markdown sees one raw HTML block and
leaves it alone, and no line of a report can start a Markdown extension's
directive (`--8<--` includes a file) or a template (`{{ ... }}`) in a site
that enables such extensions.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from reviewlens.mkdocsbuild import sitedir
from reviewlens.mkdocsbuild.mkdocsparts import nav
from reviewlens.mkdocsbuild.plugin import ASSET_DIR
from reviewlens.mkdocsbuild.stream import plan_corpus
from reviewlens.outputs import annotations
from reviewlens.packagefiles import templates_dir
from reviewlens.render import render
from reviewlens.render.searchindex import search_plugin
from reviewlens.render.rendered import RenderedPage
from reviewlens.results import Analysis
from reviewlens.view.addresses import Linker, safe_title

LINK = Linker("", True)
_INERT = str.maketrans({"\n": "&#10;", "\r": "&#13;", "{": "&#123;", "}": "&#125;"})


def page_markdown(page: RenderedPage) -> str:
    """A page as a Markdown file: its title and layout in front matter, its HTML on one line."""
    front = yaml.safe_dump({"title": page.title, "hide": ["toc"]}, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{page.html.translate(_INERT)}\n"


def settings(title: str, navigation: list) -> dict:
    """mkdocs.yml for the folder: reviewlens' site settings, its navigation, styles and script."""
    base = yaml.safe_load((templates_dir() / "mkdocs.base.yml").read_text(encoding="utf-8"))
    return {"site_name": safe_title(title), "docs_dir": "docs", **base, "plugins": [search_plugin()],
            "extra_css": [f"{ASSET_DIR}/reviewlens.css"], "extra_javascript": [f"{ASSET_DIR}/reviewlens.js"],
            "nav": navigation,
            # The line anchors (#L12-L20) and claim rows are made by reviewlens.js and its pages:
            # a build's link checker, which cannot see them, has nothing to say about them.
            "validation": {"links": {"anchors": "ignore"}}}


_HEADER = """\
# Written by `reviewlens build --docs-dir`: the reviews as a documentation folder.
# Build it with `mkdocs build` or `zensical build` in this folder. To add the reviews to a site
# of your own, copy docs/ into its docs folder and merge nav, extra_css and extra_javascript.
"""


def write(corpus: Path, target: Path, analysis: Analysis, title: str) -> Path:
    """The project folder for the analysed corpus, swapped in whole (sitedir's rules: a folder that
    is missing, empty or an earlier one of ours; nothing else is touched)."""
    folder = sitedir.check(target, corpus=corpus)
    plan = plan_corpus(corpus)
    with sitedir.work_folder(folder) as work:
        project = work / "site"
        docs = project / "docs"
        for page in render.render_site(analysis, LINK):
            path = docs / page.uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page_markdown(page), encoding="utf-8")
        assets = docs / ASSET_DIR
        assets.mkdir(parents=True)
        for name, data in render.assets().items():
            (assets / name).write_bytes(data)
        (docs / "annotations.json").write_text(annotations.dumps(analysis), encoding="utf-8")
        shutil.copyfile(templates_dir() / "annotations.schema.json", docs / "annotations.schema.json")
        config = settings(title, nav(plan.cases, LINK))
        (project / "mkdocs.yml").write_text(_HEADER + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")
        sitedir.publish(folder, work)
    return folder
