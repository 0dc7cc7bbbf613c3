"""Security defect classes: how reports name them, their CWE, and the code that
is their hallmark.

`names` finds a defect class in a report's prose (extraction); `hallmark`
finds code that can carry the defect (verification): a finding that says
"SQL injection on line 45" is checked by asking whether line 45 builds or runs
SQL. A hallmark is necessary evidence, not proof; it tells a finding that
points at the right code from one that points at a licence header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DefectClass:
    cwe: str
    title: str
    names: re.Pattern  # in report prose
    hallmark: re.Pattern  # in source code
    evidence: str  # what the hallmark is, for messages: "builds or runs SQL"


def _c(cwe: str, title: str, names: str, hallmark: str, evidence: str) -> DefectClass:
    return DefectClass(cwe, title, re.compile(names, re.I), re.compile(hallmark, re.I), evidence)


# Order matters: the first class whose names match wins ("command injection"
# before "injection"), and more specific CWEs come first.
CLASSES: tuple[DefectClass, ...] = (
    # "SQL injection", "SQLi", "SQL query built from user input"
    #  ... or described without the words: "SQL queries built with f-strings let user input alter the query"
    _c("CWE-89", "SQL injection", r"\bsql\s*-?\s*injection|\bsqli\b|\binjection\s+(?:into|in)\s+(?:the\s+)?sql\b"
       r"|\binject(?:s|ed|ing)?\s+(?:arbitrary\s+|malicious\s+|its\s+own\s+)?sql\b"
       r"|\bsql\s+(?:quer(?:y|ies)|statements?|strings?|commands?)\b[^.\n]{0,80}?\b(?:f-?strings?|format\w*|concatenat\w*|"
       r"interpolat\w*|user[- ]controlled|user\s+input|untrusted)",
       r"\b(?:select|insert|update|delete)\b.*\b(?:from|into|set|where)\b|\bexecute\s*\(|\.query\s*\(|\bcursor\b|\braw\s*\(",
       "builds or runs SQL"),
    # "command injection", "shell injection", "OS command injection"
    #  ... or described: "a shell command built from the form", "passes user input to a shell"
    _c("CWE-78", "OS command injection", r"\b(?:os\s+)?command\s+injection|\bshell\s+injection|\barbitrary\s+(?:shell\s+)?commands?\b"
       r"|\b(?:shell\s+)?commands?\s+(?:string\s+)?(?:built|constructed|assembled|concatenated)\s+(?:from|with)\b"
       r"|\b(?:user|untrusted|form|request)\s+(?:input|data|fields?|values?)\s+(?:reaches|is\s+passed\s+to|goes\s+to)\s+(?:a|the)\s+shell\b",
       r"\bos\.system\b|\bpopen\b|\bsubprocess\b|\bexec[lv]p?e?\s*\(|shell\s*=\s*true|child_process|\bspawn\s*\(|\bsystem\s*\(|`[^`]*\$\{",
       "runs a shell or a process"),
    # "cross-site scripting", "XSS"
    _c("CWE-79", "Cross-site scripting", r"\bcross[\s-]*site\s+scripting|\bxss\b",
       r"innerhtml|\bres\.send\s*\(|\.write\s*\(|render_template_string|\|\s*safe\b|\bmarkup\s*\(|mark_safe|<\w+[^>]*>[^<]*(?:\$\{|\{\{|%s)|dangerouslysetinnerhtml|\becho\b",
       "writes HTML"),
    # "path traversal", "directory traversal", "../"
    _c("CWE-22", "Path traversal", r"\b(?:path|directory)\s+traversal|\.\./|\bzip\s*slip\b",
       r"\bopen\s*\(|os\.path\.join|send_file|sendfile|readfile|\bpath\b|\bfopen\s*\(|\bfile\s*\(",
       "opens or joins file paths"),
    # "hard-coded secret", "hardcoded password", "hard coded credentials"
    _c("CWE-798", "Hard-coded credentials",
       r"\bhard[\s-]*coded\s+(?:\w+\s+){0,2}(?:secrets?|credentials?|passwords?|tokens?|keys?)|\bembedded\s+(?:credentials|secrets?)"
       r"|\b(?:secrets?|credentials?|passwords?|tokens?|keys?)\s+(?:is|are)\s+hard[\s-]*coded",
       r"(?:pass(?:word|wd)?|secret|token|api_?key|key|credential)\w*\s*[:=]\s*[\"'][^\"']{3,}",
       "assigns a literal secret"),
    # "weak password hashing", "MD5", "SHA-1 for passwords"
    _c("CWE-916", "Weak password hash",
       r"\b(?:weak|insecure|unsalted|fast)\s+password\s+hash\w*|\bpasswords?\b[^.\n]{0,40}\b(?:md5|sha-?1|unsalted)\b"
       r"|\b(?:md5|sha-?1)\b[^.\n]{0,40}\bpasswords?\b",
       r"\bmd5\b|\bsha1\b|\bsha-1\b", "uses MD5 or SHA-1"),
    # "weak hash", "SHA1", "MD5", "broken cryptographic algorithm", "ECB mode" (passwords: CWE-916 above)
    _c("CWE-327", "Weak cryptography",
       r"\b(?:weak|insecure|broken|deprecated|risky)\s+(?:\w+\s+)?(?:hash\w*|cryptograph\w*|ciphers?|algorithms?|crypto)\b"
       r"|\bmd5\b|\bsha-?1\b|\bdes\b(?=\s+(?:cipher|encryption|algorithm))|\brc4\b|\becb\s+mode\b",
       r"\bmd5\b|\bsha1\b|\bsha-1\b|\bdes\b|\brc4\b|\becb\b", "uses a weak hash or cipher"),
    # "insecure deserialization", "pickle.loads on untrusted data"
    _c("CWE-502", "Deserialization of untrusted data", r"\b(?:insecure|unsafe|untrusted)\s+deseriali[sz]\w*|\bdeseriali[sz]ation\s+of\s+untrusted|\bpickle\b",
       r"\bpickle\b|yaml\.load\s*\((?![^)]*safe)|\bunserialize\s*\(|objectinputstream|\bmarshal\b", "deserialises data"),
    # "code injection", "eval of user input"
    _c("CWE-95", "Code injection", r"\bcode\s+injection|\beval\s+(?:injection|of\s+(?:user|untrusted))",
       r"\beval\s*\(|\bexec\s*\(|\bnew\s+function\s*\(|\bcompile\s*\(", "evaluates code"),
    # "remote code execution", "RCE": an impact, which command injection, deserialization and eval all have
    _c("CWE-94", "Code execution", r"\barbitrary\s+code\s+execution|\bremote\s+code\s+execution|\brce\b",
       r"\beval\s*\(|\bexec\s*\(|\bnew\s+function\s*\(|\bos\.system\b|\bpopen\b|\bsubprocess\b|child_process|"
       r"\bspawn\s*\(|\bpickle\b|yaml\.load\s*\(|\bunserialize\s*\(|\bsystem\s*\(", "runs code or commands"),
    # "open redirect", "unvalidated redirect"
    _c("CWE-601", "Open redirect", r"\bopen\s+redirect|\bunvalidated\s+redirect",
       r"redirect\s*\(|\blocation\b", "redirects"),
    # "prototype pollution"
    _c("CWE-1321", "Prototype pollution", r"\bprototype\s+pollution",
       r"\bmerge\b|__proto__|object\.assign|\bextend\s*\(|\[\s*key\s*\]\s*=", "merges objects by key"),
    # "CSRF", "cross-site request forgery"
    _c("CWE-352", "Cross-site request forgery", r"\bcsrf\b|\bxsrf\b|cross[\s-]*site\s+request\s+forgery",
       r"\b(?:post|put|delete|patch)\b|methods\s*=", "handles state-changing requests"),
    # "SSRF", "server-side request forgery"
    _c("CWE-918", "Server-side request forgery", r"\bssrf\b|server[\s-]*side\s+request\s+forgery",
       r"requests\.(?:get|post)|urlopen|\bfetch\s*\(|http\.get|axios", "makes outbound requests"),
    # "XXE", "XML external entities"
    _c("CWE-611", "XML external entities", r"\bxxe\b|xml\s+external\s+entit",
       r"\bxml\b|etree|lxml|sax|dom", "parses XML"),
    # "debug mode enabled", "debug server exposed"
    _c("CWE-489", "Active debug code", r"\bdebug\s+(?:mode|server|enabled|flag)|debug\s*=\s*true|werkzeug\s+debugger",
       r"debug\s*[:=]\s*true", "enables debug mode"),
    # "race condition", "TOCTOU"
    _c("CWE-362", "Race condition", r"\brace\s+condition|\btoctou\b|time[\s-]of[\s-]check",
       r"\bexists\s*\(|\bthread|\block\b|async|await", "checks then acts"),
    # "buffer overflow", "out-of-bounds write"
    _c("CWE-787", "Out-of-bounds write", r"\bbuffer\s+overflow|\bout[\s-]of[\s-]bounds\s+write|\bstack\s+overflow",
       r"\bstrcpy\b|\bmemcpy\b|\bsprintf\b|\bgets\s*\(|\[\s*\w+\s*\]\s*=", "writes to a buffer"),
    # "integer overflow"
    _c("CWE-190", "Integer overflow", r"\binteger\s+(?:overflow|wrap)", r"[+*]|<<", "does arithmetic"),
    # "missing authentication", "unauthenticated endpoint"
    _c("CWE-306", "Missing authentication", r"\bmissing\s+authentication|\bno\s+authentication\s+(?:check|is)|\bunauthenticated\s+(?:access|endpoint|users?)",
       r"route|app\.(?:get|post)|def\s+\w+|handler", "handles requests"),
    # "missing authorization", "broken access control", "IDOR"
    _c("CWE-862", "Missing authorization", r"\bmissing\s+authori[sz]ation|\bbroken\s+access\s+control|\bidor\b|insecure\s+direct\s+object",
       r"route|app\.(?:get|post)|def\s+\w+|handler", "handles requests"),
    # "information disclosure", "sensitive data exposure", "leaks stack traces"
    _c("CWE-200", "Information exposure", r"\binformation\s+(?:disclosure|exposure|leak\w*)|\bsensitive\s+(?:data|information)\s+(?:exposure|leak\w*|disclosure)",
       r"print|log|console|traceback|debug|send|return", "outputs data"),
    # "denial of service", "resource exhaustion", "ReDoS"
    _c("CWE-400", "Uncontrolled resource consumption", r"\bdenial[\s-]of[\s-]service|\bresource\s+exhaustion|\bredos\b|\bunbounded\s+(?:memory|loop|recursion)",
       r"while|for|read|recurs|re\.|regex|RegExp", "loops or reads without bound"),
    # "insecure randomness", "predictable tokens"
    _c("CWE-330", "Insufficiently random values", r"\b(?:weak|insecure|predictable)\s+(?:random\w*|tokens?|ids?)",
       r"\brandom\b|math\.random|rand\s*\(|base64|uuid1", "makes tokens"),
    # "certificate validation disabled", "verify=False"
    _c("CWE-295", "Improper certificate validation", r"\bcertificate\s+validation|\bverify\s*=\s*false|\bssl\s+verification",
       r"verify\s*=\s*false|rejectunauthorized\s*:\s*false|check_hostname\s*=\s*false|cert_none", "turns off certificate checks"),
    # "unrestricted file upload"
    _c("CWE-434", "Unrestricted upload", r"\bunrestricted\s+(?:file\s+)?upload|\barbitrary\s+file\s+upload",
       r"upload|\.save\s*\(|files\[", "stores uploads"),
    # "log injection"
    _c("CWE-117", "Log injection", r"\blog\s+(?:injection|forging)", r"\blog|logger|console", "writes logs"),
)

# CWEs reports use for one defect: a finding and a defect of one group are of one class.
SAME_CLASS = (
    {"CWE-77", "CWE-78", "CWE-88"},
    {"CWE-94", "CWE-95", "CWE-96", "CWE-913"},
    {"CWE-327", "CWE-328", "CWE-326", "CWE-916", "CWE-759", "CWE-760"},
    {"CWE-22", "CWE-23", "CWE-36", "CWE-73"},
    {"CWE-798", "CWE-259", "CWE-321", "CWE-547"},
    {"CWE-79", "CWE-80", "CWE-83", "CWE-116"},
    {"CWE-89", "CWE-564", "CWE-943"},
    {"CWE-502", "CWE-915"},
    {"CWE-330", "CWE-338", "CWE-340"},
    {"CWE-306", "CWE-287", "CWE-862", "CWE-863", "CWE-285"},
    {"CWE-489", "CWE-215", "CWE-11"},
)


_EXPLICIT = re.compile(r"\bCWE[\s-]?(\d{1,4})\b", re.I)


def classify(text: str) -> DefectClass | None:
    """The defect class a piece of prose names first, if any."""
    found = [(m.start(), i) for i, c in enumerate(CLASSES) if (m := c.names.search(text))]
    return CLASSES[min(found)[1]] if found else None


# Every class's names in one pattern, a group per class: one scan finds all the classes a text names.
_ANY_NAME = re.compile("|".join(f"(?P<c{i}>{c.names.pattern})" for i, c in enumerate(CLASSES)), re.I)


@dataclass(frozen=True, slots=True)
class Mention:
    index: int  # of the class in CLASSES
    start: int
    end: int


def mentions(text: str):
    """Every place prose names a defect class, in text order: at each place the
    first class listed whose names match there (the more specific one)."""
    for m in _ANY_NAME.finditer(text):
        yield Mention(int(m.lastgroup[1:]), m.start(), m.end())


def class_of(cwe: str) -> DefectClass | None:
    """The class of a CWE: its own, or one reports use for the same defect (CWE-328 is CWE-327's)."""
    found = by_cwe(cwe)
    if found is not None:
        return found
    for group in SAME_CLASS:
        if cwe in group:
            for c in CLASSES:
                if c.cwe in group:
                    return c
    return None


def named_in(text: str) -> list[DefectClass]:
    """Every defect class a piece of prose names, in the order the classes are listed."""
    found = {int(m.lastgroup[1:]) for m in _ANY_NAME.finditer(text)}
    return [CLASSES[i] for i in sorted(found)]


def explicit_cwe(text: str) -> str | None:
    m = _EXPLICIT.search(text)
    return f"CWE-{int(m.group(1))}" if m else None


def by_cwe(cwe: str | None) -> DefectClass | None:
    for c in CLASSES:
        if c.cwe == cwe:
            return c
    return None
