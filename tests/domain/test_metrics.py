from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain import (
    InvalidInput,
    adherence,
    asymmetry,
    break_point_change,
    e1rm_brzycki,
    e1rm_epley,
    eccentric_force_context,
    hq_ratio,
    volume,
)
from hamcoach.domain.metrics import AsymmetryFlag, HQKind


def test_e1rm_formulas() -> None:
    assert e1rm_epley(40, 12) == pytest.approx(56.0)
    assert e1rm_brzycki(40, 12) == pytest.approx(57.6)
    assert e1rm_epley(100, 1) == 100
    with pytest.raises(InvalidInput, match="1-12 reps"):
        e1rm_epley(40, 13)
    with pytest.raises(InvalidInput):
        e1rm_brzycki(0, 5)


@given(st.floats(min_value=1, max_value=500), st.integers(min_value=1, max_value=11))
def test_e1rm_grows_with_reps(load: float, reps: int) -> None:
    assert e1rm_epley(load, reps + 1) > e1rm_epley(load, reps) >= load
    assert e1rm_brzycki(load, reps + 1) > e1rm_brzycki(load, reps) >= load * 0.99


def test_volume_counts_bodyweight_as_zero_load() -> None:
    assert volume([(12, 40.0), (10, 40.0), (8, None)]) == 880


def test_hq_conventional_and_functional() -> None:
    conv = hq_ratio(120, 200, HQKind.CONVENTIONAL)
    assert conv.ratio == pytest.approx(0.6)
    assert conv.reference == 0.61
    assert "below" in conv.summary
    assert hq_ratio(144, 200, HQKind.CONVENTIONAL, 180).reference == 0.72
    func = hq_ratio(180, 200, HQKind.FUNCTIONAL)
    assert func.ratio == pytest.approx(0.9)
    assert "at or above" in func.summary
    assert "not an injury prediction" in func.summary
    with pytest.raises(InvalidInput):
        hq_ratio(0, 200, HQKind.CONVENTIONAL)


def test_asymmetry_flags() -> None:
    assert asymmetry(310, 260).pct == pytest.approx(16.129, abs=1e-3)
    assert asymmetry(310, 260).flag is AsymmetryFlag.FLAG
    assert asymmetry(310, 260).stronger == "left"
    assert asymmetry(200, 250).flag is AsymmetryFlag.STRONG
    assert asymmetry(100, 95).flag is AsymmetryFlag.NONE
    assert asymmetry(100, 100).stronger == "equal"


@given(st.floats(min_value=1, max_value=1e4), st.floats(min_value=1, max_value=1e4))
def test_asymmetry_is_symmetric_and_bounded(left: float, right: float) -> None:
    a, b = asymmetry(left, right), asymmetry(right, left)
    assert a.pct == pytest.approx(b.pct)
    assert 0 <= a.pct < 100


def test_eccentric_force_context() -> None:
    weak = eccentric_force_context(250, 70)
    assert len(weak.notes) == 3
    assert weak.per_kg == pytest.approx(250 / 70)
    strong = eccentric_force_context(400)
    assert strong.notes == ()
    assert strong.per_kg is None


def test_break_point_noise() -> None:
    assert not break_point_change(40, 45).meaningful
    assert break_point_change(40, 46).meaningful
    assert "earlier" in break_point_change(50, 40).summary


def test_adherence() -> None:
    result = adherence([2, 2, 2, 2], [2, 1, 0, 3])
    assert result.weekly == (1.0, 0.5, 0.0, 1.0)
    assert result.overall == pytest.approx(5 / 8)
    low = adherence([3, 3], [1, 1])
    assert "below 50 %" in low.summary
    with pytest.raises(InvalidInput):
        adherence([2], [1, 1])
