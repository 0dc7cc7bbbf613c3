"""A Content-Security-Policy for every page: no script runs unless it is the
theme's own.

Material's pages carry a few inline scripts of their own, some different per
page (the site's base URL). Each page gets a policy that allows exactly the
inline scripts found outside its content article, by SHA-256 hash, and
scripts from the site itself. Content comes from reports and sources; it is
escaped before it reaches a page, so no script can stand in it. Should one
ever appear there, the page is refused rather than published.
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
    "default-src 'self'; "
    "script-src 'self' {hashes}; "
    "style-src 'self' 'unsafe-inline'; "  # style attributes (theme, chart geometry) cannot run code
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


class ScriptInContent(Exception):
    """A <script> tag inside a page's content: something escaped the escaping."""


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def add_policy(html: str) -> str:
    """The page with a CSP <meta> as the first element of <head>."""
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
        for m in INLINE_SCRIPT.finditer(html, begin, end):
            attrs = m.group("attrs") or ""
            if re.search(r"\bsrc\s*=", attrs, re.I) or re.search(r'type\s*=\s*"application/json"', attrs, re.I):
                continue
            hashes.append(_hash(m.group("body")))
    policy = POLICY.format(hashes=" ".join(sorted(set(hashes))))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace("<head>", "<head>" + meta, 1)
