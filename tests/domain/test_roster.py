"""The roster's status rules (domain/roster.py) on constructed histories: inactive after three
weeks without a session, needs attention for exactly the listed reasons, on track otherwise;
changes under a measurement's noise are no reason."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.domain.roster import (
    FORCE_NOISE_PCT,
    INACTIVE_AFTER_DAYS,
    SORTS,
    Entry,
    Facts,
    Standing,
    monday,
    select,
    standing,
    window_start,
)
from hamcoach.domain.session_state import Status

TODAY = dt.date(2026, 12, 3)  # a Thursday
PLANNED = (Status.DONE, Status.PARTIAL, Status.MISSED, Status.SKIPPED)


def weekly(statuses: list[Status], today: dt.date = TODAY) -> dict[dt.date, Status]:
    """Planned Mondays and Thursdays from the window's start, given statuses oldest first."""
    days = [window_start(today) + dt.timedelta(days=7 * w + d) for w in range(5) for d in (0, 3)]
    return dict(zip([d for d in days if d < today], statuses, strict=False))


def test_a_runner_who_does_every_session_is_on_track() -> None:
    days = weekly([Status.DONE] * 9)
    row = standing(Facts(TODAY, dt.date(2026, 1, 1), days, max(days)))
    assert row.standing is Standing.ON_TRACK
    assert row.adherence_4w == 1.0 and row.missed_in_a_row == 0
    assert row.reasons == ("1 of 1 sessions this week",)
    assert [d for d, _ in row.week] == [monday(TODAY)]


def test_two_sessions_missed_in_a_row_and_low_adherence_say_so() -> None:
    days = weekly(
        [Status.MISSED] * 5 + [Status.DONE, Status.PARTIAL, Status.MISSED, Status.SKIPPED]
    )
    done = max(d for d, s in days.items() if s in (Status.DONE, Status.PARTIAL))
    row = standing(Facts(TODAY, dt.date(2026, 1, 1), days, done))
    assert row.standing is Standing.ATTENTION
    assert "2 planned sessions in a row not done" in row.reasons
    assert any("over 4 weeks (below 50 %)" in r for r in row.reasons)


def test_inactive_after_three_weeks_and_before_anything_is_logged() -> None:
    days = weekly([Status.MISSED] * 9)
    assert standing(Facts(TODAY, TODAY, {}, None)).reasons == ("nothing logged yet",)
    row = standing(Facts(TODAY, dt.date(2026, 1, 1), days, TODAY - dt.timedelta(days=21)))
    assert row.standing is Standing.INACTIVE and row.reasons == ("no session for 21 days",)


def test_measurement_changes_under_their_noise_are_no_reason() -> None:
    days = weekly([Status.DONE] * 9)
    last = max(days)
    d1, d2 = TODAY - dt.timedelta(days=20), TODAY - dt.timedelta(days=3)

    def row(angles: tuple[float, float], forces: tuple[float, float]) -> tuple[str, ...]:
        facts = Facts(
            TODAY,
            dt.date(2026, 1, 1),
            days,
            last,
            break_angles=((d1, angles[0]), (d2, angles[1])),
            forces=((d1, forces[0]), (d2, forces[1])),
        )
        return standing(facts).reasons

    assert row((40, 35), (300, 271)) == ("1 of 1 sessions this week",)  # -5 deg, -9.7 %
    assert row((40, 34), (300, 300)) == ("Nordic break point 6° earlier",)
    assert row((40, 50), (300, 260)) == ("Nordic force down 13 %",)
    assert standing(Facts(TODAY, TODAY, days, last, hq=(d2, 0.4, 0.6))).hq_low  # shown, no reason


statuses = st.sampled_from(PLANNED)


@st.composite
def histories(draw: st.DrawFn) -> Facts:
    today = TODAY + dt.timedelta(days=draw(st.integers(0, 6)))
    days = weekly(draw(st.lists(statuses, max_size=10)), today)
    extras = draw(st.sets(st.integers(0, 34), max_size=4))
    for k in extras:
        day = window_start(today) + dt.timedelta(days=k)
        if day < today:
            days.setdefault(day, Status.EXTRA)
    worked = [d for d, s in days.items() if s in (Status.DONE, Status.PARTIAL, Status.EXTRA)]
    last = draw(st.sampled_from([None, *worked]) if worked else st.none())
    if last is None and worked and draw(st.booleans()):
        last = today - dt.timedelta(days=draw(st.integers(15, 40)))
    when = st.dates(today - dt.timedelta(days=10), today)
    return Facts(
        today=today,
        plan_start=draw(st.dates(dt.date(2026, 9, 1), today)),
        days=days,
        last_session=last,
        soreness=draw(st.none() | st.tuples(when, st.integers(0, 10))),
        asymmetry=draw(st.none() | st.tuples(when, st.floats(0, 40))),
        break_angles=draw(st.lists(st.tuples(when, st.floats(10, 80)), max_size=3)),
        forces=draw(st.lists(st.tuples(when, st.floats(150, 500)), max_size=3)),
    )


