"""The plan as plain text: one line per session, the reasons under it with `--why`.

Plain text, no Rich: a plan is a short listing, and `hamcoach plan` starts faster without it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hamcoach.cli.plain import echo, wrap
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import Day, RunningWeek
from hamcoach.views.plan import load_label

WHY_INDENT = "      "


def dose(e: dict[str, Any]) -> str:
    """ "3 x 10-12 each side @ 42.5 kg" (no load for body weight or before a profile)."""
    reps = (
        f"{e['reps_min']}" if e["reps_min"] == e["reps_max"] else f"{e['reps_min']}-{e['reps_max']}"
    )
    text = f"{e['sets']} x {reps}"
    if e["per_side"]:
        text += " each side"
    load = load_label(e)
    if load is not None:
        text += f" @ {load}"
    return text


def exercise_text(e: dict[str, Any]) -> str:
    name = CATALOGUE.get(e["slug"]).short_name
    detail = [d for d in (e["variant"], e["stance"] if e["stance"] != "both" else None) if d]
    if detail:
        name += f" ({', '.join(detail)})"
    return f"{name} {dose(e)}"


def start_line(start: dt.date, weeks: int, default_start: bool) -> str:
    """The plan's real first day, said once at the top (and why it is that day)."""
    count = "1 week" if weeks == 1 else f"{weeks} weeks"
    why = " (this week's Monday)" if default_start else ""
    return f"Plan: {count} from {start:%a %d %b %Y}{why}"


def plan_text(
    data: dict[str, Any],
    warnings: tuple[str, ...],
    week: RunningWeek | None,
    *,
    why: bool,
    default_start: bool,
) -> str:
    weeks = data["weeks"]
    first = dt.date.fromisoformat(weeks[0]["start"])
    lines = [start_line(first, len(weeks), default_start), ""]
    for w in weeks:
        start = dt.date.fromisoformat(w["start"])
        lines.append(f"Week {w['week']}, from {start:%a %d %b}")
        if not w["sessions"]:
            lines.append("  no session this week")
        for s in w["sessions"]:
            date = dt.date.fromisoformat(s["date"])
            run = week.label(Day.of(date)) if week is not None else ""
            exercises = "; ".join(exercise_text(e) for e in s["exercises"])
            lines.append(f"  {date:%a %d %b}  {run:<9} {exercises}".rstrip())
            if why:
                lines.extend(wrap(r, WHY_INDENT + "why: ") for r in s["reasons"])
        lines.append("")
    lines.extend(wrap(w, "warning: ") for w in warnings)
    if not why:
        lines += ([""] if warnings else []) + ["The reasons for each session: add --why"]
    return "\n".join(lines).rstrip("\n") + "\n"


def plan(
    data: dict[str, Any],
    warnings: tuple[str, ...],
    week: RunningWeek | None,
    *,
    why: bool,
    default_start: bool,
) -> None:
    echo(plan_text(data, warnings, week, why=why, default_start=default_start))
