"""What a stored strength-test value must be, whichever way it arrives (typed in, or a backup).

The entry use-cases (`services.strength_tests`) build values that pass these rules; a backup's
values are checked here value by value, so a file cannot store a unit or a zero that the report
and the progress page cannot read.
"""

from __future__ import annotations

from hamcoach.domain.errors import InvalidInput, UnknownChoice
from hamcoach.domain.records import StrengthValue
from hamcoach.domain.values import check_date, check_finite, check_text

TORQUE_KINDS = frozenset({"hamstring-con", "quad-con", "hamstring-ecc"})
UNITS = {
    "hamstring-con": ("Nm", "N"),
    "quad-con": ("Nm", "N"),
    "hamstring-ecc": ("Nm", "N"),
    "nordic-force": ("N", "kg", "lb"),
    "break-angle": ("deg",),
    "10rm": ("kg", "lb"),
}
VELOCITIES = (60, 180, 300)
MACHINE_CURLS = ("lying-leg-curl", "seated-leg-curl", "single-leg-curl")


def _limit(kind: str, unit: str) -> tuple[float, float]:
    """(lowest, highest) plausible value; the lowest is excluded except for the angle."""
    if kind in TORQUE_KINDS:
        return 0.0, 1000.0
    if kind == "nordic-force":
        return 0.0, 2000.0 if unit == "N" else 250.0
    if kind == "break-angle":
        return 0.0, 90.0
    return 0.0, 500.0 if unit == "kg" else 1100.0


def check_strength_value(value: StrengthValue) -> None:
    if value.kind not in UNITS:
        raise UnknownChoice("test kind", value.kind, sorted(UNITS))
    if value.unit not in UNITS[value.kind]:
        raise UnknownChoice(f"unit of a {value.kind} value", value.unit, UNITS[value.kind])
    check_finite(value.value, value.kind)
    low, high = _limit(value.kind, value.unit)
    inside = (
        low <= value.value <= high if value.kind == "break-angle" else low < value.value <= high
    )
    if not inside:
        raise InvalidInput(
            f"{value.kind} must be {'from' if value.kind == 'break-angle' else 'above'} "
            f"{low:g} and at most {high:g} {value.unit} (got {value.value:g})"
        )
    if value.side not in (None, "left", "right"):
        raise UnknownChoice("side", str(value.side), ("left", "right"))
    if value.kind in TORQUE_KINDS:
        if value.velocity_deg_s not in VELOCITIES:
            raise UnknownChoice(
                "velocity (deg/s)", str(value.velocity_deg_s), (str(v) for v in VELOCITIES)
            )
    elif value.velocity_deg_s is not None:
        raise InvalidInput(f"a {value.kind} value has no velocity")
    if value.kind == "10rm":
        if value.exercise not in MACHINE_CURLS:
            raise UnknownChoice("10RM exercise", str(value.exercise), MACHINE_CURLS)
    elif value.exercise is not None:
        raise InvalidInput(f"a {value.kind} value names no exercise")
    check_text(value.group_id, "test group id", max_len=36)
    check_date(value.tested_on, "test date")
