"""Rich rendering for the terminal; imported only when a panel or table is printed (keeps
start-up fast). The plan and today's session are plain text (render_plan, render_today)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from hamcoach.domain.catalogue import Exercise

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
