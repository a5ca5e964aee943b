"""Which days of the running week get a hamstring session, and why.

The week is cyclic: Sunday and the next Monday are neighbours.  All buffers are settings; the
evidence for them is weak, so they are defaults, not laws.
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


def _before_demanding(week: RunningWeek, day: Day, kind: RunType) -> bool:
    return kind in week.runs(day.shift(1))


def _day_score(week: RunningWeek, day: Day) -> float:
    runs = week.runs(day)
    if RunType.KEY in runs:
        return 3.0  # hard days hard: the legs are already taxed, recovery starts together
    if RunType.LONG in runs:
        return 0.5  # allowed, but tired legs after a long run curl poorly
    if runs:
        return 2.0 - 0.25 * (len(runs) - 1)
    return 1.0


@dataclass(frozen=True)
class _WeekFacts:
    """Per-day facts as plain tuples indexed 0-6: the search below runs thousands of times."""

    before_key: tuple[bool, ...]
    before_long: tuple[bool, ...]
    rest: tuple[bool, ...]
    score: tuple[float, ...]


def _facts(week: RunningWeek) -> _WeekFacts:
    days = list(Day)
    return _WeekFacts(
        before_key=tuple(_before_demanding(week, d, RunType.KEY) for d in days),
        before_long=tuple(_before_demanding(week, d, RunType.LONG) for d in days),
        rest=tuple(not week.runs(d) for d in days),
        score=tuple(_day_score(week, d) for d in days),
    )


def _violated(facts: _WeekFacts, days: tuple[int, ...], keep_rest: bool) -> set[Constraint]:
    broken: set[Constraint] = set()
    if len(days) > 1 and min(_int_gaps(days)) < 2:
        broken.add(Constraint.NO_CONSECUTIVE)
    for d in days:
        if facts.before_key[d]:
            broken.add(Constraint.NOT_BEFORE_KEY)
        if facts.before_long[d]:
            broken.add(Constraint.NOT_BEFORE_LONG)
        if keep_rest and facts.rest[d]:
            broken.add(Constraint.KEEP_REST_DAYS)
    return broken


def _int_gaps(days: tuple[int, ...]) -> list[int]:
    if len(days) == 1:
        return [7]
    return [(days[(i + 1) % len(days)] - v) % 7 for i, v in enumerate(days)]


def violated(
    week: RunningWeek, days: tuple[Day, ...], settings: ScheduleSettings
) -> set[Constraint]:
    """The constraints a set of session days breaks (session count is checked by the caller)."""
    values = tuple(sorted(d.value for d in days))
    return _violated(_facts(week), values, settings.keep_rest_days)


def _score(facts: _WeekFacts, days: tuple[int, ...]) -> float:
    return sum(facts.score[d] for d in days) + 1.5 * min(_int_gaps(days))


def _reasons(week: RunningWeek, day: Day) -> tuple[str, ...]:
    runs = week.runs(day)
    nxt = day.shift(1)
    out: list[str] = []
    if RunType.KEY in runs:
        out.append(
            f"{day.slug}: after the key run, at least 3 h later: hard days hard, easy days easy"
        )
    elif RunType.LONG in runs:
        out.append(f"{day.slug}: after the long run; keep it controlled")
    elif runs:
        out.append(f"{day.slug}: an easy run day, so the legs are fresh enough for quality reps")
    else:
        out.append(f"{day.slug}: a rest day from running")
    if not week.is_demanding(nxt):
        out.append(f"the next day ({nxt.slug}: {week.label(nxt)}) does not need fresh hamstrings")
    return tuple(out)


def schedule_week(week: RunningWeek, settings: ScheduleSettings) -> Schedule:
    """Choose the session days, relaxing constraints in RELAX_ORDER only when nothing fits."""
    settings.validate()
    facts = _facts(week)
    candidates = [d.value for d in Day if d not in settings.blocked]
    relaxable = list(RELAX_ORDER)
    for level in range(len(relaxable) + 1):
        allowed = set(relaxable[:level])
        # Dropping from three sessions to two breaks a less important rule than any day rule,
        # and any two days of a valid three-day set are valid, so once allowed it is always taken.
        count = settings.sessions
        if Constraint.SESSION_COUNT in allowed and settings.sessions == 3:
            count = 2
        best: tuple[int, ...] | None = None
        best_score = float("-inf")
        for combo in itertools.combinations(candidates, count):
            if _violated(facts, combo, settings.keep_rest_days) - allowed:
                continue
            score = _score(facts, combo)
            if score > best_score:
                best, best_score = combo, score
        if best is not None:
            return _result(week, tuple(Day(d) for d in best), settings, count)
    raise InvalidInput(
        f"no {settings.sessions} free days in this week (blocked: "
        f"{', '.join(d.slug for d in sorted(settings.blocked, key=lambda d: d.value))})"
    )


def _result(
    week: RunningWeek, days: tuple[Day, ...], settings: ScheduleSettings, count: int
) -> Schedule:
    broken = violated(week, days, settings)
    if count < settings.sessions:
        broken.add(Constraint.SESSION_COUNT)
    relaxed = tuple(c for c in RELAX_ORDER if c in broken)
    warnings = tuple(f"relaxed '{c.value}': {_WHY[c]}" for c in relaxed)
    return Schedule(
        days=tuple(DayChoice(d, _reasons(week, d)) for d in days),
        relaxed=relaxed,
        warnings=warnings,
    )
