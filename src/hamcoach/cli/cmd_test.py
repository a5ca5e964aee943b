"""`hamcoach test ...`: record strength tests and see them against the published norms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from hamcoach.cli.errors import parse_option
from hamcoach.cli.options import parse_date

if TYPE_CHECKING:
    from hamcoach.domain.assessment import Entry

test_app = typer.Typer(
    help="Record a strength test: hq, nordic-force, break-angle or 10rm.",
    no_args_is_help=True,
)

DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="DATE", help="Test date, YYYY-MM-DD [default: today]."),
]


def _record(entry: Entry, date: str | None) -> str:
    """Store the test for the local athlete; returns their load unit (a 10RM is in it)."""
    from hamcoach.cli.context import local
    from hamcoach.services.assessments import record

    ctx = local()
    tested_on = parse_option("--date", parse_date, date) if date else ctx.today
    record(ctx.store.uow(), ctx.athlete_id, entry, tested_on, ctx.today)
    return ctx.unit


@test_app.command("hq")
def hq(
    hamstring_con: Annotated[
        float, typer.Option(metavar="NUMBER", help="Hamstring concentric peak torque.")
    ],
    quad_con: Annotated[
        float, typer.Option(metavar="NUMBER", help="Quadriceps concentric peak torque.")
    ],
    hamstring_ecc: Annotated[
        float | None,
        typer.Option(metavar="NUMBER", help="Hamstring eccentric peak torque (functional H:Q)."),
    ] = None,
    unit: Annotated[
        str, typer.Option(metavar="[Nm|N]", help="Nm (isokinetic) or N (hand-held).")
    ] = "Nm",
    side: Annotated[
        str | None, typer.Option(metavar="[left|right]", help="The leg tested.")
    ] = None,
    velocity: Annotated[
        int, typer.Option(metavar="INTEGER", help="Angular velocity, deg/s: 60, 180, 300.")
    ] = 60,
    date: DateOpt = None,
) -> None:
    """Hamstring-to-quadriceps ratios, conventional (and functional with --hamstring-ecc)."""
    from hamcoach.domain.assessment import HqEntry
    from hamcoach.domain.metrics import HQKind, hq_ratio

    _record(HqEntry(hamstring_con, quad_con, hamstring_ecc, unit, side, velocity), date)
    typer.echo(hq_ratio(hamstring_con, quad_con, HQKind.CONVENTIONAL, velocity).summary)
    if hamstring_ecc is not None:
        typer.echo(hq_ratio(hamstring_ecc, quad_con, HQKind.FUNCTIONAL, velocity).summary)


@test_app.command("nordic-force")
def nordic_force(
    left: Annotated[
        float, typer.Option(metavar="NUMBER", help="Left eccentric knee-flexor force.")
    ],
    right: Annotated[
        float, typer.Option(metavar="NUMBER", help="Right eccentric knee-flexor force.")
    ],
    unit: Annotated[str, typer.Option(metavar="[N|kg|lb]", help="The force's unit.")] = "N",
    date: DateOpt = None,
) -> None:
    """Eccentric knee-flexor force per side (e.g. a NordBord); shows the left/right gap."""
    from hamcoach.domain.assessment import NordicForceEntry
    from hamcoach.domain.metrics import asymmetry

    _record(NordicForceEntry(left, right, unit), date)
    gap = asymmetry(left, right)
    flag = {
        "none": "",
        "flag": " (>= 15 %: worth evening out)",
        "strong": " (>= 20 %: a clear gap)",
    }
    typer.echo(f"left {left:g} {unit}, right {right:g} {unit}: {gap.pct:.1f} % gap{flag[gap.flag]}")


@test_app.command("break-angle")
def break_angle(
    degrees: Annotated[
        float,
        typer.Argument(metavar="DEGREES", help="Knee angle where lowering broke; 0 = upright."),
    ],
    date: DateOpt = None,
) -> None:
    """Nordic break-point angle: larger means control further down; < 5.5 deg change is noise."""
    from hamcoach.domain.assessment import BreakAngleEntry

    _record(BreakAngleEntry(degrees), date)
    typer.echo(f"stored break point {degrees:g} deg")


@test_app.command("10rm")
def ten_rm(
    exercise: Annotated[str, typer.Argument(metavar="EXERCISE", help="Machine exercise slug.")],
    load: Annotated[
        float,
        typer.Argument(metavar="LOAD", help="Heaviest load for 10 good reps, your units."),
    ],
    date: DateOpt = None,
) -> None:
    """A 10-rep max on a machine curl: sets the start load when there is no history."""
    from hamcoach.domain.assessment import TenRmEntry

    unit = _record(TenRmEntry(exercise, load), date)
    typer.echo(f"stored 10RM {load:g} {unit} on {exercise}")


def register(app: typer.Typer) -> None:
    app.add_typer(test_app, name="test")
