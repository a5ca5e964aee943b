"""Strength tests ("assessments" in the code, so that pytest never mistakes them for tests).

One assessment is what the athlete enters (an H:Q test, a Nordic force pair, a break-point
angle, a 10RM); it is stored as one or more measured values of a `Measure` kind that share a
group id. Every value obeys `check_measurement`, whichever way it arrives: typed in on the
CLI, the API or the page, or restored from a backup, so the report can read every stored value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hamcoach.domain.catalogue import LoadType
from hamcoach.domain.errors import InvalidInput, UnknownChoice
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.metrics import HQKind, check_plausible_hq
from hamcoach.domain.model import Side
from hamcoach.domain.records import Measure, Measurement
from hamcoach.domain.values import check_date, check_finite, check_text


class AssessmentKind(StrEnum):
    """What the athlete enters; the CLI commands and the API's `kind` use these names."""

    HQ = "hq"
    NORDIC_FORCE = "nordic-force"
    BREAK_ANGLE = "break-angle"
    TEN_RM = "10rm"


TORQUES = frozenset({Measure.HAMSTRING_CON, Measure.QUAD_CON, Measure.HAMSTRING_ECC})
# Eccentric knee-flexor force per side, whichever device measured it.
ECCENTRIC_FORCES = frozenset({Measure.NORDIC_FORCE, Measure.HAMSTRING_ECC})
TORQUE_UNITS = ("Nm", "N")  # N with a lever arm is a hand-held dynamometer reading
FORCE_UNITS = ("N", "kg", "lb")
UNITS: dict[Measure, tuple[str, ...]] = {
    Measure.HAMSTRING_CON: TORQUE_UNITS,
    Measure.QUAD_CON: TORQUE_UNITS,
    Measure.HAMSTRING_ECC: TORQUE_UNITS,
    Measure.NORDIC_FORCE: FORCE_UNITS,
    Measure.BREAK_ANGLE: ("deg",),
    Measure.TEN_RM: ("kg", "lb"),
}
VELOCITIES = (60, 180, 300)
MACHINE_CURLS = tuple(
    s for s in CATALOGUE.slugs() if CATALOGUE.get(s).load_type is LoadType.MACHINE
)
LABELS = {
    Measure.HAMSTRING_CON: "hamstring concentric",
    Measure.QUAD_CON: "quadriceps",
    Measure.HAMSTRING_ECC: "hamstring eccentric",
    Measure.NORDIC_FORCE: "force",
    Measure.BREAK_ANGLE: "break-point angle",
    Measure.TEN_RM: "10RM load",
}


@dataclass(frozen=True)
class HqEntry:
    hamstring_con: float
    quad_con: float
    hamstring_ecc: float | None = None
    unit: str = "Nm"
    side: str | None = None
    velocity_deg_s: int = 60
    kind = AssessmentKind.HQ


@dataclass(frozen=True)
class NordicForceEntry:
    left: float
    right: float
    unit: str = "N"
    kind = AssessmentKind.NORDIC_FORCE


@dataclass(frozen=True)
class BreakAngleEntry:
    degrees: float
    kind = AssessmentKind.BREAK_ANGLE


@dataclass(frozen=True)
class TenRmEntry:
    exercise: str
    load: float
    kind = AssessmentKind.TEN_RM


Entry = HqEntry | NordicForceEntry | BreakAngleEntry | TenRmEntry


