"""JSON views of a day's session state and of "last time" (explicit keys: the API's promise)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import PlannedSession, Side
from hamcoach.domain.profile import Units
from hamcoach.domain.records import LoggedSet
from hamcoach.domain.session_state import SessionState
from hamcoach.domain.session_summary import ExerciseDone, summarize
from hamcoach.views import plan as plan_view

LEG_BOTH = "both"


def _when(at: dt.datetime | None) -> str | None:
    return None if at is None else at.isoformat()


def leg(side: Side | None) -> str:
    return side.value if side is not None else LEG_BOTH


def state(st: SessionState, today: dt.date) -> dict[str, Any]:
    status = st.status(today)
    return {
        "date": st.date.isoformat(),
        "status": status.value,
        "status_label": status.label,
        "progress": st.progress_text(),
        "current": st.current,
        "complete": st.complete,
        "work_sets": st.work_sets,
        "started_at": _when(st.started_at),
        "finished_at": _when(st.finished_at),
        "skipped_at": _when(st.skipped_at),
        "exercises": [
            {
                "slug": e.slug,
                "target_sets": e.target_sets,
                "done": {leg(side): n for side, n in zip(e.sides, e.done, strict=True)},
                "sets_done": e.sets_done,
                "sets_target": e.sets_target,
                "complete": e.complete,
            }
            for e in st.exercises
        ],
        "extras": list(st.extras),
    }


def set_label(s: LoggedSet) -> str:
    """Reps by load ("12 x 40 kg" with a multiplication sign), or "8 reps" for body weight."""
    if s.load is None:
        return f"{s.reps} reps"
    return f"{s.reps} \u00d7 {s.load:g} {s.unit}"


def last_for(sets: Sequence[LoggedSet], number: int) -> LoggedSet | None:
    """The set that matches set `number` last time (its last set when it had fewer)."""
    if not sets:
        return None
    return sets[min(number, len(sets)) - 1]


def last_time(found: Mapping[tuple[str, Side | None], Sequence[LoggedSet]]) -> dict[str, Any]:
    """{"lying-leg-curl": {"both": {"date": ..., "sets": [{"reps", "load", "unit", "label"}]}}}"""
    out: dict[str, dict[str, Any]] = {}
    for (slug, side), sets in found.items():
        out.setdefault(slug, {})[leg(side)] = {
            "date": sets[0].session_date.isoformat(),
            "sets": [
                {"reps": s.reps, "load": s.load, "unit": s.unit, "label": set_label(s)}
                for s in sets
            ],
        }
    return out


def today(
    session: PlannedSession,
    unit: str,
    st: SessionState,
    found_last: Mapping[tuple[str, Side | None], Sequence[LoggedSet]],
    soreness: int | None,
    on: dt.date,
) -> dict[str, Any]:
    """GET /api/v1/today and `hamcoach today --format json`: a plan's session, with `state`,
    `last_time` and the day's `soreness`."""
    data = plan_view.session(session, unit)
    data["state"] = state(st, on)
    data["last_time"] = last_time(found_last)
    data["soreness"] = soreness
    return data


def set_line(done: int, target: int, last: Sequence[LoggedSet]) -> str:
    """ "Set 2 of 3 · last: 11 x 40 kg" for the next set of a form (or that the target is met)."""
    head = f"{target} of {target} sets done" if done >= target else f"Set {done + 1} of {target}"
    before = last_for(last, done + 1)
    return head + (f" · last: {set_label(before)}" if before else " · first time")


def count_text(done: int, target: int) -> str:
    if done >= target:
        sets = "1 set" if done == 1 else f"{done} sets"
        return f"{sets} logged: target reached. Go on when you have rested."
    return f"{done} of {target} sets logged" if target != 1 else f"{done} of 1 set logged"


def exercise_line(e: ExerciseDone, unit: str) -> str:
    """ "Seated leg curl: 3 of 3 sets, 12, 11, 10 reps at 30 kg (target 10-12 at 30 kg)"."""
    name = CATALOGUE.get(e.slug).short_name
    sets = f"{e.sets} sets" if e.target_sets is None else f"{e.sets} of {e.target_sets} sets"
    line = f"{name}: {sets}"
    if e.reps:
        line += ", " + ", ".join(str(r) for r in e.reps) + " reps"
        if e.top_load is not None:
            line += f" at up to {e.top_load:g} {unit}"
    if e.target_reps is not None:
        low, high = e.target_reps
        reps = f"{low}" if low == high else f"{low}\u2013{high}"
        load = f" at {e.target_load:g} {unit}" if e.target_load is not None else ""
        line += f" (target {reps}{load})"
    return line


def finished_summary(
    sets: Sequence[LoggedSet],
    planned: PlannedSession,
    unit: Units,
    finished_at: dt.datetime,
    timezone: str,
) -> dict[str, Any]:
    """What a reload of a finished session shows: the totals and each exercise by name."""
    done = summarize(sets, planned, unit)
    lifted = f", {done.volume:g} {done.unit} lifted" if done.volume > 0 else ""
    sets_word = "set" if done.sets == 1 else "sets"
    return {
        "text": f"Done in {done.minutes} min: {done.sets} {sets_word}, {done.reps} reps{lifted}.",
        "lines": [exercise_line(e, done.unit) for e in done.exercises],
        "records": [],
        "finished": f"{finished_at.astimezone(ZoneInfo(timezone)):%H:%M}",
    }
