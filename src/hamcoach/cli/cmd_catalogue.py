"""`hamcoach exercises`: the catalogue, filtered by equipment, or one exercise with its cues."""

from __future__ import annotations

from typing import Annotated

import typer

from hamcoach.cli.errors import parse_option
from hamcoach.cli.options import FormatOpt, OutputFormat, parse_format, split_list
from hamcoach.domain.exercises import CATALOGUE


def exercises(
    slug: Annotated[
        str | None,
        typer.Argument(metavar="SLUG", help="Show one exercise in full, e.g. nordic-curl."),
    ] = None,
    equipment: Annotated[
        str | None,
        typer.Option(
            "--equipment",
            "-e",
            metavar="SLUG,...",
            help="Comma-separated equipment you have; lists only what it allows. Slugs: "
            + ", ".join(CATALOGUE.equipment_slugs()),
        ),
    ] = None,
    fmt: FormatOpt = "table",
) -> None:
    """List the five knee-flexion exercises, or show one with its cues.

    Examples:

      hamcoach exercises --equipment towel,partner

      hamcoach exercises nordic-curl
    """
    output = parse_option("--format", parse_format, fmt)
    owned = parse_option(
        "--equipment", lambda v: CATALOGUE.parse_equipment(split_list(v)), equipment or ""
    )
    if slug is not None:
        ex = parse_option("SLUG", CATALOGUE.get, slug)
        if output is OutputFormat.JSON:
            from hamcoach.cli.jsonout import print_json
            from hamcoach.views import catalogue as catalogue_view

            print_json(catalogue_view.exercise(ex))
            return
        from hamcoach.cli import render

        render.exercise_detail(ex)
        return
    chosen = list(CATALOGUE.feasible(owned) if equipment is not None else CATALOGUE.exercises)
    if output is OutputFormat.JSON:
        from hamcoach.cli.jsonout import print_json
        from hamcoach.views import catalogue as catalogue_view

        print_json([catalogue_view.exercise(ex) for ex in chosen])
        return
    from hamcoach.cli import plain
    from hamcoach.domain.catalogue import explain_feasibility

    if not chosen:
        plain.echo(
            "Nothing fits that equipment yet. A towel on a smooth floor is enough for the "
            "floor curl: try --equipment towel\n"
        )
        return
    feasibility = explain_feasibility(CATALOGUE, owned) if equipment is not None else None
    rows = []
    for ex in chosen:
        p = ex.prescription
        dose = f"{p.sets} x {p.reps_min}-{p.reps_max}" + (" each side" if p.per_side else "")
        needs = (
            " or ".join("+".join(sorted(n)) for n in ex.equipment)
            if feasibility is None
            else feasibility[ex.slug]
        )
        rows.append([ex.slug, ex.short_name, dose, needs])
    last = "needs" if feasibility is None else "with your equipment"
    plain.echo(plain.table("Knee-flexion exercises", ["slug", "name", "dose", last], rows))
    plain.echo("Details and cues: hamcoach exercises SLUG\n")


def register(app: typer.Typer) -> None:
    app.command("exercises")(exercises)
