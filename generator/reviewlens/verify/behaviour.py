"""What a report says the code does, checked against what the file says.

A file that disables, encrypts or hashes something says so somewhere: in a
call, a flag or a comment. The claim is correct when the verb (as a stem:
"disable" in `set_disabled`, "# disabled") stands within a few lines of what
it is said of. A file that never says the verb may still do it another way
(`debug=True` enables debug mode), so that is not held against the report:
the claim is unverifiable, and the message says where the file acts on the
thing, for the reader to look.
"""

from __future__ import annotations

import re

from reviewlens.messages import because
from reviewlens.model import Claim, Status
from reviewlens.verify.common import IndexedSource, Outcome, group
from reviewlens.verify.words import stem

NEAR = 3  # the verb and what it is said of, within this many lines


def check_behaviour(claim: Claim, src: IndexedSource) -> Outcome:
    verb = claim.name or ""
    s = src.structure
    # The verb as the start of a word of the file, in code, strings or comments: "hash" in `hashlib`, "disabl" in "# disabled"
    said = re.compile(rf"(?<![A-Za-z]){re.escape(verb[:-1] if verb.endswith('e') else verb)}", re.I)
    does = {n for n, line in enumerate(s.lines, start=1) if said.search(line)}
    # Where the file mentions the thing: lines with all its words, else those of its rarest word.
    things = [set(s.words.get(stem(w), ())) | set(s.code_occurrences(w)) for w in (claim.description or "").split()
              if len(w) > 2]
    things = [t for t in things if t]
    acted = set.intersection(*things) if things else set()
    if not acted and things:
        acted = min(things, key=len)
    thing = claim.description or ""
    near = sorted(n for n in does if any(abs(n - m) <= NEAR for m in acted))
    if near:
        at = group(near)
        return Outcome(Status.CORRECT, None, because("does.near", verb=verb, thing=thing, lines=near), located=at)
    if does:
        return Outcome(Status.UNVERIFIABLE, None, because("does.not_near", verb=verb, thing=thing, lines=sorted(does)))
    return Outcome(Status.UNVERIFIABLE, None, because("does.unsaid", verb=verb, thing=thing, lines=sorted(acted)),
                   located=group(sorted(acted)) if acted else None)

