"""Recording strength tests: H:Q torques, Nordic force per side, break-point angle, 10RM."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from hamcoach.domain.catalogue import LoadType
from hamcoach.domain.errors import InvalidInput, UnknownChoice
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.records import StrengthValue
from hamcoach.domain.values import check_date, check_finite
from hamcoach.services.ports import UnitOfWorkPort

TORQUE_UNITS = ("Nm", "N")  # N with a lever arm is a hand-held dynamometer reading
FORCE_UNITS = ("N", "kg", "lb")
VELOCITIES = (60, 180, 300)


@dataclass(frozen=True)
class Measured:
    kind: str
    value: float
    unit: str
    side: str | None = None
    exercise: str | None = None
    velocity_deg_s: int | None = None


def _positive(name: str, value: float, high: float) -> None:
    if not 0 < value <= high:
        raise InvalidInput(f"{name} must be above 0 and at most {high:g} (got {value:g})")


def hq_values(
    hamstring_con: float,
    quad_con: float,
    hamstring_ecc: float | None,
    unit: str,
    side: str | None,
    velocity: int,
) -> list[Measured]:
    if unit not in TORQUE_UNITS:
        raise UnknownChoice("unit", unit, TORQUE_UNITS)
    if velocity not in VELOCITIES:
        raise UnknownChoice("velocity (deg/s)", str(velocity), (str(v) for v in VELOCITIES))
    if side not in (None, "left", "right"):
        raise UnknownChoice("side", str(side), ("left", "right"))
    for name, value in (("hamstring concentric", hamstring_con), ("quadriceps", quad_con)):
        _positive(name, value, 1000)
    out = [
        Measured("hamstring-con", hamstring_con, unit, side, None, velocity),
        Measured("quad-con", quad_con, unit, side, None, velocity),
    ]
    if hamstring_ecc is not None:
        _positive("hamstring eccentric", hamstring_ecc, 1000)
        out.append(Measured("hamstring-ecc", hamstring_ecc, unit, side, None, velocity))
    return out


def nordic_force_values(left: float, right: float, unit: str) -> list[Measured]:
    if unit not in FORCE_UNITS:
        raise UnknownChoice("unit", unit, FORCE_UNITS)
    high = 2000 if unit == "N" else 250
    _positive("left force", left, high)
    _positive("right force", right, high)
    return [
        Measured("nordic-force", left, unit, "left"),
        Measured("nordic-force", right, unit, "right"),
    ]


def break_angle_values(degrees: float) -> list[Measured]:
    if not 0 <= degrees <= 90:
        raise InvalidInput(
            f"break-point angle must be 0-90 degrees, 0 = upright kneeling (got {degrees:g})"
        )
    return [Measured("break-angle", degrees, "deg")]


def tenrm_values(exercise: str, load: float, unit: str) -> list[Measured]:
    ex = CATALOGUE.get(exercise)
    if ex.load_type is not LoadType.MACHINE:
        raise InvalidInput(
            f"a 10RM needs a machine exercise (lying-leg-curl, seated-leg-curl, single-leg-curl); "
            f"{exercise} is body weight"
        )
    _positive("10RM load", load, 500 if unit == "kg" else 1100)
    return [Measured("10rm", load, unit, None, ex.slug)]


def record_test(
    uow: UnitOfWorkPort,
    athlete_id: int,
    values: Sequence[Measured],
    tested_on: dt.date,
    today: dt.date,
) -> list[StrengthValue]:
    check_date(tested_on, "test date")
    for v in values:
        check_finite(v.value, v.kind)
    if tested_on > today:
        raise InvalidInput(f"test date {tested_on.isoformat()} is in the future")
    group = str(uuid.uuid4())
    records = [
        StrengthValue(
            group, v.kind, v.side, v.exercise, v.value, v.unit, v.velocity_deg_s, tested_on
        )
        for v in values
    ]
    with uow:
        scope = uow.athlete(athlete_id)
        scope.profile.get()  # the athlete must exist
        scope.tests.add(records)
        uow.commit()
    return records
