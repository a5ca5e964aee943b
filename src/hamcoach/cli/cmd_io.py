"""`hamcoach export ...`: the plan as a calendar or watch workouts, the log as CSV, backups.

Start-up time: only Typer and the CLI's own small modules load with this module; the file-format
libraries (icalendar, garmin-fit-sdk), SQLAlchemy and Rich load inside the command that needs
them. `hamcoach import ...` is in cmd_import.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hamcoach.cli.errors import UsageProblem, parse_option
from hamcoach.cli.options import parse_date, parse_int_range
from hamcoach.domain.errors import InvalidInput

if TYPE_CHECKING:
    from hamcoach.cli.context import Context

export_app = typer.Typer(
    help="Export the plan (calendar, Garmin watch), the log (CSV) or a complete backup (JSON).",
    no_args_is_help=True,
)

OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="File to write; - or none for standard output."
    ),
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
    weeks: Annotated[
        str, typer.Option("--weeks", metavar="INTEGER", help="How many weeks, from this week.")
    ] = "4",
    at: Annotated[
        str | None,
        typer.Option(
            "--time",
            metavar="HH:MM",
            help="Session time in your zone [default: all-day events].",
        ),
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
        str | None,
        typer.Option("--session", metavar="DATE", help="The session on this date, YYYY-MM-DD."),
    ] = None,
    week: Annotated[
        str | None,
        typer.Option(
            "--week", metavar="INTEGER", help="Every session of plan week N (1 = this week)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
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


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
