"""An H:Q that no knee produces is refused with the reason (issue 10, item 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.assessment import HqEntry, measured_values
from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.metrics import PLAUSIBLE_HQ

DAY = dt.date(2026, 11, 30)
torques = st.floats(min_value=1, max_value=1000)


def test_a_ratio_of_three_is_refused_not_called_above_the_typical() -> None:
    with pytest.raises(InvalidInput, match=r"conventional H:Q of 3\.00 is not plausible.*swapped"):
        measured_values(HqEntry(300, 100), "kg", "g", DAY)


@given(hamstring=torques, quad=torques, eccentric=st.none() | torques)
def test_a_pair_is_stored_exactly_when_its_ratios_are_plausible(
    hamstring: float, quad: float, eccentric: float | None
) -> None:
    ratios = [("conventional", hamstring / quad)]
    if eccentric is not None:
        ratios.append(("functional", eccentric / quad))
    plausible = all(PLAUSIBLE_HQ[k][0] <= r <= PLAUSIBLE_HQ[k][1] for k, r in ratios)
    entry = HqEntry(hamstring, quad, eccentric)
    if plausible:
        assert len(measured_values(entry, "kg", "g", DAY)) == len(ratios) + 1
    else:
        with pytest.raises(InvalidInput, match="not plausible"):
            measured_values(entry, "kg", "g", DAY)
