"""What the MkDocs plugin hands MkDocs (plugin.py): its files and pages, made without Markdown; the
navigation of the reviews; the frame the theme puts around a page, probed and hashed (serving.py
keeps a page only while it is unchanged); and the plugin's settings, with their checks."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from reviewlens.mkdocsbuild.stream import CasePlan
from reviewlens.view import addresses
from reviewlens.view.addresses import Linker

NAV_CASES = 30  # more cases than this are reached from the home page, not the navigation


class ReviewlensConfig(Config):
    corpus = c.Type(str, default="site_src")  # relative to mkdocs.yml
    prefix = c.Type(str, default="")  # e.g. "reviews/" to nest the pages in a bigger site
    nav_title = c.Type(str, default="Reviews")  # the nav section, when the site has a nav of its own
    # The build cache (as `reviewlens build` keeps it): unchanged cases are neither analysed nor rendered
    # again, so `mkdocs serve` shows an edited report quickly. "" is the corpus's folder in the user's cache.
    cache_dir = c.Type(str, default="")
    cache = c.Type(bool, default=True)
    # Origins the reviews' pages may also load from, where the host site's theme loads from elsewhere
    # (Material's Google font: https://fonts.googleapis.com and https://fonts.gstatic.com; analytics).
    csp_allow = c.ListOfItems(c.Type(str), default=[])


class StreamedFile(File):
    """A page reviewlens makes. In an incremental build, `changed` tells
    whether the page differs from the one the site folder holds: MkDocs
    neither reads nor writes it when not."""

    changed: Callable[[], bool] | None = None

    def is_modified(self) -> bool:
        return self.changed() if self.changed is not None else super().is_modified()


class GeneratedPage(Page):
    """A reviewlens page: its front matter is known and its body is made
    already, so MkDocs need not parse YAML nor run Python-Markdown for it."""

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", dict(_META)
        if self.title is not None:
            self.meta["title"] = self.title

    def render(self, config, files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


def probe_html(env: jinja2.Environment, config, files: Files, navigation, src_uri: str) -> str:
    """The theme's page rendered around an empty probe page: what the theme puts around every page."""
    page = GeneratedPage("reviewlens", File.generated(config, src_uri, content=""), config)
    page.read_source(config)
    page.render(config, files)
    return env.get_template("main.html").render(get_context(navigation, files, config, page))


def frame_key(probe: str, config) -> str:
    """What the theme puts around every page (settings, theme, navigation,
    what other plugins added to the theme), as a hash: the probe page, and the
    settings file (which other plugins' handling of finished pages reads)."""
    h = hashlib.sha256(probe.encode())
    if config.config_file_path and Path(config.config_file_path).is_file():
        h.update(Path(config.config_file_path).read_bytes())
    return h.hexdigest()


def prefix_problem(prefix: str) -> str | None:
    """Why a prefix cannot name a folder inside the site, or None when it can."""
    parts = prefix.strip("/").split("/")
    if ("\\" in prefix or any(part in (".", "..") for part in parts) or any(ord(ch) < 32 for ch in prefix)
            or (prefix.strip("/") and "" in parts)):
        return "must name a folder inside the site (plain names joined by /, no '.' or '..')"
    return None


def nav_titles(items: list) -> dict[str, str]:
    """The pages a navigation names, and their titles there."""
    found = {}
    for item in items:
        for title, value in item.items():
            found.update(nav_titles(value) if isinstance(value, list) else {value: title})
    return found


def nav(cases: Sequence[CasePlan], link: Linker) -> list:
    """reviewlens' navigation. Every page carries it: it lists cases only while
    that stays small, so the site grows linearly (the home page lists them all)."""
    listed = [{addresses.safe_title(c.title): link.with_prefix(addresses.case_uri(c.id))} for c in cases]
    if len(listed) > NAV_CASES:
        listed = []
    ours = [
        {"Home": link.with_prefix(addresses.HOME_URI)},
        {"Leaderboard": link.with_prefix(addresses.LEADERBOARD_URI)},
        {"Cases": listed} if listed else None,
        {"How claims are checked": link.with_prefix(addresses.ABOUT_URI)},
        {"About the scores": link.with_prefix(addresses.SCORES_URI)},
    ]
    return [item for item in ours if item]


# The pages have no table of contents worth a sidebar: hiding it gives the
# annotated source the width. Their search entries are made with them.
_META = {"hide": ["toc"], "search": {"exclude": True}}
