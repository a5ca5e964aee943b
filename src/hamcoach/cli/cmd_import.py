"""`hamcoach import ...`: runs (FIT, GPX, TCX, ICS), a JSON backup, history from Strong or Hevy.

Start-up time: the file-format libraries (fitdecode, gpxpy, icalendar), SQLAlchemy and Rich load
inside the command that needs them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hamcoach.cli.errors import as_usage, parse_option
from hamcoach.cli.options import FormatOpt, OutputFormat, parse_date, parse_format

if TYPE_CHECKING:
    from hamcoach.cli.context import Context
    from hamcoach.domain.run_summary import RunImport

import_app = typer.Typer(
    help="Import runs (FIT, GPX, TCX, ICS), a JSON backup, or history from Strong or Hevy.",
    no_args_is_help=True,
)


def _local() -> Context:
    from hamcoach.cli.context import local

    return local()


@import_app.command("runs")
def import_runs(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help="FIT, GPX, TCX or ICS files (.gz too)."),
    ],
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Calendars: first day to read, YYYY-MM-DD."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="Calendars: last day to read, YYYY-MM-DD."),
    ] = None,
    fmt: FormatOpt = "table",
) -> None:
    """Store runs and show the running week they describe; the plan follows them week by week.

    Every file is read before anything is stored: one bad file stores nothing and names itself.
    Runs already stored (the same file twice) are counted, not doubled.
    """
    from hamcoach.integrations.runs_import import read_runs
    from hamcoach.services import runs as run_service

    output = parse_option("--format", parse_format, fmt)
    first = parse_option("--since", parse_date, since) if since else None
    last = parse_option("--until", parse_date, until) if until else None
    ctx = _local()
    with as_usage("--since/--until"):
        window = run_service.calendar_window(ctx.today, first, last)
    parsed = []
    with _progress(len(files)) as advance:
        for path in files:
            parsed.append((path.name, read_runs(path, tz=ctx.profile.timezone, window=window)))
            advance(path.name)
    summary = run_service.import_files(ctx.store.uow, ctx.athlete_id, parsed)
    if output is OutputFormat.JSON:
        from hamcoach.cli.jsonout import print_json
        from hamcoach.views import runs as runs_view

        print_json(runs_view.import_summary(summary))
        return
    _show_imports(list(summary.files))
    if summary.typical is not None:
        typer.echo(f"\nRunning week from your runs: {summary.typical.week.to_text()}")
        for reason in summary.typical.reasons:
            typer.echo(f"  {reason}")
        typer.echo(
            "Plan weeks with imported runs follow them; your profile's week "
            f"({ctx.profile.week.to_text()}) covers the rest.\n"
            f"To make it your default: hamcoach init --week {summary.typical.week.to_text()}"
        )


@contextmanager
def _progress(total: int) -> Iterator[Callable[[str], None]]:
    """A Rich progress bar on a terminal's standard error when several files are read.

    Not in a pipe or a log: there it would only leave blank lines before the messages.
    """
    if total < 2 or not sys.stderr.isatty():
        yield lambda _name: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("reading {task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("files", total=total)
        yield lambda name: bar.update(task, advance=1, description=name)


def _show_imports(results: list[RunImport]) -> None:
    for r in results:
        what = f"{len(r.stored)} new run{'s' if len(r.stored) != 1 else ''}"
        if r.duplicates:
            what += f", {len(r.duplicates)} already stored"
        if r.skipped:
            what += f", skipped: {len(r.skipped)}"
        typer.echo(f"{r.name}: {what}")
        for run in r.stored[:10]:
            km = f" {run.distance_m / 1000:.1f} km" if run.distance_m else ""
            mins = f" {run.duration_s / 60:.0f} min" if run.duration_s else ""
            typer.echo(f"  + {run.start:%Y-%m-%d %H:%M}{km}{mins} {run.title}".rstrip())
        if len(r.stored) > 10:
            typer.echo(f"  ... and {len(r.stored) - 10} more")
        for reason in r.skipped:
            typer.echo(f"  skipped {reason}")
        for warning in r.warnings:  # stored, with a doubt the athlete should know of
            typer.echo(f"  note: {warning}")
    if len(results) > 1:
        stored = sum(len(r.stored) for r in results)
        dupes = sum(len(r.duplicates) for r in results)
        typer.echo(f"In all: {stored} new runs, {dupes} already stored, {len(results)} files.")


@import_app.command("json")
def import_json(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A backup made by `hamcoach export json`.")
    ],
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Delete the profile in this database and all its data first."
        ),
    ] = False,
) -> None:
    """Restore a backup into an empty database (or, with --replace, over the local profile)."""
    from hamcoach.cli.context import open_store
    from hamcoach.integrations.backup import MAX_BYTES, from_json
    from hamcoach.integrations.errors import BadFile
    from hamcoach.services.backup import restore_athlete

    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BadFile(file, f"cannot read the file ({exc.strerror or exc})") from None
    backup = from_json(data, name=file.name)
    restore_athlete(open_store().uow(), backup, replace=replace)
    counts = ", ".join(f"{what} {n}" for what, n in backup.counts().items())
    typer.echo(f"Restored the profile of {backup.profile.name} ({counts}).")


MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="NAME=EXERCISE",
        help="NAME=EXERCISE for a name hamcoach cannot map, e.g. "
        "'Leg Curl (Machine)=seated-leg-curl' or 'Standing Leg Curl=single-leg-curl:left'.",
    ),
]


def _import_history(app: str, file: Path, unit: str | None, mapping: list[str] | None) -> None:
    from zoneinfo import ZoneInfo

    from hamcoach.cli.context import now_utc
    from hamcoach.domain.exercises import CATALOGUE
    from hamcoach.domain.profile import Units
    from hamcoach.integrations.strong_hevy import parse_mapping, read_history
    from hamcoach.services.history_import import import_history

    overrides = dict(parse_option("--map", parse_mapping, m) for m in mapping or [])
    chosen = parse_option("--unit", Units.parse, unit) if unit else None
    ctx = _local()
    found = read_history(
        file,
        app,
        tz=ZoneInfo(ctx.profile.timezone),
        unit=(chosen or ctx.profile.units).value,
        overrides=overrides,
    )
    result = import_history(
        ctx.store.uow(), ctx.athlete_id, found.sets, now_utc(), skipped=found.skipped
    )
    per_exercise: dict[str, int] = {}
    for s in result.stored:
        per_exercise[s.exercise] = per_exercise.get(s.exercise, 0) + 1
    detail = ", ".join(
        f"{CATALOGUE.get(slug).short_name} {n}" for slug, n in sorted(per_exercise.items())
    )
    days = len(result.dates)
    sets = len(result.stored)
    typer.echo(
        f"{file.name}: {sets} set{'s' if sets != 1 else ''} stored "
        f"on {days} day{'s' if days != 1 else ''}"
        + (f" ({detail})" if detail else "")
        + (f", {result.duplicates} already imported" if result.duplicates else "")
    )
    if found.mapped:
        typer.echo("Mapped: " + "; ".join(f"{k!r} -> {v}" for k, v in sorted(found.mapped.items())))
    for reason in result.skipped:
        typer.echo(f"  skipped {reason}")


UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit", metavar="[kg|lb]", help="The weights' unit when the file does not say it."
    ),
]


@import_app.command("strong")
def import_strong(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The CSV from Strong's 'Export data'.")
    ],
    unit: UnitOpt = None,
    mapping: MapOpt = None,
) -> None:
    """Leg-curl and Nordic history from a Strong CSV export (other exercises are skipped)."""
    _import_history("strong", file, unit, mapping)


@import_app.command("hevy")
def import_hevy(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The CSV from Hevy's 'Export workouts'.")
    ],
    mapping: MapOpt = None,
) -> None:
    """Leg-curl and Nordic history from a Hevy CSV export (other exercises are skipped)."""
    _import_history("hevy", file, None, mapping)


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
