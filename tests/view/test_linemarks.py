"""Line marks come from a sweep over ranges; they must say what a line-by-line count would."""

from hypothesis import given
from hypothesis import strategies as st

from reviewlens.model import SEVERITY, Checked, Claim, Kind, Lines, Reason, Status
from reviewlens.view.linemarks import SHOWN, marks

N_LINES = 30

_claims = st.lists(st.tuples(st.integers(-3, N_LINES + 3), st.integers(0, 12), st.sampled_from(list(Status))), max_size=25)


def _checked(specs) -> list[Checked]:
    return [Checked(i, Claim(Kind.LINE_REF, 0, 1, Lines(start, start + length)), "", status, None, Reason("verdict.unclear"))
            for i, (start, length, status) in enumerate(specs, start=1)]


@given(_claims, st.integers(1, 4))
def test_marks_agree_with_counting_line_by_line_and_open_a_claim_of_their_colour(specs, band):
    claims = _checked(specs)
    found = marks(claims, N_LINES, band)
    for unit in range(-(-N_LINES // band)):
        lines = range(unit * band + 1, min(N_LINES, (unit + 1) * band) + 1)
        citing = sorted((c for c in claims if any(n in c.claim.lines for n in lines)), key=lambda c: c.id)
        if not citing:
            assert unit not in found
            continue
        mark = found[unit]
        worst = max((c.status for c in citing), key=lambda s: SEVERITY[s])
        assert (mark.worst, mark.count) == (worst, len(citing))
        assert [c.id for c in mark.first] == [c.id for c in citing[:SHOWN]]
        # A click opens a claim whose status is the colour shown: the first such claim.
        assert mark.opens.id == next(c.id for c in citing if c.status is worst)
