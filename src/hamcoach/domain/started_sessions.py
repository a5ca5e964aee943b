"""Sessions that have begun keep the plan they began with (pure).

A strength test, an imported run or a settings change re-plans the weeks; a session the runner
has started (or finished) is not rewritten by that: the change applies to what is still to
come, and the plan says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from hamcoach.domain.model import Plan, PlannedSession, PlanWeek


def _same(a: PlannedSession, b: PlannedSession) -> bool:
    return a.exercises == b.exercises


def keep_started(plan: Plan, started: Mapping[dt.date, PlannedSession]) -> Plan:
    """`plan` with each started session as it was planned at its start.

    A started session on a day the new plan leaves free takes that day; the week then drops the
    new plan's session nearest to it, so the week holds no more sessions than the plan wants.
    """
    if not started:
        return plan
    warnings = list(plan.warnings)
    weeks = []
    for week in plan.weeks:
        end = week.start + dt.timedelta(days=7)
        kept = {d: s for d, s in started.items() if week.start <= d < end}
        if not kept:
            weeks.append(week)
            continue
        fresh = {s.date: s for s in week.sessions}
        sessions = dict(fresh)
        for date, snapshot in sorted(kept.items()):
            was = fresh.get(date)
            if was is not None and _same(was, snapshot):
                continue
            sessions[date] = snapshot
            when = f"{date:%a %d %b}"
            note = (
                f"Your session on {when} had begun, so it keeps the exercises and targets it "
                "started with; the plan's change applies from the next session"
            )
            if was is None and len(sessions) > len(fresh):
                movable = [d for d in sessions if d not in kept]
                if movable:
                    drop = min(movable, key=lambda d: (abs((d - date).days), -d.toordinal()))
                    del sessions[drop]
                    note += f" (the session planned for {drop:%a %d %b} gives way to it)"
            warnings.append(note)
        weeks.append(
            PlanWeek(week.number, week.start, tuple(sessions[d] for d in sorted(sessions)))
        )
    return replace(plan, weeks=tuple(weeks), warnings=tuple(dict.fromkeys(warnings)))
