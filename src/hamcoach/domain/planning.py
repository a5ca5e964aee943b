"""A multi-week plan: scheduling + selection + prescription, with the reasons for each choice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from hamcoach.domain.catalogue import Catalogue, Exercise
from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import (
    Day,
    Plan,
    PlannedExercise,
    PlannedSession,
    PlanWeek,
    RunningWeek,
    RunType,
    Side,
)
from hamcoach.domain.prescription import (
    FULL_RAMP_WEEK,
    exposures_to_finish,
    nordic_ramp_step,
    prescribe,
)
from hamcoach.domain.programme import Choice, ProgrammeChange, WeekProgramme, for_week
from hamcoach.domain.progression import RampState, Rung
from hamcoach.domain.race_rules import RaceRules
from hamcoach.domain.scheduling import Schedule, ScheduleSettings, schedule_week
from hamcoach.domain.selection import (
    NORDIC,
    Pick,
    SelectionSettings,
    SessionPicks,
    feasible_exercises,
    select_week,
)
from hamcoach.domain.session_moves import MoveRules
from hamcoach.domain.values import EARLIEST_DATE, LATEST_DATE, MAX_RACES, check_date

MAX_WEEKS = 104
_NO_COACH = WeekProgramme()
# Plans start on a Monday: the first one must reach back to the week of the earliest date.
FIRST_START = EARLIEST_DATE - dt.timedelta(days=EARLIEST_DATE.weekday())
LAST_START = LATEST_DATE


@dataclass(frozen=True)
class PlanRequest:
    equipment: frozenset[str]
    week: RunningWeek
    start: dt.date
    weeks: int = 4
    sessions: int = 2
    per_session: int = 2
    nordic_ramp: bool = True
    nordic_ramp_start_week: int = 1  # where the ramp stands in the first planned week
    nordic_ramp_start_done: int = 0  # Nordic sessions already done at that step
    race_dates: tuple[dt.date, ...] = ()
    keep_rest_days: bool = False
    maintenance: bool = False
    rest_s: int = 90
    asymmetry_pct: float | None = None
    floor_rung: Rung | None = None
    loads: Mapping[str, float] = field(default_factory=dict)
    side_loads: Mapping[str, Mapping[Side, float]] = field(default_factory=dict)
    first_week_sets_delta: int = 0  # -1 after a long break
    first_week_note: str | None = None
    # Imported runs can replace the typical week for given plan weeks (1-based).
    week_overrides: Mapping[int, RunningWeek] = field(default_factory=dict)
    race_rules: RaceRules = field(default_factory=RaceRules)
    # A coach's changes, in the order made (`domain/programme.py`); a coach's races are
    # already in `race_dates`.
    programme: tuple[ProgrammeChange, ...] = ()

    def validate(self) -> None:
        self.race_rules.validate()
        if not 1 <= self.weeks <= MAX_WEEKS:
            raise InvalidInput(f"weeks must be 1-{MAX_WEEKS} (got {self.weeks})")
        if not FIRST_START <= self.start <= LAST_START:
            raise InvalidInput(
                f"start must be between {FIRST_START} and {LAST_START} (got {self.start})"
            )
        if not 30 <= self.rest_s <= 600:
            raise InvalidInput(f"rest must be 30-600 s (got {self.rest_s})")
        # The plan's own copy of the rule every stored race date follows: a request built by
        # hand (Python API, `plan --race`) must not reach date arithmetic near year 1 either.
        if len(self.race_dates) > MAX_RACES:
            raise InvalidInput(f"at most {MAX_RACES} race dates (got {len(self.race_dates)})")
        for race in self.race_dates:
            check_date(race, "race date")
        ScheduleSettings(sessions=self.sessions, maintenance=self.maintenance).validate()
        if self.per_session not in (1, 2):
            raise InvalidInput(f"exercises per session must be 1 or 2 (got {self.per_session})")


@lru_cache(maxsize=8192)
def _cached_selection(
    feasible: tuple[Exercise, ...],
    equipment: frozenset[str],
    sessions: int,
    settings: SelectionSettings,
    nordic_allowed: tuple[bool, ...],
    nordic_max: int | None,
) -> tuple[tuple[SessionPicks, ...], tuple[str, ...]]:
    # Pure and deterministic, so identical weeks (most of a plan, and many athletes) share it.
    return select_week(
        feasible,
        equipment,
        sessions=sessions,
        settings=settings,
        nordic_allowed=nordic_allowed,
        nordic_max_sessions=nordic_max,
    )


@lru_cache(maxsize=4096)
def _cached_schedule(
    week: RunningWeek, settings: ScheduleSettings, following: RunningWeek
) -> Schedule:
    return schedule_week(week, settings, following)


def _week_for(
    request: PlanRequest, number: int, start: dt.date, previous_last: dt.date | None
) -> tuple[RunningWeek, frozenset[Day]]:
    """The running week as it will actually be, and the days it rules out.

    Races are one-off dates, not part of the weekly pattern: race day and the quiet days
    before it (`RaceRules.quiet_days`, at least the day before) are blocked in the week they
    fall in. Weeks are planned one by one, so a session on the last
    day of the previous week blocks this week's first day (no hamstring days back to back
    across the week edge, where the cyclic check of a single week cannot see).
    """
    week = request.week_overrides.get(number, request.week)
    blocked: set[Day] = set()
    end = start + dt.timedelta(days=7)
    for race in request.race_dates:
        for day in request.race_rules.quiet_dates(race):
            if start <= day < end:
                blocked.add(Day.of(day))
    if previous_last is not None and previous_last == start - dt.timedelta(days=1):
        blocked.add(Day.of(start))
    return week, frozenset(blocked)


def _date_of(start: dt.date, day: Day) -> dt.date:
    return start + dt.timedelta(days=(day.value - start.weekday()) % 7)


def _nordic_days(
    start: dt.date, request: PlanRequest, nordic_feasible: bool, max_nordic: int | None
) -> frozenset[Day] | None:
    """The days of this week that allow a Nordic, when a Nordic is wanted and some day is not
    allowed (otherwise None: every day set allows one, or none is wanted)."""
    if not nordic_feasible or max_nordic == 0:
        return None
    rules = request.race_rules
    if not rules.near_a_race(start, request.race_dates):
        return None
    days = frozenset(d for d in Day if rules.nordic_allowed(_date_of(start, d), request.race_dates))
    return None if len(days) == len(Day) else days


def _planned(
    pick: Pick, request: PlanRequest, ramp_week: int | None, sets_delta: int
) -> PlannedExercise:
    ex: Exercise = pick.exercise
    stance = None
    variant = pick.variant
    if ex.slug == "floor-curl" and request.floor_rung is not None:
        variant, stance = request.floor_rung.variant, request.floor_rung.stance
    elif ex.slug == "floor-curl":
        stance = "both"
    return prescribe(
        ex,
        variant=variant,
        nordic_ramp_week=ramp_week,
        rest_s=request.rest_s,
        load=None if ex.bodyweight else request.loads.get(ex.slug),
        stance=stance,
        sets_delta=sets_delta,
        side_loads=tuple(request.side_loads.get(ex.slug, {}).items()),
    )


def build_plan(request: PlanRequest, catalogue: Catalogue = CATALOGUE) -> Plan:
    """Plan `weeks` weeks from `start`: session days, exercises, targets and the reasons."""
    request.validate()
    all_feasible = feasible_exercises(catalogue, request.equipment)
    floor_variant = request.floor_rung.variant if request.floor_rung else None
    week_warnings: dict[str, list[int]] = {}
    weeks: list[PlanWeek] = []
    ramp = RampState(request.nordic_ramp_start_week, request.nordic_ramp_start_done)
    # Most weeks repeat the previous one's picks; prescribe each distinct session once.
    prescribed: dict[tuple[SessionPicks, int | None, int], tuple[PlannedExercise, ...]] = {}
    for number in range(1, request.weeks + 1):
        start = request.start + dt.timedelta(days=7 * (number - 1))
        previous_last = weeks[-1].sessions[-1].date if weeks and weeks[-1].sessions else None
        running, blocked = _week_for(request, number, start, previous_last)
        # The real next day of this week's Sunday: the next plan week's Monday.
        following = request.week_overrides.get(number + 1, request.week)
        coach = for_week(start, request.programme) if request.programme else _NO_COACH
        feasible = tuple(ex for ex in all_feasible if ex.slug not in coach.excluded)
        if not feasible:
            week_warnings.setdefault(
                "your coach excluded every exercise your equipment allows, so they stay in", []
            ).append(number)
            feasible = all_feasible
        nordic_feasible = any(ex.slug == NORDIC for ex in feasible)
        selection = SelectionSettings(
            request.per_session, request.asymmetry_pct, floor_variant, coach.preferred
        )
        ramp_week: int | None = None
        max_nordic: int | None = None
        ramp_on = request.nordic_ramp if coach.nordic_ramp is None else coach.nordic_ramp
        if ramp_on:
            ramp_week = ramp.week
            max_nordic = nordic_ramp_step(ramp_week).max_sessions
        race_week = any(start <= r < start + dt.timedelta(days=7) for r in request.race_dates)
        count = request.sessions if coach.sessions is None else coach.sessions
        maintenance = request.maintenance if coach.sessions is None else count == 1
        if coach.phase is Choice.MAINTENANCE:
            count, maintenance = 1, True
        taper = race_week or coach.phase is Choice.TAPER
        if taper:  # fewer sessions
            count = min(count, request.race_rules.week_sessions)
        # Down to what the race days leave free: long quiet days before a race early next
        # week can fill this one too (without races at most one day is blocked).
        free = 7 - len(blocked)
        squeezed = free < count
        if squeezed and not race_week:
            week_warnings.setdefault(
                "fewer sessions: the quiet days before a race leave too few free days", []
            ).append(number)
        count = min(count, free)
        if count == 0:
            week_warnings.setdefault(
                "no session: races and the quiet days before them fill the week", []
            ).append(number)
            weeks.append(PlanWeek(number, start, ()))
            continue
        tapering = taper or squeezed
        settings = ScheduleSettings(
            sessions=count,
            keep_rest_days=request.keep_rest_days
            if coach.keep_rest_days is None
            else coach.keep_rest_days,
            maintenance=maintenance or (tapering and count == 1),
            fewest=1 if tapering else 2,
            blocked=blocked,
            nordic_days=_nordic_days(start, request, nordic_feasible, max_nordic),
            first_day=Day.of(start),
        )
        schedule = _cached_schedule(running, settings, following)
        for text in schedule.warnings:
            week_warnings.setdefault(text, []).append(number)
        choices = sorted(schedule.days, key=lambda c: _date_of(start, c.day))
        dates = [_date_of(start, c.day) for c in choices]
        picks, pick_warnings = _cached_selection(
            feasible,
            request.equipment,
            len(choices),
            selection,
            # Without races every day allows a Nordic (most plans: skip the date checks).
            tuple(request.race_rules.nordic_allowed(d, request.race_dates) for d in dates)
            if request.race_dates
            else (True,) * len(dates),
            max_nordic,
        )
        for text in pick_warnings:
            week_warnings.setdefault(text, []).append(number)
        if nordic_feasible and not any(p.exercise.slug == NORDIC for s in picks for p in s.picks):
            week_warnings.setdefault(_why_no_nordic(dates, request), []).append(number)
        sessions: list[PlannedSession] = []
        for choice, date, session_picks in zip(choices, dates, picks, strict=True):
            if not session_picks.picks:
                # Only the Nordic fits, and the ramp-in or a race keeps it out of this session.
                text = (
                    "fewer sessions per week: the Nordic is the only exercise your equipment "
                    "allows, and the ramp-in or a coming race limits how often it can be done"
                )
                week_warnings.setdefault(text, []).append(number)
                continue
            sets_delta = request.first_week_sets_delta if number == 1 else 0
            if taper:
                sets_delta = min(sets_delta, request.race_rules.week_sets_delta)
            key = (session_picks, ramp_week, sets_delta)
            exercises = prescribed.get(key)
            if exercises is None:
                exercises = tuple(
                    _planned(p, request, ramp_week, sets_delta) for p in session_picks.picks
                )
                prescribed[key] = exercises
            reasons = list(choice.reasons) + [p.reason for p in session_picks.picks]
            if (
                ramp_week is not None
                and ramp_week < FULL_RAMP_WEEK
                and any(p.exercise.slug == NORDIC for p in session_picks.picks)
            ):
                reasons.append(
                    f"Nordic ramp-in week {ramp_week}: volume builds to 3 x 10-12 by week "
                    f"{FULL_RAMP_WEEK} so the first sessions do not leave you sore for days"
                )
            if (
                request.race_dates
                and not request.race_rules.nordic_allowed(date, request.race_dates)
                and nordic_feasible
            ):
                reasons.append(request.race_rules.no_nordic_reason(date, request.race_dates))
            if number == 1 and request.first_week_note:
                reasons.append(request.first_week_note)
            if race_week:
                reasons.append(request.race_rules.week_reason())
            reasons.extend(coach.reasons)
            sessions.append(PlannedSession(date, exercises, tuple(reasons)))
        weeks.append(PlanWeek(number, start, tuple(sessions)))
        if ramp_on:  # with the ramp-in off, it stays where it stood until it is on again
            ramp = _ramp_after(ramp, sessions, first_week=number == 1)
    warnings = tuple(
        _week_prefix(nums, request.weeks) + text for text, nums in week_warnings.items()
    )
    return Plan(tuple(weeks), warnings)


def _ramp_after(ramp: RampState, sessions: list[PlannedSession], *, first_week: bool) -> RampState:
    """The ramp for the next plan week: a step advances only when its Nordic sessions were
    planned (a race week without one does not advance it). The first week's sessions include
    those already done, which `nordic_ramp_start_done` counted too: the larger count holds."""
    planned = sum(1 for s in sessions if any(e.slug == NORDIC for e in s.exercises))
    done = max(ramp.done, planned) if first_week else ramp.done + planned
    if ramp.week < FULL_RAMP_WEEK and done >= exposures_to_finish(ramp.week):
        return RampState(ramp.week + 1, 0)
    return RampState(ramp.week, done)


def _why_no_nordic(dates: list[dt.date], request: PlanRequest) -> str:
    rules = request.race_rules
    if dates and not any(rules.nordic_allowed(d, request.race_dates) for d in dates):
        return rules.why_no_nordic()
    return "no Nordic: the week's sessions went to exercises ranked above it"


def _week_prefix(numbers: list[int], total: int) -> str:
    """A warning's weeks, each once: `week 2`, `weeks 1 and 3`, `weeks 1, 2 and 4`, `every week`."""
    unique = sorted(set(numbers))
    if len(unique) == total:
        return "every week: "
    if len(unique) == 1:
        return f"week {unique[0]}: "
    *rest, last = (str(n) for n in unique)
    return f"weeks {', '.join(rest)} and {last}: "


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)


def move_rules(request: PlanRequest) -> MoveRules:
    """The facts a moved session of this plan is checked against (`session_moves`)."""

    def runs_on(day: dt.date) -> tuple[RunType, ...]:
        number = (day - request.start).days // 7 + 1
        return request.week_overrides.get(number, request.week).runs(Day.of(day))

    return MoveRules(runs_on, request.race_dates, request.race_rules, request.keep_rest_days)
