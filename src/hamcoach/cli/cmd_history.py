"""`hamcoach history` and `hamcoach report`: what was done, and what it adds up to."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hamcoach.cli.errors import parse_option
from hamcoach.cli.options import OutputFormat, parse_date, parse_format


def history(
    exercise: Annotated[str | None, typer.Argument(help="Only this exercise.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date, YYYY-MM-DD.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Every logged set, oldest first, with the target beside what was done."""
    from hamcoach.cli.context import open_store
    from hamcoach.domain.exercises import CATALOGUE
    from hamcoach.services.profile import local_athlete
    from hamcoach.services.reports import history as load_history

    output = parse_option("--format", parse_format, fmt)
    slug = parse_option("EXERCISE", lambda v: CATALOGUE.get(v).slug, exercise) if exercise else None
    start = parse_option("--since", parse_date, since) if since else None
    store = open_store()
    sets = load_history(store.uow(), local_athlete(store.uow()), slug, start)
    if output is OutputFormat.JSON:
        from hamcoach import serialize_log
        from hamcoach.cli.jsonout import print_json

        print_json([serialize_log.logged_set(s) for s in sets])
        return
    from hamcoach.cli import render_log

    render_log.history(sets)


def report(
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    plot: Annotated[
        Path | None,
        typer.Option(help="Write PNG and SVG plots into this folder (created if missing)."),
    ] = None,
) -> None:
    """Adherence, load and e1RM trends, H:Q, left/right asymmetry, Nordic break point."""
    from hamcoach.cli.context import open_store, today_in
    from hamcoach.services.profile import get_profile, local_athlete
    from hamcoach.services.reports import report as build

    output = parse_option("--format", parse_format, fmt)
    store = open_store()
    athlete_id = local_athlete(store.uow())
    tz = get_profile(store.uow(), athlete_id).timezone
    result = build(store.uow(), athlete_id, today_in(tz))
    written: list[Path] = []
    if plot is not None:
        from hamcoach.integrations.plots import write_plots

        written = write_plots(result, plot)
    if output is OutputFormat.JSON:
        from hamcoach import serialize_log
        from hamcoach.cli.jsonout import print_json

        data = serialize_log.report(result)
        data["plots"] = [str(p) for p in written]
        print_json(data)
        return
    from hamcoach.cli import render_log

    render_log.report(result)
    for path in written:
        typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    app.command("history")(history)
    app.command("report")(report)
