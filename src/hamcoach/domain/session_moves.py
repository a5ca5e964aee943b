"""Moving a planned session to another day of its week (pure).

The plan chooses the days (`scheduling`); the athlete knows their week better on the day: a late
meeting, a gym closed on Thursday. A move is stored as "the session the plan puts on `source`
goes to `target`", and applied to every plan built afterwards, so the week page, today's
session, the calendar feed and the watch export all show the same day.

The rules are checked again on the new day, and what it breaks is said, not refused: the day
before the long run or a key run, back to back with another session, the quiet days before a
race, a Nordic too close to a race. Only what cannot be a session is refused: a day outside the
session's week, a day already gone, a day that already holds a session, race day itself.

A plan rebuilt later (new equipment, imported runs, a strength test) may no longer have a
session on `source`, or may have one on `target`: the move then no longer applies, and the plan
says so instead of silently dropping or doubling a session.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from hamcoach.domain.errors import Conflict, InvalidInput
from hamcoach.domain.model import Plan, PlannedSession, PlanWeek, RunType
from hamcoach.domain.race_rules import RaceRules
from hamcoach.domain.selection import NORDIC

# What the day after a new session day asks of the legs: the plan's running week for that date.
RunsOn = Callable[[dt.date], tuple[RunType, ...]]


@dataclass(frozen=True)
class MoveRules:
    """What a moved session is checked against (the plan request's facts for its dates)."""

    runs_on: RunsOn
    race_dates: tuple[dt.date, ...] = ()
    race_rules: RaceRules = field(default_factory=RaceRules)
    keep_rest_days: bool = False


def _when(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def week_of(plan: Plan, day: dt.date) -> PlanWeek | None:
    return next((w for w in plan.weeks if w.start <= day < w.start + dt.timedelta(days=7)), None)


def check_move(plan: Plan, source: dt.date, target: dt.date, today: dt.date) -> PlannedSession:
    """The session planned on `source`, when it may go to `target`; else a reason to refuse."""
    week = week_of(plan, source)
    session = None if week is None else next((s for s in week.sessions if s.date == source), None)
    if week is None or session is None:
        raise InvalidInput(f"no session is planned on {_when(source)}: pick a planned session")
    if source == target:
        raise InvalidInput(f"the session is on {_when(source)} already")
    end = week.start + dt.timedelta(days=6)
    if not week.start <= target <= end:
        raise InvalidInput(
            f"a session moves within its week ({_when(week.start)} to {_when(end)}); "
            f"{_when(target)} is in another week"
        )
    if target < today:
        raise InvalidInput(f"{_when(target)} has passed: move the session to today or later")
    if any(s.date == target for s in week.sessions):
        raise Conflict(f"{_when(target)} already holds a session: move that one first")
    return session


def _rule_breaks(
    session: PlannedSession, others: Iterable[dt.date], rules: MoveRules
) -> tuple[str, ...]:
    """The rules the session breaks on its (new) day, in words."""
    day = session.date
    out: list[str] = []
    after = rules.runs_on(day + dt.timedelta(days=1))
    nxt = _when(day + dt.timedelta(days=1))
    if RunType.LONG in after:
        out.append(f"the day before the long run ({nxt}): it needs fresh hamstrings")
    if RunType.KEY in after:
        out.append(f"the day before a key run ({nxt}): it needs fresh hamstrings")
    near = sorted(d for d in others if abs((d - day).days) == 1)
    if near:
        out.append(
            "back to back with the session on "
            + " and ".join(_when(d) for d in near)
            + ": hamstrings need a day between sessions"
        )
    for race in rules.race_dates:
        if day in set(rules.race_rules.quiet_dates(race)) and day != race:
            out.append(f"in the quiet days before your race on {_when(race)}")
    if any(e.slug == NORDIC for e in session.exercises) and not rules.race_rules.nordic_allowed(
        day, rules.race_dates
    ):
        out.append(rules.race_rules.no_nordic_reason(day, rules.race_dates))
    if rules.keep_rest_days and not rules.runs_on(day):
        out.append("on a rest day, which you asked to keep free")
    return tuple(out)


def refuse_race_day(target: dt.date, rules: MoveRules) -> None:
    if target in rules.race_dates:
        raise InvalidInput(f"{_when(target)} is race day: pick another day")


def apply_moves(plan: Plan, moves: Mapping[dt.date, dt.date], rules: MoveRules) -> Plan:
    """`plan` with each move applied (source date -> target date), the new days' rule breaks
    named; moves the rebuilt plan no longer allows are left out, with a warning."""
    if not moves:
        return plan
    warnings = list(plan.warnings)
    weeks: list[tuple[PlanWeek, dict[dt.date, PlannedSession], set[dt.date]]] = []
    for week in plan.weeks:
        end = week.start + dt.timedelta(days=7)
        mine = {s: t for s, t in moves.items() if week.start <= s < end}
        by_date = {s.date: s for s in week.sessions}
        moved: dict[dt.date, PlannedSession] = {}
        for source, target in sorted(mine.items()):
            session = by_date.get(source)
            if session is None:
                continue  # the plan no longer puts a session there: nothing to move
            taken = target in by_date and target not in mine
            if taken or any(m.date == target for m in moved.values()):
                warnings.append(
                    f"your move of the {_when(source)} session to {_when(target)} no longer "
                    f"fits the plan (that day now holds a session), so it stays on {_when(source)}"
                )
                continue
            if target in rules.race_dates or not week.start <= target < end:
                warnings.append(
                    f"the session you moved from {_when(source)} to {_when(target)} stays on "
                    f"{_when(source)}: {_when(target)} is race day or outside its week now"
                )
                continue
            moved[source] = replace(session, date=target, moved_from=session.moved_from or source)
        days = {d: s for d, s in by_date.items() if d not in moved}
        days.update({m.date: m for m in moved.values()})
        weeks.append((week, days, {m.date for m in moved.values()}))
    # Rule breaks are judged with every move of the plan in place (weeks touch at their edges).
    every = {d for _, days, _ in weeks for d in days}
    out = []
    for week, days, targets in weeks:
        for day in targets:
            session = days[day]
            breaks = _rule_breaks(session, every - {day}, rules)
            assert session.moved_from is not None
            reasons = (
                f"Moved by you from {_when(session.moved_from)}",
                *(f"Careful: {b}" for b in breaks),
                *session.reasons,
            )
            days[day] = replace(session, reasons=reasons, warnings=breaks)
        out.append(PlanWeek(week.number, week.start, tuple(days[d] for d in sorted(days))))
    return replace(plan, weeks=tuple(out), warnings=tuple(dict.fromkeys(warnings)))
