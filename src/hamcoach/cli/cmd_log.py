"""`hamcoach today` and `hamcoach log`: the next session, and recording what was done."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated

import typer

from hamcoach.cli.errors import parse_option
from hamcoach.cli.options import FormatOpt, OutputFormat, parse_date, parse_format
from hamcoach.domain.errors import InvalidInput, excerpt

# Reps, then an optional load after x (or *, @, the multiplication sign); the load's decimals
# after a point or a comma (12x17.5 or 12x17,5). A comma never separates sets: each set is its
# own --set, so `12x40,12x40` stays an error rather than one set of 12 x 40.12.
_SET = re.compile(r"^\s*(\d+)\s*(?:[x*@\u00d7]\s*(\d+(?:[.,]\d+)?))?\s*$", re.IGNORECASE)


def parse_set(text: str) -> tuple[int, float | None]:
    """`12x40` or `12x17,5` (reps x load) or `8` (body weight)."""
    found = _SET.match(text)
    if not found:
        raise InvalidInput(
            f"set {excerpt(text)} should be REPSxLOAD (e.g. 12x40 or 12x17.5) or REPS (e.g. 8); "
            "one set per --set"
        )
    reps = int(found.group(1))
    load = float(found.group(2).replace(",", ".")) if found.group(2) is not None else None
    return reps, load


def today(
    soreness: Annotated[
        int | None,
        typer.Option(
            metavar="INTEGER",
            help="How sore your hamstrings are today, 0 (none) to 10 (worst); recorded, and "
            "from 6 on today's session is the lighter one (one set fewer, no Nordic).",
            show_default=False,
        ),
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="The full session even when sore.")] = False,
    fmt: FormatOpt = "table",
) -> None:
    """The session due today, or the next one, with cues and target loads.

    Example: hamcoach today --soreness 7
    """
    from hamcoach.cli.context import local
    from hamcoach.services import sessions
    from hamcoach.services.soreness import check_in
    from hamcoach.views import session as session_view

    output = parse_option("--format", parse_format, fmt)
    ctx = local()
    if soreness is not None:
        check_in(ctx.store.uow(), ctx.athlete_id, ctx.today, soreness, None, ctx.today)
    found = sessions.today(ctx.store.uow(), ctx.athlete_id, ctx.today, full=full)
    data = session_view.today(
        found.session,
        found.view.profile.units.value,
        found.state,
        found.last_time,
        found.soreness,
        ctx.today,
    )
    if output is OutputFormat.JSON:
        from hamcoach.cli.jsonout import print_json

        print_json(data)
        return
    from hamcoach.cli import render_today

    render_today.today(data, ctx.today)


def log(
    exercise: Annotated[
        str, typer.Argument(metavar="EXERCISE", help="Exercise slug, e.g. lying-leg-curl.")
    ],
    sets: Annotated[
        list[str],
        typer.Option(
            "--set",
            "-s",
            metavar="REPSxLOAD",
            help="One set: REPSxLOAD in your units (12x40, 12x17.5 or 12x17,5), or REPS for "
            "body weight (8). Repeat for each set.",
        ),
    ],
    side: Annotated[
        str | None,
        typer.Option(
            metavar="[left|right]",
            help="The single-leg curl, and the floor curl's single-leg rung.",
        ),
    ] = None,
    variant: Annotated[
        str | None,
        typer.Option(
            metavar="[towel|sliders|stability-ball]",
            help="Floor curl [default: the planned one].",
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option(metavar="DATE", help="When, YYYY-MM-DD [default: today].")
    ] = None,
    rir: Annotated[
        int | None,
        typer.Option(metavar="INTEGER", help="Reps in reserve on these sets (0-10)."),
    ] = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="A short note.")] = None,
    kind: Annotated[
        str,
        typer.Option(
            metavar="[warmup|working|drop|failure]",
            help="Only working and failure sets count for progression.",
        ),
    ] = "working",
    hips_up: Annotated[
        bool | None,
        typer.Option(
            "--hips-up/--hips-dropped",
            help="Floor curl: did the hips stay up on every rep? Only sets logged with "
            "--hips-up move the ladder to its next rung.",
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = "table",
) -> None:
    """Log sets of one exercise; prints what was stored and the next target.

    Examples:

      hamcoach log lying-leg-curl --set 12x40 --set 12x40 --set 11x40

      hamcoach log seated-leg-curl --set 12x17,5 --set 12x17,5

      hamcoach log nordic-curl --set 5 --set 5

      hamcoach log single-leg-curl --side left --set 10x20 --set 10x20

      hamcoach log floor-curl --variant sliders --set 12 --set 12 --set 12 --hips-up

    A wrong set: `hamcoach history` shows its id, `hamcoach edit ID` corrects it.
    """
    from zoneinfo import ZoneInfo

    from hamcoach.cli.context import local
    from hamcoach.domain.exercises import CATALOGUE
    from hamcoach.domain.model import Side
    from hamcoach.domain.records import SetKind
    from hamcoach.domain.set_rules import SetInput
    from hamcoach.services.set_logging import log_sets

    output = parse_option("--format", parse_format, fmt)
    slug = parse_option("EXERCISE", lambda v: CATALOGUE.get(v).slug, exercise)
    parsed = [parse_option("--set", parse_set, s) for s in sets]
    day = parse_option("--date", parse_date, date) if date else None
    chosen_side = parse_option("--side", Side.parse, side) if side else None
    set_kind = parse_option("--kind", SetKind.parse, kind)
    ctx = local()
    profile, now = ctx.profile, ctx.now
    zone = ZoneInfo(profile.timezone)
    local_now = now.astimezone(zone)
    # A past day's sets get this moment's clock time on that day: later commands stay later,
    # so sets logged for one day in several commands keep the order they were entered in.
    at = now
    if day is not None and day != local_now.date():
        at = dt.datetime.combine(day, local_now.time().replace(tzinfo=None), zone)
    items = [
        (
            str(uuid.uuid4()),
            SetInput(slug, reps, load, variant, chosen_side, rir, None, note, set_kind, hips_up),
            at + dt.timedelta(milliseconds=i),
        )
        for i, (reps, load) in enumerate(parsed)
    ]
    outcome = log_sets(
        ctx.store.uow(), ctx.athlete_id, items, now + dt.timedelta(seconds=len(items))
    )
    if output is OutputFormat.JSON:
        from hamcoach.cli.jsonout import print_json
        from hamcoach.views import log as log_view

        print_json(
            {
                "stored": [log_view.logged_set(s) for s in outcome.stored],
                "next": {
                    "exercise": slug,
                    "load": outcome.next_load,
                    "unit": profile.units.value,
                    "reason": outcome.next_reason,
                },
            }
        )
        return
    from hamcoach.cli import render_log

    render_log.logged(outcome, profile.units.value)


def register(app: typer.Typer) -> None:
    app.command("today")(today)
    app.command("log")(log)
