"""A coach's programme changes (domain/programme.py, applied by the planner): each takes effect
from the first Monday on or after the chosen day (a race: its day), never earlier; per setting
the latest change in effect wins; planned weeks before a change are untouched; each session
after it says why; and every kind does what it says on generated plans."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import Day, PlanWeek, RunningWeek
from hamcoach.domain.planning import PlanRequest, build_plan
from hamcoach.domain.prescription import FULL_RAMP_WEEK, nordic_ramp_step
from hamcoach.domain.programme import (
    CHOICES,
    MAX_PHASE_WEEKS,
    Choice,
    Kind,
    ProgrammeChange,
    Setting,
    check_setting,
    effective_monday,
    every_code,
    for_week,
    plan_races,
    setting_from_code,
)
from hamcoach.domain.values import MAX_RACES

MONDAY = dt.date(2026, 11, 30)
AT = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
days = st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31))
GYM = frozenset({"lying-curl-machine", "seated-curl-machine", "anchor", "towel"})
WEEK = RunningWeek.parse("mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long")


def _request(programme: tuple[ProgrammeChange, ...] = (), **extra: object) -> PlanRequest:
    base: dict[str, object] = {
        "equipment": GYM,
        "week": WEEK,
        "start": MONDAY,
        "weeks": 8,
        "sessions": 2,
        "programme": programme,
    }
    base.update(extra)
    return PlanRequest(**base)  # type: ignore[arg-type]


def _change(setting: Setting, week: int, k: int = 0) -> ProgrammeChange:
    effective = MONDAY + dt.timedelta(days=7 * week)
    return ProgrammeChange(k, "cora", setting, effective, AT + dt.timedelta(minutes=k))


def _valid_setting() -> st.SearchStrategy[Setting]:
    slugs = st.sampled_from(CATALOGUE.slugs())
    return st.one_of(
        st.builds(lambda n: Setting(Kind.SESSIONS, sessions=n), st.integers(1, 3)),
        st.builds(
            lambda c, e: Setting(Kind.EXERCISE, c, exercise=e),
            st.sampled_from(sorted(CHOICES[Kind.EXERCISE])),
            slugs,
        ),
        st.builds(
            lambda c, d: Setting(Kind.PHASE, c, until=d),
            st.sampled_from([Choice.MAINTENANCE, Choice.TAPER]),
            days,
        ),
        st.just(Setting(Kind.PHASE, Choice.USUAL)),
        *(
            st.sampled_from([Setting(kind, c) for c in sorted(CHOICES[kind])])
            for kind in (Kind.RACE, Kind.REST_DAYS, Kind.NORDIC_RAMP)
        ),
    )


@given(days)
def test_a_change_starts_on_the_first_monday_on_or_after_its_day(day: dt.date) -> None:
    monday = effective_monday(day)
    assert monday.weekday() == 0 and day <= monday < day + dt.timedelta(days=7)


@given(_valid_setting())
def test_every_setting_round_trips_through_its_code(setting: Setting) -> None:
    assert setting_from_code(setting.code, setting.until) == setting


# Codes near the real ones: their parts (kinds, choices, exercises, digits) joined with junk,
# so most draws get past the first word, as free text almost never would.
_PARTS = st.sampled_from(
    [k.value for k in Kind]
    + [c.value for c in Choice]
    + list(CATALOGUE.slugs())
    + ["0", "1", "3", "4", "12", "\u00b2", "\u0663", "", " ", "X"]
)
_KINDS = st.sampled_from([k.value for k in Kind])
_CHOICES = st.sampled_from([c.value for c in Choice])
_SLUGS = st.sampled_from(CATALOGUE.slugs())
_CODES = st.lists(_PARTS | st.text(max_size=6), min_size=1, max_size=4).map(":".join) | st.tuples(
    _KINDS, _CHOICES | _PARTS, st.none() | _SLUGS | _PARTS
).map(lambda t: ":".join(p for p in t if p is not None))


@given(_CODES | st.text(max_size=40), st.none() | days)
def test_any_code_is_a_valid_setting_or_refused_with_a_reason(
    code: str, until: dt.date | None
) -> None:
    refused: InvalidInput | None = None
    try:
        setting = setting_from_code(code, until)
    except InvalidInput as exc:
        refused = exc
    if refused is not None:
        assert refused.message
    else:
        setting.check()
        assert setting.code == code


@given(_valid_setting(), days, days)
def test_a_change_never_reaches_a_week_that_has_begun(
    setting: Setting, start: dt.date, today: dt.date
) -> None:
    try:
        effective, stored = check_setting(setting, start, today)
    except InvalidInput:
        return
    if setting.kind is Kind.RACE:
        assert effective == start > today
    else:
        assert effective.weekday() == 0 and effective > today and effective >= start
        assert effective - today <= dt.timedelta(days=7) or effective == effective_monday(start)
    if stored.until is not None:  # a phase ends on a Sunday, at most 16 weeks after it starts
        assert stored.until.weekday() == 6 and stored.until >= effective
        assert (stored.until - effective).days < 7 * MAX_PHASE_WEEKS


def test_the_checks_say_what_is_wrong() -> None:
    sessions = Setting(Kind.SESSIONS, sessions=3)
    with pytest.raises(InvalidInput, match="today or later"):
        check_setting(sessions, MONDAY - dt.timedelta(days=1), MONDAY)
    for n in (0, 4):
        with pytest.raises(InvalidInput, match="1-3"):
            check_setting(Setting(Kind.SESSIONS, sessions=n), MONDAY, MONDAY)
    later = MONDAY + dt.timedelta(days=7)
    assert check_setting(sessions, MONDAY + dt.timedelta(days=2), MONDAY)[0] == later
    # On a Monday, today's change waits for the next Monday: this week has begun.
    assert check_setting(sessions, MONDAY, MONDAY)[0] == later
    race = Setting(Kind.RACE, Choice.ADD)
    with pytest.raises(InvalidInput, match="tomorrow or later"):
        check_setting(race, MONDAY, MONDAY)
    tomorrow = MONDAY + dt.timedelta(days=1)
    assert check_setting(race, tomorrow, MONDAY)[0] == tomorrow
    with pytest.raises(InvalidInput, match="last day"):
        setting_from_code("phase:taper")
    with pytest.raises(InvalidInput, match="before it starts"):
        check_setting(Setting(Kind.PHASE, Choice.TAPER, until=MONDAY), MONDAY, MONDAY)
    long = Setting(Kind.PHASE, Choice.TAPER, until=MONDAY + dt.timedelta(days=200))
    with pytest.raises(InvalidInput, match="at most 16 weeks"):
        check_setting(long, MONDAY, MONDAY)
    with pytest.raises(InvalidInput, match="no exercise"):
        setting_from_code("exercise:prefer:leg-press")
    for bad in ("sessions:x", "sessions:22", "speed:on", "rest-days:maybe", "race:add:nordic"):
        with pytest.raises(InvalidInput):
            setting_from_code(bad)


changes = st.lists(
    st.tuples(st.integers(0, 6), st.integers(1, 3)), max_size=4
)  # (weeks after MONDAY, sessions), in the order made


@settings(max_examples=60, deadline=None)
@given(made=changes, default=st.integers(2, 3))
def test_each_week_gets_the_latest_change_in_effect_and_says_so(
    made: list[tuple[int, int]], default: int
) -> None:
    programme = tuple(
        _change(Setting(Kind.SESSIONS, sessions=n), w, k) for k, (w, n) in enumerate(made)
    )
    plan = build_plan(_request(programme, sessions=default))
    for week in plan.weeks:
        # Of the changes in effect by then, the one made last.
        in_effect = [c for c in programme if c.effective <= week.start]
        wanted = in_effect[-1] if in_effect else None
        assert for_week(week.start, programme).sessions == (
            None if wanted is None else wanted.setting.sessions
        )
        expected = default if wanted is None else wanted.setting.sessions
        assert len(week.sessions) == expected, (week.start, made)
        for s in week.sessions:
            coach_reasons = [r for r in s.reasons if r.startswith("your coach")]
            assert coach_reasons == ([] if wanted is None else [wanted.reason])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_valid_setting(), st.integers(0, 6)), min_size=1, max_size=5))
def test_weeks_before_the_first_change_are_planned_as_without_it(
    made: list[tuple[Setting, int]],
) -> None:
    programme = tuple(_change(s, w, k) for k, (s, w) in enumerate(made))
    races = plan_races((), programme)
    plain = build_plan(_request())
    changed = build_plan(_request(programme, race_dates=races))
    # A race reaches back over its quiet days; every other change starts on its Monday.
    first = min(
        [c.effective for c in programme if c.setting.kind is not Kind.RACE]
        + [day for race in races for day in _request().race_rules.quiet_dates(race)]
        + [MONDAY + dt.timedelta(days=7 * 8)]
    )
    for before, after in zip(plain.weeks, changed.weeks, strict=True):
        if before.start + dt.timedelta(days=6) < first:
            assert before == after


@settings(max_examples=40, deadline=None)
@given(
    slug=st.sampled_from(["lying-leg-curl", "seated-leg-curl", "floor-curl", "single-leg-curl"]),
    week=st.integers(0, 4),
    per_session=st.integers(1, 2),
)
def test_an_excluded_exercise_is_gone_and_a_preferred_one_is_in_every_session(
    slug: str, week: int, per_session: int
) -> None:
    start = MONDAY + dt.timedelta(days=7 * week)

    def plan(choice: Choice) -> list[PlanWeek]:
        change = _change(Setting(Kind.EXERCISE, choice, exercise=slug), week)
        return list(build_plan(_request((change,), per_session=per_session)).weeks)

    out, ask = plan(Choice.EXCLUDE), plan(Choice.PREFER)
    for w_out, w_ask in zip(out, ask, strict=True):
        if w_out.start < start:
            continue
        assert all(e.slug != slug for s in w_out.sessions for e in s.exercises)
        assert all(any(e.slug == slug for e in s.exercises) for s in w_ask.sessions)
        for s in w_ask.sessions:
            assert any("your coach asked for it" in r for r in s.reasons)


def test_excluding_everything_the_equipment_allows_keeps_it_and_says_why() -> None:
    towel = frozenset({"towel"})
    gone = (_change(Setting(Kind.EXERCISE, Choice.EXCLUDE, exercise="floor-curl"), 0),)
    plan = build_plan(_request(gone, equipment=towel))
    assert all(s.exercises for w in plan.weeks for s in w.sessions)
    assert any("excluded every exercise" in w for w in plan.warnings)


@settings(max_examples=40, deadline=None)
@given(
    choice=st.sampled_from([Choice.MAINTENANCE, Choice.TAPER]),
    week=st.integers(0, 3),
    length=st.integers(1, 3),
    default=st.integers(2, 3),
)
def test_a_phase_holds_from_its_monday_to_its_last_day_and_then_ends(
    choice: Choice, week: int, length: int, default: int
) -> None:
    first = MONDAY + dt.timedelta(days=7 * week)
    last = first + dt.timedelta(days=7 * length - 1)
    phase = _change(Setting(Kind.PHASE, choice, until=last), week)
    request = _request((phase,), sessions=default)
    plain, plan = build_plan(_request(sessions=default)), build_plan(request)
    for before, week_plan in zip(plain.weeks, plan.weeks, strict=True):
        inside = first <= week_plan.start <= last
        if not inside:
            assert len(week_plan.sessions) == default
            continue
        if choice is Choice.MAINTENANCE:
            assert len(week_plan.sessions) == 1
        else:
            assert len(week_plan.sessions) <= request.race_rules.week_sessions
            # The Nordic's ramp-in sets its own volume; the other exercises lose sets.
            sets = {e.slug: e.sets for s in before.sessions for e in s.exercises}
            for s in week_plan.sessions:
                for e in s.exercises:
                    if e.slug in sets and e.slug != "nordic-curl":
                        assert e.sets <= sets[e.slug] + request.race_rules.week_sets_delta
        assert all(phase.reason in s.reasons for s in week_plan.sessions)


def test_a_shorter_phase_made_later_wins_and_the_longer_one_shows_again() -> None:
    long = _change(Setting(Kind.PHASE, Choice.MAINTENANCE, until=MONDAY + dt.timedelta(49)), 0, 0)
    short = _change(Setting(Kind.PHASE, Choice.TAPER, until=MONDAY + dt.timedelta(20)), 2, 1)
    phases = [for_week(MONDAY + dt.timedelta(days=7 * n), (long, short)).phase for n in range(9)]
    m, t = Choice.MAINTENANCE, Choice.TAPER
    assert phases == [m, m, t, m, m, m, m, m, None]


@settings(max_examples=30, deadline=None)
@given(week=st.integers(0, 5), on_again=st.none() | st.integers(1, 2))
def test_the_ramp_off_gives_the_full_dose_and_on_again_resumes_where_it_stood(
    week: int, on_again: int | None
) -> None:
    made = [_change(Setting(Kind.NORDIC_RAMP, Choice.OFF), week, 0)]
    if on_again is not None:
        made.append(_change(Setting(Kind.NORDIC_RAMP, Choice.ON), week + on_again, 1))
    plan = build_plan(_request(tuple(made), weeks=8))
    full = nordic_ramp_step(FULL_RAMP_WEEK)
    for w in plan.weeks:
        ramp = for_week(w.start, tuple(made)).nordic_ramp
        for s in w.sessions:
            for e in s.exercises:
                if e.slug == "nordic-curl" and ramp is False:
                    assert (e.sets, e.reps_min, e.reps_max) == (
                        full.sets,
                        full.reps_min,
                        full.reps_max,
                    )
    # With the ramp off the ramp stands still: on again, it resumes at the step it had.
    plain = build_plan(_request(weeks=8))
    steps = [_nordic_dose(w) for w in plain.weeks]
    with_off = [_nordic_dose(w) for w in plan.weeks]
    assert with_off[:week] == steps[:week]
    if on_again is not None:
        resumed = [d for d in with_off[week + on_again :] if d is not None]
        before = [d for d in steps[:week] if d is not None]
        if resumed and before:
            assert resumed[0] >= before[-1]
            assert resumed[0] in [d for d in steps if d is not None]


def _nordic_dose(week: PlanWeek) -> tuple[int, int, int] | None:
    for s in week.sessions:
        for e in s.exercises:
            if e.slug == "nordic-curl":
                return e.sets, e.reps_min, e.reps_max
    return None


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 120), st.booleans()), min_size=1, max_size=70),
    st.lists(st.integers(1, 120), max_size=30),
    st.none() | st.integers(0, 120),
)
def test_a_coachs_races_join_the_athletes_own_and_the_latest_word_per_day_counts(
    made: list[tuple[int, bool]], own_days: list[int], since_day: int | None
) -> None:
    changes = tuple(
        ProgrammeChange(
            k,
            "cora",
            Setting(Kind.RACE, Choice.ADD if add else Choice.REMOVE),
            MONDAY + dt.timedelta(days=d),
            AT + dt.timedelta(minutes=k),
        )
        for k, (d, add) in enumerate(made)
    )
    own = tuple(MONDAY + dt.timedelta(days=d) for d in own_days)
    last = {MONDAY + dt.timedelta(days=d): add for d, add in made}
    every = sorted(set(own) | {day for day, add in last.items() if add})
    since = None if since_day is None else MONDAY + dt.timedelta(days=since_day)
    got = plan_races(own, changes, since)
    assert list(got) == sorted(got) and len(set(got)) == len(got) <= MAX_RACES
    # What may shape the plan: every race from the week before `since`, the nearest first.
    reach = every if since is None else [d for d in every if d >= since - dt.timedelta(days=7)]
    assert got == tuple(reach[:MAX_RACES])
    if len(reach) > MAX_RACES:  # the cap drops the furthest ahead, never the next race
        assert got[0] == reach[0] and got[-1] < reach[-1]


def test_a_coachs_race_keeps_its_day_and_the_day_before_free_and_is_named() -> None:
    race = MONDAY + dt.timedelta(days=12)  # a Saturday
    change = ProgrammeChange(1, "cora", Setting(Kind.RACE, Choice.ADD), race, AT)
    request = _request((change,), race_dates=plan_races((), (change,)))
    plan = build_plan(request)
    dates = [s.date for w in plan.weeks for s in w.sessions]
    assert race not in dates and race - dt.timedelta(days=1) not in dates
    race_week = plan.weeks[1]
    assert all(change.reason in s.reasons for s in race_week.sessions)
    assert all(change.reason not in s.reasons for s in plan.weeks[0].sessions)


@settings(max_examples=30, deadline=None)
@given(week=st.integers(0, 5))
def test_keep_rest_days_from_a_monday_on(week: int) -> None:
    keep = _change(Setting(Kind.REST_DAYS, Choice.KEEP), week)
    plan = build_plan(_request((keep,)))
    rest = {d.value for d in Day if not WEEK.runs(d)}
    assert rest == {0, 4}
    for w in plan.weeks:
        on_rest = [s.date for s in w.sessions if s.date.weekday() in rest]
        if w.start >= keep.effective:
            # Two sessions fit this week without a rest day, so none goes on one.
            assert on_rest == []
            assert all(keep.reason in s.reasons for s in w.sessions)
        else:
            assert all(keep.reason not in s.reasons for s in w.sessions)


def test_neutral_changes_undo_without_a_reason_of_their_own() -> None:
    ask = _change(Setting(Kind.EXERCISE, Choice.PREFER, exercise="nordic-curl"), 0, 0)
    undo = _change(Setting(Kind.EXERCISE, Choice.EITHER, exercise="nordic-curl"), 2, 1)
    assert for_week(MONDAY + dt.timedelta(days=7), (ask, undo)).preferred == {"nordic-curl"}
    later = for_week(MONDAY + dt.timedelta(days=14), (ask, undo))
    assert later.preferred == frozenset() and later.reasons == ()


def test_every_code_is_each_setting_once_and_reads_back() -> None:
    codes = every_code()
    assert len(codes) == len(set(codes))
    read = [setting_from_code(code, MONDAY + dt.timedelta(days=30)) for code in codes]
    assert [s.code for s in read] == list(codes)
    wanted = {(Kind.SESSIONS, None, None)} | {
        (kind, choice, slug)
        for kind, choices in CHOICES.items()
        for choice in choices
        for slug in (CATALOGUE.slugs() if kind is Kind.EXERCISE else [None])
    }
    assert {(s.kind, s.choice, s.exercise) for s in read} == wanted
    assert {s.sessions for s in read if s.kind is Kind.SESSIONS} == {1, 2, 3}
