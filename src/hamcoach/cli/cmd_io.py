"""`hamcoach export ...` and `hamcoach import ...`: calendar, watch, runs, CSV, backups.

Start-up time: only Typer and the CLI's own small modules load with this module; the file-format
libraries (icalendar, garmin-fit-sdk, fitdecode, gpxpy), SQLAlchemy and Rich load inside the
command that needs them.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hamcoach.cli.errors import UsageProblem, as_usage, parse_option
from hamcoach.cli.options import OutputFormat, parse_date, parse_format, parse_int_range
from hamcoach.domain.errors import InvalidInput

if TYPE_CHECKING:
    from hamcoach.cli.context import Context
    from hamcoach.domain.run_summary import RunImport

export_app = typer.Typer(
    help="Export the plan (calendar, Garmin watch), the log (CSV) or a complete backup (JSON).",
    no_args_is_help=True,
)
import_app = typer.Typer(
    help="Import runs (FIT, GPX, TCX, ICS), a JSON backup, or history from Strong or Hevy.",
    no_args_is_help=True,
)

OutputOpt = Annotated[
    str | None,
    typer.Option("--output", "-o", help="File to write; - or none for standard output."),
]


def _local() -> Context:
    from hamcoach.cli.context import local

    return local()


def _write(data: str | bytes, output: Path) -> None:
    try:
        if isinstance(data, str):
            output.write_text(data, encoding="utf-8", newline="")
        else:
            output.write_bytes(data)
    except OSError as exc:
        raise InvalidInput(f"cannot write {output}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {output}", err=True)


def _emit_text(text: str, output: str | None) -> None:
    """Text formats go to standard output unless a file is named."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    _write(text, Path(output))


# --- export ----------------------------------------------------------------------------------


@export_app.command("ics")
def export_ics(
    weeks: Annotated[str, typer.Option("--weeks", help="How many weeks, from this week.")] = "4",
    at: Annotated[
        str | None,
        typer.Option("--time", help="Session time HH:MM in your zone [default: all-day events]."),
    ] = None,
    output: OutputOpt = None,
) -> None:
    """The plan as an iCalendar file: one event per session, exercises and cues inside.

    Importing it again after the plan changed updates the events instead of doubling them.
    """
    from hamcoach.integrations.ics import athlete_calendar
    from hamcoach.services.exports import calendar_plan

    count = parse_option("--weeks", lambda v: parse_int_range(v, 1, 52, "weeks"), weeks)
    session_time = parse_option("--time", _parse_time, at) if at else None
    ctx = _local()
    cal = calendar_plan(ctx.store.uow, ctx.athlete_id, ctx.today, count)
    data = athlete_calendar(
        cal.view.plan, cal.view.profile, athlete_key=cal.athlete_key, session_time=session_time
    )
    _emit_text(data.decode("utf-8"), output)


def _parse_time(value: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(f"{value!r} is not a time; use HH:MM, e.g. 18:30") from None


@export_app.command("fit")
def export_fit(
    session: Annotated[
        str | None, typer.Option("--session", help="The session on this date, YYYY-MM-DD.")
    ] = None,
    week: Annotated[
        str | None, typer.Option("--week", help="Every session of plan week N (1 = this week).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File or folder (e.g. the watch's GARMIN/NewFiles) [default: a file here].",
        ),
    ] = None,
) -> None:
    """Garmin FIT workout(s): a step per set with reps and load, rest steps between.

    Without --session or --week: the next planned session. A week is a zip of one .fit file per
    session, or, when -o is a folder, the .fit files themselves.
    """
    from hamcoach.integrations.fit_workout import (
        encode_session,
        encode_week,
        read_week,
        session_file_name,
        week_file_name,
    )
    from hamcoach.services import exports

    if session is not None and week is not None:
        raise UsageProblem("--session and --week: give one of them")
    if output is not None and str(output) == "-":
        raise UsageProblem("-o -: a FIT file is binary; name a file or a folder")
    day = parse_option("--session", parse_date, session) if session else None
    number = (
        parse_option("--week", lambda v: parse_int_range(v, 1, 52, "week"), week) if week else None
    )
    ctx = _local()
    chosen = exports.watch_workouts(ctx.store.uow(), ctx.athlete_id, ctx.today, day, number)
    if chosen.week_start is None:
        planned = chosen.sessions[0]
        data = encode_session(planned, unit=ctx.unit)
        name = session_file_name(planned)
        target = output / name if output is not None and output.is_dir() else output
        _write(data, target or Path(name))
        return
    archive = encode_week(chosen.sessions, unit=ctx.unit)
    if output is not None and output.is_dir():
        for name, fit in read_week(archive).items():
            _write(fit, output / name)
        return
    _write(archive, output or Path(week_file_name(chosen.week_start)))


@export_app.command("csv")
def export_csv(output: OutputOpt = None) -> None:
    """Every logged set, one row each (columns: see the README)."""
    from hamcoach.integrations.csv_io import sets_to_csv
    from hamcoach.services.reports import history

    ctx = _local()
    _emit_text(sets_to_csv(history(ctx.store.uow(), ctx.athlete_id, None, None)), output)


@export_app.command("json")
def export_json(output: OutputOpt = None) -> None:
    """A complete backup: profile, plan, sessions, sets, tests, soreness and runs."""
    from hamcoach.cli.context import now_utc
    from hamcoach.integrations.backup import to_json
    from hamcoach.services.backup import export_athlete

    ctx = _local()
    backup = export_athlete(ctx.store.uow(), ctx.athlete_id)
    _emit_text(to_json(backup, exported_at=now_utc()), output)


# --- import ----------------------------------------------------------------------------------


@import_app.command("runs")
def import_runs(
    files: Annotated[list[Path], typer.Argument(help="FIT, GPX, TCX or ICS files (.gz too).")],
    since: Annotated[
        str | None, typer.Option("--since", help="Calendars: first day to read, YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Calendars: last day to read, YYYY-MM-DD.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
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
    if len(results) > 1:
        stored = sum(len(r.stored) for r in results)
        dupes = sum(len(r.duplicates) for r in results)
        typer.echo(f"In all: {stored} new runs, {dupes} already stored, {len(results)} files.")


@import_app.command("json")
def import_json(
    file: Annotated[Path, typer.Argument(help="A backup made by `hamcoach export json`.")],
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
    typer.Option("--unit", help="kg or lb: the weights' unit when the file does not say it."),
]


@import_app.command("strong")
def import_strong(
    file: Annotated[Path, typer.Argument(help="The CSV from Strong's 'Export data'.")],
    unit: UnitOpt = None,
    mapping: MapOpt = None,
) -> None:
    """Leg-curl and Nordic history from a Strong CSV export (other exercises are skipped)."""
    _import_history("strong", file, unit, mapping)


@import_app.command("hevy")
def import_hevy(
    file: Annotated[Path, typer.Argument(help="The CSV from Hevy's 'Export workouts'.")],
    mapping: MapOpt = None,
) -> None:
    """Leg-curl and Nordic history from a Hevy CSV export (other exercises are skipped)."""
    _import_history("hevy", file, None, mapping)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
