"""`hamcoach history` and `hamcoach report`: what was done, and what it adds up to."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hamcoach.cli.errors import parse_option
from hamcoach.cli.options import FormatOpt, OutputFormat, parse_date, parse_format


def history(
    exercise: Annotated[
        str | None, typer.Argument(metavar="EXERCISE", help="Only this exercise.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="From this date, YYYY-MM-DD.")
    ] = None,
    fmt: FormatOpt = "table",
) -> None:
    """Every logged set, oldest first, with the target beside what was done."""
    from hamcoach.cli.context import local
    from hamcoach.domain.exercises import CATALOGUE
    from hamcoach.services.reports import history as load_history

    output = parse_option("--format", parse_format, fmt)
    slug = parse_option("EXERCISE", lambda v: CATALOGUE.get(v).slug, exercise) if exercise else None
    start = parse_option("--since", parse_date, since) if since else None
    ctx = local()
    sets = load_history(ctx.store.uow(), ctx.athlete_id, slug, start)
    if output is OutputFormat.JSON:
        from hamcoach.cli.jsonout import print_json
        from hamcoach.views import log as log_view

        print_json([log_view.logged_set(s) for s in sets])
        return
    from hamcoach.cli import render_log

    render_log.history(sets)


def report(
    fmt: FormatOpt = "table",
    plot: Annotated[
        Path | None,
        typer.Option(
            metavar="FOLDER", help="Write PNG and SVG plots into this folder (created if missing)."
        ),
    ] = None,
) -> None:
    """Adherence, load and e1RM trends, H:Q, left/right asymmetry, Nordic break point."""
    from hamcoach.cli.context import local
    from hamcoach.services.reports import report as build

    output = parse_option("--format", parse_format, fmt)
    ctx = local()
    result = build(ctx.store.uow(), ctx.athlete_id, ctx.today)
    written: list[Path] = []
    if plot is not None:
        from hamcoach.integrations.plots import write_plots

        written = write_plots(result, plot)
    if output is OutputFormat.JSON:
        from hamcoach.cli.jsonout import print_json
        from hamcoach.views import report as report_view

        data = report_view.report(result)
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
