"""Which days of the running week get a hamstring session, and why.

A week on its own is a repeating pattern, so it is cyclic: its Sunday and its Monday are
neighbours. A week of a real plan is given the week that follows it (`following`) and the
weekday it starts on (`ScheduleSettings.first_day`, Monday unless the plan starts on another
day): its last day's next day is then the following week's first day, with its own runs, and
its first and last days are six days apart (the previous week's last session blocks the first
day, see `planning`).

The best day set is the one that breaks the least important rules: rules are compared in
`RELAX_ORDER` from the most important down, so breaking one rule never lets a less important
one give way for free; then a day that allows a Nordic (when one is wanted); then the score.
All buffers are settings; the evidence for them is weak, so they are defaults, not laws.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import StrEnum

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.model import Day, RunningWeek, RunType


class Constraint(StrEnum):
    """Constraints that may be relaxed, in the order they give way (least important first)."""

    KEEP_REST_DAYS = "keep rest days free"
    SESSION_COUNT = "sessions per week"
    NO_CONSECUTIVE = "no hamstring sessions on consecutive days"
    NOT_BEFORE_KEY = "no session the day before a key run"
    NOT_BEFORE_LONG = "no session the day before the long run"


RELAX_ORDER: tuple[Constraint, ...] = tuple(Constraint)
# Most important first: the order in which broken rules are compared.
IMPORTANCE: tuple[Constraint, ...] = tuple(reversed(RELAX_ORDER))

_WHY: dict[Constraint, str] = {
    Constraint.KEEP_REST_DAYS: "you asked to keep rest days free, but the other days cannot hold "
    "the sessions",
    Constraint.SESSION_COUNT: "the week has too few suitable days; the programme's minimum of two "
    "sessions still counts",
    Constraint.NO_CONSECUTIVE: "there are not enough days with a day of recovery between sessions",
    Constraint.NOT_BEFORE_KEY: "every remaining day sits before a key run; keep this session light "
    "or move the key run",
    Constraint.NOT_BEFORE_LONG: "every remaining day sits before the long run; keep this session "
    "light or move the long run",
}


@dataclass(frozen=True)
class ScheduleSettings:
    sessions: int = 2
    keep_rest_days: bool = False
    maintenance: bool = False  # allows a single session a week (taper or busy block)
    blocked: frozenset[Day] = frozenset()  # e.g. race day: never a session
    # Days on which a Nordic may be done (a coming race rules some out); None: no preference.
    nordic_days: frozenset[Day] | None = None
    first_day: Day = Day.MON  # of a real week (with `following`): where the week begins
    # The fewest sessions the count may drop to ("sessions per week" giving way): the
    # programme's minimum of two, unless fewer were asked for; a race week's taper allows one.
    fewest: int = 2

    def validate(self) -> None:
        low = 1 if self.maintenance else 2
        if not low <= self.sessions <= 3:
            raise InvalidInput(
                f"sessions per week must be {low}-3 (got {self.sessions})"
                + ("" if self.maintenance else "; 1 is allowed in maintenance mode")
            )


@dataclass(frozen=True)
class DayChoice:
    day: Day
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Schedule:
    days: tuple[DayChoice, ...]
    relaxed: tuple[Constraint, ...]
    warnings: tuple[str, ...]


# How good a day is for a session (team defaults, no study; see docs/evidence.md).
SCORE_AFTER_KEY = 3.0  # hard days hard: the legs are already taxed, recovery starts together
SCORE_AFTER_LONG = 0.5  # allowed, but tired legs after a long run curl poorly
SCORE_EASY_DAY = 2.0  # fresh enough for quality reps
SCORE_PER_EXTRA_RUN = 0.25  # taken off per extra run on a double day
SCORE_REST_DAY = 1.0
SCORE_PER_DAY_OF_SPREAD = 1.5  # times the shortest gap between sessions: spread the week


def _day_score(week: RunningWeek, day: Day) -> float:
    runs = week.runs(day)
    if RunType.KEY in runs:
        return SCORE_AFTER_KEY
    if RunType.LONG in runs:
        return SCORE_AFTER_LONG
    if runs:
        return SCORE_EASY_DAY - SCORE_PER_EXTRA_RUN * (len(runs) - 1)
    return SCORE_REST_DAY


@dataclass(frozen=True)
class _WeekFacts:
    """Per-day facts as plain tuples indexed 0-6: the search below runs thousands of times."""

    before_key: tuple[bool, ...]
    before_long: tuple[bool, ...]
    rest: tuple[bool, ...]
    score: tuple[float, ...]
    cyclic: bool
    first: int  # the weekday a real week begins on


def _next_week(
    week: RunningWeek, following: RunningWeek | None, day: Day, first: Day
) -> RunningWeek:
    """The week the day after `day` belongs to."""
    return following if following is not None and day.shift(1) is first else week


def _facts(week: RunningWeek, following: RunningWeek | None, first: Day) -> _WeekFacts:
    days = list(Day)
    after = [_next_week(week, following, d, first).runs(d.shift(1)) for d in days]
    return _WeekFacts(
        before_key=tuple(RunType.KEY in runs for runs in after),
        before_long=tuple(RunType.LONG in runs for runs in after),
        rest=tuple(not week.runs(d) for d in days),
        score=tuple(_day_score(week, d) for d in days),
        cyclic=following is None,
        first=first.value,
    )


def _cyclic_gaps(days: tuple[int, ...]) -> list[int]:
    if len(days) == 1:
        return [7]
    return [(days[(i + 1) % len(days)] - v) % 7 for i, v in enumerate(days)]


def violated(
    week: RunningWeek,
    days: tuple[Day, ...],
    settings: ScheduleSettings,
    following: RunningWeek | None = None,
) -> set[Constraint]:
    """The constraints a set of session days breaks (session count is checked by the caller)."""
    values = tuple(sorted(d.value for d in days))
    facts = _facts(week, following, settings.first_day)
    return _decode(_bad(facts, _day_bits(facts, settings.keep_rest_days), values))


def _score(facts: _WeekFacts, days: tuple[int, ...]) -> float:
    # Spread is judged on the repeating pattern even in a real week: it keeps weeks alike.
    return sum(facts.score[d] for d in days) + SCORE_PER_DAY_OF_SPREAD * min(_cyclic_gaps(days))


def _reasons(
    week: RunningWeek, day: Day, following: RunningWeek | None, first: Day
) -> tuple[str, ...]:
    runs = week.runs(day)
    nxt = day.shift(1)
    next_week = _next_week(week, following, day, first)
    out: list[str] = []
    # Day names, not slugs: the reasons are read by people (the week page, the calendar).
    name = day.name.capitalize()
    if RunType.KEY in runs:
        out.append(f"{name}: after the key run, at least 3 h later: hard days hard, easy days easy")
    elif RunType.LONG in runs:
        out.append(f"{name}: after the long run; keep it controlled")
    elif runs:
        out.append(f"{name}: an easy run day, so the legs are fresh enough for quality reps")
    else:
        out.append(f"{name}: a rest day from running")
    if not next_week.is_demanding(nxt):
        out.append(
            f"the next day ({nxt.name.capitalize()}: {next_week.label(nxt)}) "
            "does not need fresh hamstrings"
        )
    return tuple(out)


# A broken rule as a bit, the more important the higher: comparing two sets of broken rules
# as numbers compares them from the most important rule down.
_BIT = {c: 1 << (len(IMPORTANCE) - 1 - i) for i, c in enumerate(IMPORTANCE)}


def _decode(bad: int) -> set[Constraint]:
    return {c for c, bit in _BIT.items() if bad & bit}


def _day_bits(facts: _WeekFacts, keep_rest: bool) -> list[int]:
    """The rules each day breaks on its own, as bits."""
    return [
        (_BIT[Constraint.NOT_BEFORE_LONG] if facts.before_long[d] else 0)
        | (_BIT[Constraint.NOT_BEFORE_KEY] if facts.before_key[d] else 0)
        | (_BIT[Constraint.KEEP_REST_DAYS] if keep_rest and facts.rest[d] else 0)
        for d in range(7)
    ]


def _bad(facts: _WeekFacts, day_bits: list[int], combo: tuple[int, ...]) -> int:
    """The rules a day set breaks (the session count aside), as bits."""
    bad = 0
    for d in combo:
        bad |= day_bits[d]
    return bad | (_BIT[Constraint.NO_CONSECUTIVE] if _adjacent(facts, combo) else 0)


def _adjacent(facts: _WeekFacts, combo: tuple[int, ...]) -> bool:
    if len(combo) < 2:
        return False
    if facts.cyclic:
        return min(_cyclic_gaps(combo)) < 2
    order = sorted((d - facts.first) % 7 for d in combo)
    return any(b - a < 2 for a, b in itertools.pairwise(order))


def schedule_week(
    week: RunningWeek, settings: ScheduleSettings, following: RunningWeek | None = None
) -> Schedule:
    """Choose the session days that break the least important rules (see the module's doc)."""
    settings.validate()
    facts = _facts(week, following, settings.first_day)
    candidates = [d.value for d in Day if d not in settings.blocked]
    nordic = (
        None if settings.nordic_days is None else frozenset(d.value for d in settings.nordic_days)
    )
    day_bits = _day_bits(facts, settings.keep_rest_days)
    fewest = max(1, min(settings.fewest, settings.sessions))
    counts = tuple(range(settings.sessions, fewest - 1, -1))
    best: tuple[int, ...] | None = None
    best_key: tuple[int, bool, float] = (1 << len(IMPORTANCE), True, 0.0)
    for count in counts:
        fewer = _BIT[Constraint.SESSION_COUNT] if count < settings.sessions else 0
        for combo in itertools.combinations(candidates, count):
            bad = fewer | _bad(facts, day_bits, combo)
            if bad > best_key[0]:
                continue
            no_nordic = nordic is not None and nordic.isdisjoint(combo)
            key = (bad, no_nordic, -_score(facts, combo))
            if key < best_key:
                best, best_key = combo, key
    if best is None:
        raise InvalidInput(
            f"no {settings.sessions} free days in this week (blocked: "
            f"{', '.join(d.slug for d in sorted(settings.blocked, key=lambda d: d.value))})"
        )
    return _result(week, tuple(Day(d) for d in best), _decode(best_key[0]), settings, following)


def _result(
    week: RunningWeek,
    days: tuple[Day, ...],
    broken: set[Constraint],
    settings: ScheduleSettings,
    following: RunningWeek | None,
) -> Schedule:
    relaxed = tuple(c for c in RELAX_ORDER if c in broken)
    why = dict(_WHY)
    if len(days) < 2:
        why[Constraint.SESSION_COUNT] = (
            "the week has too few suitable days around the race; one session keeps you fresh"
        )
    warnings = tuple(f"relaxed '{c.value}': {why[c]}" for c in relaxed)
    return Schedule(
        days=tuple(DayChoice(d, _reasons(week, d, following, settings.first_day)) for d in days),
        relaxed=relaxed,
        warnings=warnings,
    )