def measured_values(
    entry: Entry, load_unit: str, group_id: str, tested_on: dt.date
) -> list[Measurement]:
    """The values an entry stores, each checked; `load_unit` is the athlete's (for a 10RM)."""

    def value(
        measure: Measure,
        amount: float,
        unit: str,
        side: Side | None = None,
        exercise: str | None = None,
        velocity: int | None = None,
    ) -> Measurement:
        return Measurement(group_id, measure, side, exercise, amount, unit, velocity, tested_on)

    if isinstance(entry, HqEntry):
        side = Side.parse(entry.side)
        speed = entry.velocity_deg_s
        out = [
            value(Measure.HAMSTRING_CON, entry.hamstring_con, entry.unit, side, None, speed),
            value(Measure.QUAD_CON, entry.quad_con, entry.unit, side, None, speed),
        ]
        if entry.hamstring_ecc is not None:
            out.append(
                value(Measure.HAMSTRING_ECC, entry.hamstring_ecc, entry.unit, side, None, speed)
            )
    elif isinstance(entry, NordicForceEntry):
        out = [
            value(Measure.NORDIC_FORCE, entry.left, entry.unit, Side.LEFT),
            value(Measure.NORDIC_FORCE, entry.right, entry.unit, Side.RIGHT),
        ]
    elif isinstance(entry, BreakAngleEntry):
        out = [value(Measure.BREAK_ANGLE, entry.degrees, "deg")]
    else:
        exercise = CATALOGUE.get(entry.exercise)
        if exercise.load_type is not LoadType.MACHINE:
            raise InvalidInput(
                f"a 10RM needs a machine exercise ({', '.join(MACHINE_CURLS)}); "
                f"{exercise.slug} is body weight"
            )
        out = [value(Measure.TEN_RM, entry.load, load_unit, None, exercise.slug)]
    for v in out:
        check_measurement(v)
    if isinstance(entry, HqEntry):  # each value is in range: now the pair must make sense
        check_plausible_hq(entry.hamstring_con, entry.quad_con, HQKind.CONVENTIONAL)
        if entry.hamstring_ecc is not None:
            check_plausible_hq(entry.hamstring_ecc, entry.quad_con, HQKind.FUNCTIONAL)
    return out


def value_range(kind: Measure, unit: str) -> tuple[float, float]:
    """(lowest, highest) plausible value; the lowest is excluded except for the angle."""
    if kind in TORQUES:
        return 0.0, 1000.0
    if kind is Measure.NORDIC_FORCE:
        return 0.0, 2000.0 if unit == "N" else 250.0
    if kind is Measure.BREAK_ANGLE:
        return 0.0, 90.0
    return 0.0, 500.0 if unit == "kg" else 1100.0


def check_measurement(value: Measurement) -> None:
    """Every stored value obeys these; the message names the field as the athlete knows it."""
    try:
        kind = Measure(value.kind)
    except ValueError:
        raise UnknownChoice("test kind", str(value.kind), [m.value for m in Measure]) from None
    label = LABELS[kind]
    if value.unit not in UNITS[kind]:
        raise UnknownChoice(f"unit of a {kind.value} value", value.unit, UNITS[kind])
    check_finite(value.value, label)
    if value.side is not None and value.side not in tuple(Side):
        raise UnknownChoice("side", str(value.side), [s.value for s in Side])
    low, high = value_range(kind, value.unit)
    if kind is Measure.BREAK_ANGLE:
        if not low <= value.value <= high:
            raise InvalidInput(
                f"{label} must be 0-90 degrees, 0 = upright kneeling (got {value.value:g})"
            )
    elif not low < value.value <= high:
        named = f"{value.side} {label}" if kind is Measure.NORDIC_FORCE and value.side else label
        raise InvalidInput(
            f"{named} must be above 0 and at most {high:g} {value.unit} (got {value.value:g})"
        )
    if kind in TORQUES:
        if value.velocity_deg_s not in VELOCITIES:
            raise UnknownChoice(
                "velocity (deg/s)", str(value.velocity_deg_s), (str(v) for v in VELOCITIES)
            )
    elif value.velocity_deg_s is not None:
        raise InvalidInput(f"a {kind.value} value has no velocity")
    if kind is Measure.TEN_RM:
        if value.exercise not in MACHINE_CURLS:
            raise UnknownChoice("10RM exercise", str(value.exercise), MACHINE_CURLS)
    elif value.exercise is not None:
        raise InvalidInput(f"a {kind.value} value names no exercise")
    check_text(value.group_id, "test group id", max_len=36)
    check_date(value.tested_on, "test date")
