"""`hamcoach soreness`: a daily check-in of how the hamstrings feel."""

from __future__ import annotations

from typing import Annotated

import typer

from hamcoach.cli.errors import parse_option
from hamcoach.cli.options import parse_date


def soreness(
    score: Annotated[int, typer.Argument(metavar="SCORE", help="0 = none, 10 = worst.")],
    date: Annotated[
        str | None, typer.Option(metavar="DATE", help="Day, YYYY-MM-DD [default: today].")
    ] = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="A short note.")] = None,
) -> None:
    """Record how sore your hamstrings are today; the report keeps the last four weeks."""
    from hamcoach.cli.context import local
    from hamcoach.services.soreness import advice, check_in

    ctx = local()
    day = parse_option("--date", parse_date, date) if date else ctx.today
    check_in(ctx.store.uow(), ctx.athlete_id, day, score, note, ctx.today)
    typer.echo(f"stored for {day:%a %d %b}: {advice(score)}")


def register(app: typer.Typer) -> None:
    app.command("soreness")(soreness)
