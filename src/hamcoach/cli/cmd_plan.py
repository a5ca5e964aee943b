"""`hamcoach plan`: weekly hamstring sessions fitted around the running week, with reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from hamcoach.cli.errors import UsageProblem, parse_option
from hamcoach.cli.options import (
    FormatOpt,
    OutputFormat,
    parse_choice_int,
    parse_date,
    parse_format,
    parse_int_range,
    split_list,
)
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import RunningWeek

if TYPE_CHECKING:
    from hamcoach.domain.model import Plan

WEEK_HELP = (
    "Your running week, e.g. mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long. "
    "Types: rest, easy, long, key (intervals, tempo, races); two runs: wed=easy+key. "
    "Days left out are rest days."
)


@dataclass(frozen=True)
class PlanFlags:
    """Plan flags as given; None means "not given" so a stored profile can fill it in."""

    equipment: frozenset[str] | None
    week: RunningWeek | None
    sessions: int | None
    per_session: int | None
    weeks: int
    start: dt.date | None
    race_dates: tuple[dt.date, ...]


def plan_flags(
    equipment: str | None,
    week: str | None,
    sessions: str | None,
    per_session: str | None,
    weeks: str,
    start: str | None,
    race: list[str] | None,
    maintenance: bool,
) -> PlanFlags:
    """Read and validate the plan flags; every problem is a usage error naming the flag."""
    allowed = (1, 2, 3) if maintenance else (2, 3)
    return PlanFlags(
        equipment=None
        if equipment is None
        else parse_option(
            "--equipment", lambda v: CATALOGUE.parse_equipment(split_list(v)), equipment
        ),
        week=None if week is None else parse_option("--week", RunningWeek.parse, week),
        sessions=None
        if sessions is None
        else parse_option(
            "--sessions", lambda v: parse_choice_int(v, allowed, "sessions per week"), sessions
        ),
        per_session=None
        if per_session is None
        else parse_option(
            "--per-session",
            lambda v: parse_choice_int(v, (1, 2), "exercises per session"),
            per_session,
        ),
        weeks=parse_option("--weeks", lambda v: parse_int_range(v, 1, 104, "weeks"), weeks),
        start=None if start is None else parse_option("--start", parse_date, start),
        race_dates=tuple(parse_option("--race", parse_date, r) for r in race or []),
    )


def plan(
    equipment: Annotated[
        str | None,
        typer.Option(
            "--equipment",
            "-e",
            metavar="SLUG,...",
            help="Comma-separated equipment: " + ", ".join(CATALOGUE.equipment_slugs()),
        ),
    ] = None,
    week: Annotated[
        str | None, typer.Option("--week", "-w", metavar="DAY=RUN,...", help=WEEK_HELP)
    ] = None,
    sessions: Annotated[
        str | None,
        typer.Option(
            "--sessions", metavar="INTEGER", help="Sessions per week: 2 or 3 [default: 2]."
        ),
    ] = None,
    per_session: Annotated[
        str | None,
        typer.Option(
            "--per-session", metavar="INTEGER", help="Exercises per session: 1 or 2 [default: 2]."
        ),
    ] = None,
    weeks: Annotated[
        str, typer.Option("--weeks", metavar="INTEGER", help="How many weeks to plan.")
    ] = "4",
    start: Annotated[
        str | None,
        typer.Option(
            "--start",
            metavar="DATE",
            help="First day, YYYY-MM-DD [default: this week's Monday, so this week is week 1].",
        ),
    ] = None,
    race: Annotated[
        list[str] | None,
        typer.Option("--race", metavar="DATE", help="A race date, YYYY-MM-DD; repeat for several."),
    ] = None,
    nordic_ramp: Annotated[
        bool,
        typer.Option(
            "--nordic-ramp/--no-nordic-ramp",
            help="Ease into Nordics over 4 weeks (new to Nordics or back after 4+ weeks off).",
        ),
    ] = True,
    maintenance: Annotated[
        bool,
        typer.Option(
            "--maintenance",
            help="One session a week (a taper or a busy block); --sessions may still say 2.",
        ),
    ] = False,
    keep_rest_days: Annotated[
        bool, typer.Option("--keep-rest-days", help="Keep days without runs free.")
    ] = False,
    why: Annotated[
        bool,
        typer.Option("--why", help="Under each session, the reasons for its day and exercises."),
    ] = False,
    fmt: FormatOpt = "table",
) -> None:
    """Plan hamstring sessions around your running week, and say why (--why).

    Sessions never fall on consecutive days nor on the day before a long or key run; when
    the week makes that impossible, the least important rule gives way and a warning says so.
    The plan starts this week's Monday (the first line says the date) unless --start says
    otherwise; --why adds the reasons for every session.

    Examples:

    \b
      hamcoach plan --why
      hamcoach plan --weeks 2 --start 2026-11-30
      hamcoach plan --equipment seated-curl-machine,partner,towel \\
        --week mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long
    """
    from hamcoach.domain.planning import PlanRequest, build_plan
    from hamcoach.services.profile import monday_of

    output = parse_option("--format", parse_format, fmt)
    flags = plan_flags(equipment, week, sessions, per_session, weeks, start, race, maintenance)
    if flags.equipment is None or flags.week is None:
        from hamcoach.config import load_settings

        if flags.equipment is None and not _has_database(load_settings().database_url):
            raise UsageProblem(
                "no profile yet: run `hamcoach init`, or pass --equipment (and --week); "
                "equipment: " + ", ".join(CATALOGUE.equipment_slugs())
            )
        if _plan_from_profile(flags, nordic_ramp, maintenance, keep_rest_days, output, why):
            return
    if flags.equipment is None:
        raise UsageProblem(
            "no profile yet: run `hamcoach init`, or pass --equipment (and --week); "
            "equipment: " + ", ".join(CATALOGUE.equipment_slugs())
        )
    request = PlanRequest(
        equipment=flags.equipment,
        week=flags.week or RunningWeek.all_rest(),
        start=flags.start or monday_of(dt.date.today()),
        weeks=flags.weeks,
        # --maintenance means one session a week, with a profile or without (see below).
        sessions=flags.sessions or (1 if maintenance else 2),
        per_session=flags.per_session or 2,
        nordic_ramp=nordic_ramp,
        race_dates=flags.race_dates,
        keep_rest_days=keep_rest_days,
        maintenance=maintenance,
    )
    show_plan(build_plan(request), request.week, output, why=why, default_start=flags.start is None)


def _has_database(url: str) -> bool:
    """A SQLite file that does not exist yet holds no profile; do not create it just to look."""
    from pathlib import Path

    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).exists()
    return True


def _plan_from_profile(
    flags: PlanFlags,
    ramp: bool,
    maintenance: bool,
    keep_rest: bool,
    output: OutputFormat,
    why: bool,
) -> bool:
    """Show the stored profile's plan with flags overriding; False when there is no profile."""
    from hamcoach.cli.context import local
    from hamcoach.domain.errors import NoProfile
    from hamcoach.services.training import plan_for

    try:
        ctx = local()
    except NoProfile:
        return False
    changes: dict[str, object] = {}
    for key in ("equipment", "week", "sessions", "per_session"):
        if getattr(flags, key) is not None:
            changes[key] = getattr(flags, key)
    if flags.race_dates:
        changes["race_dates"] = flags.race_dates
    if maintenance:
        changes["sessions"] = flags.sessions or 1
    if keep_rest:
        changes["keep_rest_days"] = True
    if not ramp:
        changes["nordic_experienced"] = True
    view = plan_for(ctx.store.uow(), ctx.athlete_id, ctx.today, flags.weeks, flags.start, changes)
    show_plan(
        view.plan,
        view.profile.week,
        output,
        view.profile.units.value,
        why=why,
        default_start=flags.start is None,
    )
    return True


def show_plan(
    result: Plan,
    week: RunningWeek,
    output: OutputFormat,
    unit: str | None = None,
    *,
    why: bool = False,
    default_start: bool = True,
) -> None:
    from hamcoach.views import plan as plan_view

    data = plan_view.plan(result, unit)
    if output is OutputFormat.JSON:
        from hamcoach.cli.jsonout import print_json

        print_json(data)
        return
    from hamcoach.cli import render_plan

    render_plan.plan(data, result.warnings, week, why=why, default_start=default_start)


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
