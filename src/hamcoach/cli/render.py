"""Rich rendering for the terminal; imported only when a table is printed (keeps start-up fast)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hamcoach.domain.catalogue import Exercise
from hamcoach.domain.model import Day, Plan, RunningWeek
from hamcoach.views.plan import load_label

_console: Console | None = None


def console() -> Console:
    global _console
    if _console is None:
        _console = Console(highlight=False, soft_wrap=False)
    return _console


def exercise_detail(ex: Exercise) -> None:
    p = ex.prescription
    body: list[Any] = [
        Text(ex.why),
        Text(""),
        Text.assemble(
            ("Dose: ", "bold"),
            f"{p.sets} sets x {p.reps_min}-{p.reps_max} reps"
            + (" on each side" if p.per_side else "")
            + f", {p.rest_s} s rest",
        ),
        Text.assemble(
            ("Equipment: ", "bold"),
            " or ".join(" + ".join(sorted(n)) for n in ex.equipment)
            + (f" (recommended: {', '.join(sorted(ex.recommended))})" if ex.recommended else ""),
        ),
        Text.assemble(("Muscles: ", "bold"), "; ".join(ex.muscles)),
    ]
    for title, cues in (
        ("Set up", ex.cues.setup),
        ("Move", ex.cues.movement),
        ("Return", ex.cues.lowering),
        ("Watch out for", ex.cues.faults),
    ):
        body.append(Text(""))
        body.append(Text(title, style="bold"))
        body.extend(Text(f"  - {cue}") for cue in cues)
    if ex.variants:
        body.append(Text(""))
        body.append(Text("Variants", style="bold"))
        body.extend(Text(f"  - {v.slug}: {v.name}, {v.note}") for v in ex.variants)
    body.append(Text(""))
    body.append(
        Text(
            f"Garmin FIT: category {ex.fit.category} ({ex.fit.category_name}), "
            f"name {ex.fit.name} ({ex.fit.exercise_name}), step name '{ex.fit.step_name}'",
            style="dim",
        )
    )
    console().print(Panel(Group(*body), title=f"[bold]{ex.name}[/bold] ({ex.slug})"))


def _dose(e: dict[str, Any]) -> str:
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


def plan_calendar(plan: Plan, data: dict[str, Any], week: RunningWeek | None) -> None:
    """A week-by-week calendar: runs beside sessions, the reasons under each session."""
    out = console()
    by_date = {s["date"]: s for w in data["weeks"] for s in w["sessions"]}
    for w in plan.weeks:
        table = Table(
            title=f"Week {w.number} - from {w.start:%a %d %b %Y}",
            title_justify="left",
            show_lines=True,
            expand=False,
        )
        table.add_column("day", no_wrap=True)
        table.add_column("run", no_wrap=True)
        table.add_column("hamstring session")
        for offset in range(7):
            date = w.start + dt.timedelta(days=offset)
            day = Day.of(date)
            run = week.label(day) if week is not None else ""
            s = by_date.get(date.isoformat())
            cell: Any = Text("-", style="dim")
            if s is not None:
                lines = [
                    Text.assemble(
                        (ex["slug"] + (f" ({ex['variant']})" if ex["variant"] else ""), "bold"),
                        f"  {_dose(ex)}, rest {ex['rest_s']} s",
                    )
                    for ex in s["exercises"]
                ]
                lines += [Text(f"why: {r}", style="dim") for r in s["reasons"]]
                cell = Group(*lines)
            table.add_row(f"{date:%a %d %b}", run, cell)
        out.print(table)
    for warning in plan.warnings:
        out.print(f"[bold yellow]warning:[/bold yellow] {warning}")
