"""Issue 10, item 11: where evidence is weak the number is a setting. The progression rules
(breaks, their cuts, the drop after short sessions, where the Nordic ramp resumes) are the
profile's; over generated rules the targets follow them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.errors import InvalidInput, UnknownChoice
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.progression import after_break, nordic_ramp_state, nordic_ramp_week
from hamcoach.domain.progression_rules import LIMITS, ProgressionRules
from hamcoach.domain.records import LoggedSet
from hamcoach.domain.targets import compute_targets
from tests.domain.logged import logged

DAY = dt.date(2026, 10, 6)

rules = st.builds(
    ProgressionRules, **{name: st.integers(low, high) for name, (low, high, _) in LIMITS.items()}
).filter(lambda r: r.long_break_days > r.break_days and r.long_break_cut_pct >= r.break_cut_pct)


def machine_set(day: dt.date, n: int, reps: int, load: float) -> LoggedSet:
    return logged("lying-leg-curl", day, n, reps, load)


def profile(r: ProgressionRules) -> Profile:
    return Profile(
        name="Ana",
        units=Units.KG,
        equipment=frozenset({"lying-curl-machine"}),
        week=RunningWeek.parse("tue=key,sun=long"),
        progression_rules=r,
    )


@given(r=rules, gap=st.integers(1, 90))
def test_a_break_is_what_the_rules_say(r: ProgressionRules, gap: int) -> None:
    adjustment = after_break(DAY, DAY + dt.timedelta(days=gap), r)
    if gap < r.break_days:
        assert adjustment is None
        return
    assert adjustment is not None
    cut = r.long_break_cut_pct if gap >= r.long_break_days else r.break_cut_pct
    assert adjustment.load_factor == pytest.approx(1 - cut / 100)
    assert adjustment.sets_delta == -1
    assert (f"load -{cut} %" in adjustment.reason) == (cut > 0)


@given(r=rules, gap=st.integers(1, 90))
def test_the_nordic_ramp_resumes_where_the_rules_say(r: ProgressionRules, gap: int) -> None:
    # Two Nordic sessions a week for six weeks (gaps of 3-4 days, under any break): the ramp
    # reaches the full dose.
    twice = [DAY + dt.timedelta(days=7 * i + d) for i in range(6) for d in (0, 3)]
    on = twice[-1] + dt.timedelta(days=gap)
    week = nordic_ramp_state(twice, on, experienced=False, rules=r).week
    if gap >= r.long_break_days:
        assert week == 1
    elif gap >= r.break_days:
        assert week == min(5, r.resume_ramp_week)
    else:
        assert week == 5
    assert nordic_ramp_state(twice, twice[-1] + dt.timedelta(days=1), experienced=False).week == 5


@given(r=rules)
def test_the_drop_after_two_short_sessions_is_the_rules(r: ProgressionRules) -> None:
    short = [machine_set(DAY, n, 8, 50.0) for n in (1, 2, 3)]
    short += [machine_set(DAY + dt.timedelta(days=3), n, 8, 50.0) for n in (1, 2, 3)]
    targets = compute_targets(profile(r), short, [], DAY + dt.timedelta(days=5))
    expected = max(2.5, round(50.0 * (1 - r.drop_pct / 100) / 2.5) * 2.5)
    assert targets.loads["lying-leg-curl"] == pytest.approx(min(expected, 47.5))


def test_defaults_keep_todays_behaviour_and_text_round_trips() -> None:
    assert nordic_ramp_week([DAY], DAY + dt.timedelta(days=14), experienced=False) == 1
    assert ProgressionRules().to_text() == ""
    changed = ProgressionRules().with_text("break_days=10, drop-pct=5")
    assert changed == ProgressionRules(break_days=10, drop_pct=5)
    assert ProgressionRules().with_text(changed.to_text()) == changed
    with pytest.raises(UnknownChoice, match="progression rule"):
        ProgressionRules().with_text("breaks=2")
    with pytest.raises(InvalidInput, match="long break must be longer than a break"):
        ProgressionRules(break_days=30, long_break_days=28).validate()
    with pytest.raises(InvalidInput, match="load drop after two short sessions, in % must be"):
        ProgressionRules(drop_pct=50).validate()
