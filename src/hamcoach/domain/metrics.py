"""Measurements of DESIGN 3.5: e1RM, volume, H:Q, asymmetry, force, break point, adherence.

All are information for the athlete and coach, not injury alarms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from hamcoach.domain.errors import InvalidInput

MAX_E1RM_REPS = 12
ASYM_FLAG_PCT = 15.0
ASYM_STRONG_PCT = 20.0
BREAK_POINT_NOISE_DEG = 5.5
LOW_ADHERENCE = 0.5
HQ_CONVENTIONAL_NORMS: dict[int, float] = {60: 0.61, 180: 0.72, 300: 0.78}
HQ_FUNCTIONAL_CUTOFF = (0.85, 0.90)


def _check_set(load: float, reps: int) -> None:
    if load <= 0:
        raise InvalidInput(f"load must be positive for an e1RM (got {load})")
    if not 1 <= reps <= MAX_E1RM_REPS:
        raise InvalidInput(f"e1RM needs 1-{MAX_E1RM_REPS} reps (got {reps})")


def e1rm_epley(load: float, reps: int) -> float:
    """Estimated one-rep max, Epley: w * (1 + r / 30); a single is its own max."""
    _check_set(load, reps)
    return load if reps == 1 else load * (1 + reps / 30)


def e1rm_brzycki(load: float, reps: int) -> float:
    """Estimated one-rep max, Brzycki: w * 36 / (37 - r)."""
    _check_set(load, reps)
    return load * 36 / (37 - reps)


def volume(sets: Sequence[tuple[int, float | None]]) -> float:
    """Volume load: sum of reps x load (body-weight sets count reps only, load 0)."""
    return sum(reps * (load or 0.0) for reps, load in sets)


class HQKind(StrEnum):
    CONVENTIONAL = "conventional"  # hamstring concentric / quadriceps concentric
    FUNCTIONAL = "functional"  # hamstring eccentric / quadriceps concentric


@dataclass(frozen=True)
class HQResult:
    kind: HQKind
    ratio: float
    reference: float | None
    summary: str


# Ratios outside these are a swapped or mistyped value, not a measurement: healthy and injured
# athletes alike sit near 0.4-1.0 (conventional) and 0.6-1.6 (functional, eccentric over
# concentric). Team default bounds, wide on purpose; no study sets them.
PLAUSIBLE_HQ = {"conventional": (0.2, 1.5), "functional": (0.3, 2.5)}


def check_plausible_hq(hamstring: float, quadriceps: float, kind: HQKind) -> None:
    """Refuse an H:Q that no knee produces, saying why (it is almost always a typing slip)."""
    low, high = PLAUSIBLE_HQ[kind.value]
    ratio = hamstring / quadriceps
    if not low <= ratio <= high:
        shown = f"{ratio:.2f}" if ratio < 1000 else "over 1000"
        raise InvalidInput(
            f"a {kind.value} H:Q of {shown} is not plausible (expected {low:g}-{high:g}; "
            "most athletes are near 0.5-0.8 conventional): check the hamstring and "
            "quadriceps values were not swapped or mistyped"
        )


def hq_ratio(
    hamstring: float, quadriceps: float, kind: HQKind, velocity_deg_s: int = 60
) -> HQResult:
    """H:Q ratio with the reference value to read it against."""
    if hamstring <= 0 or quadriceps <= 0:
        raise InvalidInput("hamstring and quadriceps values must both be positive")
    ratio = hamstring / quadriceps
    if kind is HQKind.CONVENTIONAL:
        ref = HQ_CONVENTIONAL_NORMS.get(velocity_deg_s, 0.6)
        side = "below" if ratio < ref else "at or above"
        summary = (
            f"conventional H:Q {ratio:.2f}, {side} the typical {ref:.2f} at {velocity_deg_s} deg/s"
        )
    else:
        ref = HQ_FUNCTIONAL_CUTOFF[0]
        side = "below" if ratio < ref else "at or above"
        summary = (
            f"functional H:Q {ratio:.2f}, {side} the 0.85-0.90 range that studies used as a cut-off"
        )
    return HQResult(kind, ratio, ref, summary + " (information, not an injury prediction)")


class AsymmetryFlag(StrEnum):
    NONE = "none"
    FLAG = "flag"  # >= 15 %: risk about 2.4x (Bourne 2015)
    STRONG = "strong"  # >= 20 %: risk about 3.4x


@dataclass(frozen=True)
class Asymmetry:
    pct: float
    stronger: str  # "left", "right" or "equal"
    flag: AsymmetryFlag


def asymmetry(left: float, right: float) -> Asymmetry:
    """(stronger - weaker) / stronger x 100 %."""
    if left <= 0 or right <= 0:
        raise InvalidInput("left and right values must both be positive")
    strong, weak = max(left, right), min(left, right)
    pct = (strong - weak) / strong * 100
    flag = AsymmetryFlag.NONE
    if pct >= ASYM_STRONG_PCT:
        flag = AsymmetryFlag.STRONG
    elif pct >= ASYM_FLAG_PCT:
        flag = AsymmetryFlag.FLAG
    stronger = "equal" if left == right else ("left" if left > right else "right")
    return Asymmetry(pct, stronger, flag)


@dataclass(frozen=True)
class ForceContext:
    newtons: float
    per_kg: float | None
    notes: tuple[str, ...]


def eccentric_force_context(newtons: float, body_mass_kg: float | None = None) -> ForceContext:
    """Eccentric knee-flexor force set against published thresholds (context, not diagnosis)."""
    if newtons <= 0:
        raise InvalidInput(f"force must be positive (got {newtons})")
    notes: list[str] = []
    if newtons < 279:
        notes.append("below 256-279 N, where Opar 2015 saw 2.7-4.3x more strains")
    if newtons < 337:
        notes.append("below 337 N, where Timmins 2016 saw 4.4x more strains")
    per_kg = newtons / body_mass_kg if body_mass_kg else None
    if per_kg is not None:
        notes.append(f"{per_kg:.1f} N/kg; elite track athletes are near 5 N/kg")
    return ForceContext(newtons, per_kg, tuple(notes))


@dataclass(frozen=True)
class AngleChange:
    change_deg: float
    meaningful: bool
    summary: str


def break_point_change(previous_deg: float, current_deg: float) -> AngleChange:
    """Nordic break-point angle (0 deg = upright kneeling): larger is better; < 5.5 deg is noise."""
    change = current_deg - previous_deg
    meaningful = abs(change) >= BREAK_POINT_NOISE_DEG
    if not meaningful:
        summary = f"{change:+.1f} deg: within the 5.5 deg measurement noise"
    elif change > 0:
        summary = f"{change:+.1f} deg: you control the lowering further down"
    else:
        summary = f"{change:+.1f} deg: the break point came earlier"
    return AngleChange(change, meaningful, summary)


@dataclass(frozen=True)
class Adherence:
    weekly: tuple[float, ...]
    overall: float
    summary: str


def adherence(planned: Sequence[int], completed: Sequence[int]) -> Adherence:
    """Completed / planned sessions per week and overall; extra sessions never exceed 100 %."""
    if len(planned) != len(completed):
        raise InvalidInput("planned and completed need one value per week each")
    weekly = tuple(min(c, p) / p if p else 1.0 for p, c in zip(planned, completed, strict=True))
    total = sum(planned)
    overall = (
        sum(min(c, p) for p, c in zip(planned, completed, strict=True)) / total if total else 1.0
    )
    if overall < LOW_ADHERENCE:
        summary = (
            f"{overall:.0%} of planned sessions done: below 50 % the protective effect is unlikely"
        )
    else:
        summary = f"{overall:.0%} of planned sessions done"
    return Adherence(weekly, overall, summary)
