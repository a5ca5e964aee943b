"""Today's session as plain text: the command people run most, so it starts without Rich."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hamcoach.cli.plain import echo, wrap
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.views.plan import load_label


def target(e: dict[str, Any]) -> str:
    reps = (
        str(e["reps_min"]) if e["reps_min"] == e["reps_max"] else f"{e['reps_min']}-{e['reps_max']}"
    )
    text = f"{e['sets']} x {reps}"
    if e["per_side"]:
        text += " each side"
    load = load_label(e)
    text += f" @ {load}" if load is not None else " body weight"
    return text


def today(session: dict[str, Any], now_day: dt.date) -> None:
    date = dt.date.fromisoformat(session["date"])
    when = "Today" if date == now_day else f"Next session: {date:%A %d %B}"
    lines = [when, "=" * len(when), ""]
    state = session.get("state")
    if state and date == now_day:
        # The same state the web page shows: what was logged from any device counts.
        status = state["status"]
        lines.append(
            "You marked this session skipped."
            if status == "skipped"
            else f"{state['progress']} ({state['status_label'].lower()})"
            + (" - finished" if state["finished_at"] else "")
        )
        lines.append("")
    done = {e["slug"]: e for e in state["exercises"]} if state else {}
    for e in session["exercises"]:
        ex = CATALOGUE.get(e["slug"])
        title = ex.name + (f" - {e['variant']}" if e["variant"] else "")
        if e["stance"] and e["stance"] != "both":
            title += f" ({e['stance']})"
        lines.append(title)
        lines.append(f"  target: {target(e)}, rest {e['rest_s']} s")
        if e["slug"] in done and state and state["work_sets"]:
            logged = done[e["slug"]]
            lines.append(f"  logged: {logged['sets_done']} of {logged['sets_target']} sets")
        for leg, last in session.get("last_time", {}).get(e["slug"], {}).items():
            sets = ", ".join(s["label"] for s in last["sets"])
            on = dt.date.fromisoformat(last["date"])
            side = "" if leg == "both" else f" ({leg})"
            lines.append(f"  last time{side}, {on:%a %d %b}: {sets}")
        if e["note"]:
            lines.append(wrap(e["note"], "  note: "))
        for heading, cues in (
            ("set up", ex.cues.setup),
            ("move", ex.cues.movement),
            ("return", ex.cues.lowering),
        ):
            lines.append(f"  {heading}:")
            lines.extend(wrap(cue, "    - ") for cue in cues)
        lines.append("")
    lines.extend(wrap(r, "why: ") for r in session["reasons"])
    lines += ["", "Log it with (one --set per set done, REPSxLOAD or REPS):"]
    lines.extend(f"  {command}" for e in session["exercises"] for command in log_commands(e))
    echo("\n".join(lines) + "\n")


def log_commands(e: dict[str, Any]) -> list[str]:
    """The `hamcoach log` commands for one planned exercise at its target: one per leg when it
    is done one leg at a time (each leg at its own load)."""
    one_leg = e["per_side"] or e["stance"] == "single"
    commands = []
    for side in ("left", "right") if one_leg else (None,):
        load = _leg_load(e, side)
        done = f"{e['reps_max']}"
        if load is not None:
            done += f"x{load:g}"
        elif not CATALOGUE.get(e["slug"]).bodyweight:  # no start load known yet
            done += "xLOAD"
        commands.append(
            f"hamcoach log {e['slug']}"
            + (f" --side {side}" if side else "")
            + f" --set {done}" * e["sets"]
            + (" --hips-up" if e["slug"] == "floor-curl" else "")
        )
    return commands


def _leg_load(e: dict[str, Any], side: str | None) -> float | None:
    """The load of one leg when the legs differ, else the exercise's one load (None: body
    weight, or no target yet)."""
    if e["load"] is None:
        return None
    if side is not None and e.get("side_loads"):
        return float(e["side_loads"][side])
    return float(e["load"])
