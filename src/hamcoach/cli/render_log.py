"""Rich rendering of the training log: today's session, logged sets, history and reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.panel import Panel
from rich.table import Table

from hamcoach.cli.render import console
from hamcoach.domain.exercises import CATALOGUE

if TYPE_CHECKING:
    from hamcoach.domain.records import LoggedSet
    from hamcoach.domain.report_model import Report
    from hamcoach.services.set_logging import LoggedOutcome


def _name(slug: str) -> str:
    """What a person reads: the exercise's name (slugs are for arguments and JSON)."""
    return CATALOGUE.get(slug).short_name


def short_id(set_id: str) -> str:
    """The first 8 characters of a set's UUID: enough for `hamcoach edit` and `delete`."""
    return set_id[:8]


def logged(outcome: LoggedOutcome, unit: str) -> None:
    out = console()
    for s in outcome.stored:
        load = f" x {s.load:g} {s.unit}" if s.load is not None else ""
        side = f" ({s.side})" if s.side else ""
        target = f" (target {s.target_load:g})" if s.target_load is not None else ""
        out.print(
            f"stored {_name(s.exercise)}{side} set {s.set_number}: {s.reps} reps{load}{target} "
            f"on {s.session_date:%a %d %b} (id {short_id(s.id)})",
            soft_wrap=True,  # one line per set, its id whole, however narrow the terminal
        )
    if outcome.next_load is not None:
        out.print(f"[bold]next target:[/bold] {outcome.next_load:g} {unit} - {outcome.next_reason}")
    elif outcome.next_reason:
        out.print(f"[bold]next:[/bold] {outcome.next_reason}")


def history(sets: list[LoggedSet]) -> None:
    if not sets:
        console().print("No sets logged yet. Start with `hamcoach today`.")
        return
    table = Table(
        title="History",
        caption="hamcoach edit SET_ID corrects a set, hamcoach delete SET_ID removes it",
    )
    for col in ("id", "date", "exercise", "set", "done", "target"):
        table.add_column(col)
    for s in sets:
        name = (
            _name(s.exercise)
            + (f" ({s.side})" if s.side else "")
            + (f" [{s.variant}]" if s.variant else "")
        )
        done = f"{s.reps}" + (f" x {s.load:g} {s.unit}" if s.load is not None else "")
        reps = (
            f"{s.target_reps_min}-{s.target_reps_max}"
            if s.target_reps_min != s.target_reps_max
            else str(s.target_reps_min)
        )
        target = reps + (f" x {s.target_load:g}" if s.target_load is not None else "")
        if s.target_reps_min is None:  # imported history (Strong, Hevy): no prescription known
            target = "-"
        table.add_row(
            short_id(s.id), f"{s.session_date:%Y-%m-%d}", name, str(s.set_number), done, target
        )
    console().print(table)


def report(r: Report) -> None:
    out = console()
    out.print(f"[bold]Adherence:[/bold] {r.adherence_summary}")
    if r.weeks:
        table = Table(title="Sessions per week")
        for col in ("week of", "planned", "done"):
            table.add_column(col)
        for w in r.weeks[-12:]:
            table.add_row(f"{w.start:%d %b %Y}", str(w.planned), str(w.completed))
        out.print(table)
    if r.exercises:
        table = Table(title=f"Per exercise (loads in {r.unit}; e1RM by Epley)")
        for col in ("exercise", "sessions", "first", "latest", "top load", "e1RM"):
            table.add_column(col)
        for slug, points in r.exercises.items():
            last = points[-1]
            table.add_row(
                _name(slug),
                str(len(points)),
                f"{points[0].date:%d %b}",
                f"{last.date:%d %b}",
                "-" if last.top_load is None else f"{last.top_load:g}",
                "-" if last.best_e1rm is None else f"{last.best_e1rm:g}",
            )
        out.print(table)
    for p in r.hq[-2:]:
        out.print(f"[bold]H:Q ({p.kind}, {p.date}):[/bold] {p.summary}")
    for a in r.asymmetry[-2:]:
        flag = {"none": "", "flag": " [yellow]>= 15 %[/yellow]", "strong": " [red]>= 20 %[/red]"}[
            a.flag
        ]
        out.print(
            f"[bold]Left/right ({a.source}, {a.date}):[/bold] left {a.left:g}, right {a.right:g}: "
            f"{a.pct:.1f} % gap, {a.stronger} stronger{flag}"
        )
    for note in r.force_notes:
        out.print(f"[bold]Nordic force[/bold] {note}")
    if r.break_points:
        angle_day, angle = r.break_points[-1]
        out.print(
            f"[bold]Nordic break point:[/bold] {angle:g} deg on {angle_day}"
            + (f" ({r.break_point_summary})" if r.break_point_summary else "")
        )
    if r.summary:
        out.print(Panel("\n".join(f"- {s}" for s in r.summary), title="What next"))
