"""A Content-Security-Policy for every page: no script runs unless it is the
theme's own.

Material's pages carry a few inline scripts of their own, one of them
different per page (the site's base URL, "../.."). The scripts the theme
ships are known from the theme's page rendered around an empty probe page
(theme_scripts); each page gets a policy that allows, by SHA-256 hash, its
inline scripts of those shapes and scripts from the site itself. Content
comes from reports and sources; it is escaped before it reaches a page, so
no script can stand in it. Should one ever appear there, or an inline script
the theme does not ship appear anywhere else on the page (the title, the
navigation), the page is refused rather than published.
"""

from __future__ import annotations

import base64
import hashlib
import re

# <script>...</script> without a src attribute (type="application/json" data blocks do not run)
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
SCRIPT_TAG = re.compile(r"<script", re.I)
ARTICLE_OPEN = '<article class="md-content__inner md-typeset">'

POLICY = (
    "default-src 'self'{extra}; "
    "script-src 'self'{extra} {hashes}; "
    "style-src 'self'{extra} 'unsafe-inline'; "  # style attributes (theme, chart geometry) cannot run code
    "img-src 'self'{extra} data:; font-src 'self'{extra} data:; connect-src 'self'{extra}; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
# An origin a site may allow (the plugin's csp_allow): a scheme and a host, nothing that widens a directive
ORIGIN = re.compile(r"https://[A-Za-z0-9.-]+(?::\d{1,5})?")


class ScriptInContent(Exception):
    """A <script> tag inside a page's content: something escaped the escaping."""


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


# A theme's script names the site's base URL, relative to the page (Material's `new URL("../..",location)`,
# MkDocs' `var base_url = "../.."`) or, on the 404 page, from the site's root ("/", "/project/"): a string
# literal that is only such a path is the one thing that may vary from page to page
_BASE_URL = re.compile(r'"(?:\.\.?(?:/\.\.)*/?|/[\w./~-]*)"')


def _shape(body: str) -> str:
    """A script as the theme ships it on every page: its base-URL literals as a placeholder."""
    return _BASE_URL.sub('"BASE"', body)


def _inline(html: str, begin: int, end: int):
    """The inline scripts that run (not src=, not JSON data) in html[begin:end]."""
    for m in INLINE_SCRIPT.finditer(html, begin, end):
        attrs = m.group("attrs") or ""
        if re.search(r"\bsrc\s*=", attrs, re.I) or re.search(r'type\s*=\s*"application/json"', attrs, re.I):
            continue
        yield m.group("body")


def theme_scripts(probe: str) -> frozenset[str]:
    """The shapes of the inline scripts the theme puts on a page: those of its page around an empty probe."""
    return frozenset(_shape(body) for body in _inline(probe, 0, len(probe)))


def add_policy(html: str, known: frozenset[str] | None = None, allow: tuple[str, ...] = ()) -> str:
    """The page with a CSP <meta> as the first element of <head>. known: the theme's inline
    scripts (theme_scripts); any other inline script on the page refuses it (ScriptInContent)."""
    # The content runs from the article's start to the page's last </article>:
    # the widest reading, so nothing in the content can pass for the theme's.
    start = html.find(ARTICLE_OPEN)
    if start >= 0:
        c0 = start + len(ARTICLE_OPEN)
        c1 = max(html.rfind("</article>"), c0)
    else:
        c0 = c1 = 0
    if SCRIPT_TAG.search(html, c0, c1):
        raise ScriptInContent("a <script> tag stands in the page content")
    hashes = []
    # The theme's parts only (pages are large: they are searched in place, not copied).
    for begin, end in ((0, c0), (c1, len(html))):
        for body in _inline(html, begin, end):
            if known is not None and _shape(body) not in known:
                raise ScriptInContent("an inline script the theme does not ship stands in the page (its title or "
                                      "navigation?)")
            hashes.append(_hash(body))
    policy = POLICY.format(hashes=" ".join(sorted(set(hashes))), extra="".join(f" {o}" for o in allow if ORIGIN.fullmatch(o)))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace("<head>", "<head>" + meta, 1)


_META = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src \'self\')')
_LAST_SCRIPT = re.compile(rb"<script>((?:(?!</script>).)*)</script>(?=(?:(?!<script>).)*\Z)", re.S)


def allow_reload_script(page: bytes) -> bytes:
    """A page as `mkdocs serve` sends it, its live-reload script (injected last, different on every
    response) allowed by its own hash: the one script added, and nothing else."""
    script = _LAST_SCRIPT.search(page)
    if script is None or not _META.search(page):
        return page
    digest = _hash(script.group(1).decode("utf-8")).encode()
    return _META.sub(lambda m: m.group(1) + b" " + digest, page, count=1)
