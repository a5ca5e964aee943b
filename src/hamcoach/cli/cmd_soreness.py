"""`hamcoach soreness`: a daily check-in of how the hamstrings feel."""

from __future__ import annotations

from typing import Annotated

import typer

from hamcoach.cli.errors import parse_option
from hamcoach.cli.options import parse_date


def soreness(
    score: Annotated[int, typer.Argument(help="0 = none, 10 = worst.")],
    date: Annotated[str | None, typer.Option(help="Day, YYYY-MM-DD [default: today].")] = None,
    note: Annotated[str | None, typer.Option(help="A short note.")] = None,
) -> None:
    """Record how sore your hamstrings are today; the report keeps the last four weeks."""
    from hamcoach.cli.context import open_store, today_in
    from hamcoach.services.profile import get_profile, local_athlete
    from hamcoach.services.soreness import advice, check_in

    store = open_store()
    athlete_id = local_athlete(store.uow())
    today = today_in(get_profile(store.uow(), athlete_id).timezone)
    day = parse_option("--date", parse_date, date) if date else today
    check_in(store.uow(), athlete_id, day, score, note, today)
    typer.echo(f"stored for {day:%a %d %b}: {advice(score)}")


def register(app: typer.Typer) -> None:
    app.command("soreness")(soreness)