def expected_reasons(f: Facts) -> int:
    """How many reasons for attention there are, counted plainly from the facts."""
    count = 0
    this = monday(f.today)
    planned = done = 0
    for k in (1, 2, 3, 4):
        start = this - dt.timedelta(days=7 * k)
        if start < monday(f.plan_start):
            continue
        week = [s for d, s in f.days.items() if start <= d < start + dt.timedelta(days=7)]
        p = sum(1 for s in week if s is not Status.EXTRA)
        c = sum(1 for s in week if s in (Status.DONE, Status.PARTIAL, Status.EXTRA))
        planned, done = planned + p, done + min(p, c)
    count += planned > 0 and done / planned < 0.5
    past = [s for d, s in sorted(f.days.items()) if d < f.today and s is not Status.EXTRA]
    run = 0
    for s in reversed(past):
        if s not in (Status.MISSED, Status.SKIPPED):
            break
        run += 1
    count += run >= 2
    count += f.asymmetry is not None and f.asymmetry[1] >= 15
    count += f.soreness is not None and (f.today - f.soreness[0]).days <= 2 and f.soreness[1] >= 6
    if len(f.break_angles) >= 2:
        count += f.break_angles[-1][1] - f.break_angles[-2][1] <= -5.5
    if len(f.forces) >= 2:
        before, latest = f.forces[-2][1], f.forces[-1][1]
        count += (latest - before) / before * 100 <= -FORCE_NOISE_PCT
    return count


@settings(max_examples=400)
@given(facts=histories())
def test_the_bucket_follows_the_rules(facts: Facts) -> None:
    row = standing(facts)
    gap = None if facts.last_session is None else (facts.today - facts.last_session).days
    if gap is None or gap >= INACTIVE_AFTER_DAYS:
        assert row.standing is Standing.INACTIVE
        assert len(row.reasons) == 1
    else:
        wanted = expected_reasons(facts)
        assert row.standing is (Standing.ATTENTION if wanted else Standing.ON_TRACK)
        if wanted:
            assert len(row.reasons) == wanted, row.reasons
    week = [d for d, _ in row.week]
    assert week == sorted(week) and all(monday(d) == monday(facts.today) for d in week)
    assert 0 <= row.week_done <= len(row.week)
    assert row.adherence_4w is None or 0 <= row.adherence_4w <= 1


@st.composite
def entries(draw: st.DrawFn) -> list[Entry]:
    found = []
    for k in range(draw(st.integers(0, 8))):
        facts = draw(histories())
        found.append(
            Entry(
                k,
                draw(st.sampled_from(["Ana", "ana maria", "Ben", "Cleo", "Élodie"])),
                draw(st.sampled_from([None, "squad", "marathon"])),
                dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                "kg",
                standing(facts),
            )
        )
    return found


@settings(max_examples=200)
@given(
    found=entries(),
    status=st.sampled_from([None, *[s.value for s in Standing]]),
    group=st.sampled_from([None, "squad", "marathon"]),
    search=st.sampled_from([None, "", "an", "ANA", " cleo ", "zz"]),
    sort=st.sampled_from(SORTS),
)
def test_a_roster_view_filters_searches_and_sorts_without_losing_anyone(
    found: list[Entry], status: str | None, group: str | None, search: str | None, sort: str
) -> None:
    shown = select(found, status, group, search, sort)
    needle = (search or "").strip().casefold()
    wanted = [
        e
        for e in found
        if (status is None or e.row.standing.value == status)
        and (group is None or e.group == group)
        and needle in e.name.casefold()
    ]
    assert sorted(e.athlete_id for e in shown) == sorted(e.athlete_id for e in wanted)
    ordered = [sort_key(sort, e) for e in shown]
    assert ordered == sorted(ordered)


def sort_key(sort: str, e: Entry) -> tuple[object, ...]:
    if sort == "status":
        return (["needs-attention", "on-track", "inactive"].index(e.row.standing.value),)
    if sort == "name":
        return (e.name.casefold(),)
    if sort == "adherence":
        return (e.row.adherence_4w is None, e.row.adherence_4w or 0)
    return (e.row.last_session or dt.date.min,)
