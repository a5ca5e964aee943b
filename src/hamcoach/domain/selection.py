"""Which exercises go into each session of a week, with the reason for each choice."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from hamcoach.domain.catalogue import Catalogue, Exercise, HipPosition
from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.metrics import ASYM_FLAG_PCT

NORDIC = "nordic-curl"
SINGLE_LEG = "single-leg-curl"
FLOOR = "floor-curl"
ASYMMETRY_FLAG_PCT = ASYM_FLAG_PCT  # one home: metrics (Bourne 2015)
# Selection weights: the order of the preferences in `select_week`'s doc (team defaults).
WEIGHT_COACH_PREFERRED = 200.0  # an exercise the athlete's coach asked for: their word first
WEIGHT_ASYMMETRY_FIRST = 100.0  # the single-leg curl when a gap is on record
WEIGHT_ASYMMETRY_AGAIN = 30.0  # after its first session: below a week's first Nordic
WEIGHT_FIRST_NORDIC = 50.0  # a Nordic at least once a week
WEIGHT_HIP_PAIRING = 10.0  # a hip-bent curl with a hip-straight one
WEIGHT_PER_REPEAT = 4.0  # taken off per earlier use this week: rotate
WEIGHT_SAME_AS_BEFORE = 3.0  # taken off for repeating an earlier session's pair


@dataclass(frozen=True)
class Pick:
    exercise: Exercise
    variant: str | None
    reason: str


@dataclass(frozen=True)
class SessionPicks:
    picks: tuple[Pick, ...]


@dataclass(frozen=True)
class SelectionSettings:
    per_session: int = 2
    asymmetry_pct: float | None = None  # latest left/right gap on record
    floor_variant: str | None = None  # current rung of the floor-curl ladder
    preferred: frozenset[str] = frozenset()  # slugs a coach asked for


def feasible_exercises(catalogue: Catalogue, equipment: frozenset[str]) -> tuple[Exercise, ...]:
    found = catalogue.feasible(equipment)
    if not found:
        raise InvalidInput(
            "no exercise fits this equipment; even a towel on a smooth floor is enough "
            "(equipment: towel) for the floor curl"
        )
    return found


def hip_position(ex: Exercise, equipment: frozenset[str]) -> HipPosition:
    """The hip angle the exercise will actually be done at with this equipment.

    The single-leg curl follows its machine: hips straight on a standing or lying machine,
    bent on a seated one.
    """
    if ex.slug == SINGLE_LEG and not equipment & {"standing-curl-machine", "lying-curl-machine"}:
        return HipPosition.FLEXED
    return ex.hip


def _variant_for(ex: Exercise, equipment: frozenset[str], wanted: str | None) -> str | None:
    usable = ex.variants_with(equipment)
    if not usable:
        return None
    slugs = [v.slug for v in usable]
    return wanted if wanted in slugs else slugs[0]


def select_week(
    feasible: Sequence[Exercise],
    equipment: frozenset[str],
    *,
    sessions: int,
    settings: SelectionSettings,
    nordic_allowed: Sequence[bool],
    nordic_max_sessions: int | None,
) -> tuple[tuple[SessionPicks, ...], tuple[str, ...]]:
    """Fill each session with 1-2 exercises; returns the picks and any warnings.

    Preferences, strongest first: the single-leg curl when a left/right gap >= 15 % is on record;
    a Nordic at least once a week when possible; pairing a hip-flexed curl with a hip-extended
    one; rotating so sessions differ when alternatives exist.
    """
    warnings: list[str] = []
    per = settings.per_session
    if per not in (1, 2):
        raise InvalidInput(f"exercises per session must be 1 or 2 (got {per})")
    if per == 2 and len(feasible) < 2:
        warnings.append(
            f"only one exercise ({feasible[0].slug}) fits your equipment, so each session has one"
        )
        per = 1
    asym = settings.asymmetry_pct is not None and settings.asymmetry_pct >= ASYMMETRY_FLAG_PCT
    used: Counter[str] = Counter()
    nordic_sessions = 0
    previous: list[frozenset[str]] = []
    out: list[SessionPicks] = []
    for index in range(sessions):
        allowed_here = nordic_allowed[index] and (
            nordic_max_sessions is None or nordic_sessions < nordic_max_sessions
        )
        picks: list[Pick] = []
        for _slot in range(per):
            options = [
                ex
                for ex in feasible
                if all(p.exercise.slug != ex.slug for p in picks)
                and (ex.slug != NORDIC or allowed_here)
            ]
            if not options:
                break
            chosen = max(
                options,
                key=lambda ex: (
                    _score(ex, picks, used, nordic_sessions, asym, previous, feasible, equipment)
                    if ex.slug not in settings.preferred
                    else (WEIGHT_COACH_PREFERRED - WEIGHT_PER_REPEAT * used[ex.slug], 0)
                ),
            )
            reason = (
                f"{chosen.short_name}: your coach asked for it"
                if chosen.slug in settings.preferred
                else _reason(
                    chosen, picks, nordic_sessions, asym, settings.asymmetry_pct, equipment
                )
            )
            picks.append(
                Pick(chosen, _variant_for(chosen, equipment, settings.floor_variant), reason)
            )
            used[chosen.slug] += 1
        if any(p.exercise.slug == NORDIC for p in picks):
            nordic_sessions += 1
        previous.append(frozenset(p.exercise.slug for p in picks))
        out.append(SessionPicks(tuple(picks)))
    return tuple(out), tuple(warnings)


def _score(
    ex: Exercise,
    picks: Sequence[Pick],
    used: Counter[str],
    nordic_sessions: int,
    asym: bool,
    previous: Sequence[frozenset[str]],
    feasible: Sequence[Exercise],
    equipment: frozenset[str],
) -> tuple[float, int]:
    score = 0.0
    if asym and ex.slug == SINGLE_LEG:
        # First choice once; after that below a week's first Nordic, so that with one exercise
        # per session the two alternate instead of the single-leg curl taking every session.
        score += WEIGHT_ASYMMETRY_FIRST if used[SINGLE_LEG] == 0 else WEIGHT_ASYMMETRY_AGAIN
    if ex.slug == NORDIC and nordic_sessions == 0:
        score += WEIGHT_FIRST_NORDIC
    hip = hip_position(ex, equipment)
    if picks and any(hip_position(p.exercise, equipment) is not hip for p in picks):
        score += WEIGHT_HIP_PAIRING
    score -= WEIGHT_PER_REPEAT * used[ex.slug]
    combo = frozenset([*(p.exercise.slug for p in picks), ex.slug])
    if combo in previous and len(picks) + 1 >= len(combo):
        score -= WEIGHT_SAME_AS_BEFORE
    # Catalogue order breaks ties so the same input always yields the same plan.
    return score, -list(feasible).index(ex)


def _reason(
    ex: Exercise,
    picks: Sequence[Pick],
    nordic_sessions: int,
    asym: bool,
    asymmetry_pct: float | None,
    equipment: frozenset[str],
) -> str:
    # Names, not slugs: the reasons are read by people (the week page, the calendar).
    name = ex.short_name
    if asym and ex.slug == SINGLE_LEG:
        return (
            f"{name}: your last left/right gap was {asymmetry_pct:.0f} % (>= 15 %); "
            "one leg at a time lets the weaker side catch up"
        )
    if ex.slug == NORDIC and nordic_sessions == 0:
        return f"{name}: eccentric work, the strongest evidence against hamstring strains"
    if ex.slug == NORDIC:
        nth = {1: "second", 2: "third"}.get(nordic_sessions, f"{nordic_sessions + 1}th")
        return (
            f"{name}: the week's {nth} Nordic session; the programme it comes from does the "
            "full dose up to three times a week once the ramp-in allows"
        )
    hip = hip_position(ex, equipment)
    others = [p.exercise for p in picks if hip_position(p.exercise, equipment) is not hip]
    if others:
        other = others[0].short_name.lower()
        if hip is HipPosition.FLEXED:
            return f"{name}: hips bent, hamstrings long; pairs with the {other} (hips straight)"
        return f"{name}: hips straight, hamstrings short; pairs with the {other} (hips bent)"
    return f"{name}: fits your equipment and varies the week"
