"""Types of the exercise catalogue and lookups over it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hamcoach.domain.errors import UnknownChoice


class Laterality(StrEnum):
    BILATERAL = "bilateral"
    UNILATERAL = "unilateral"  # done one leg at a time, each side


class LoadType(StrEnum):
    MACHINE = "machine"
    BODYWEIGHT = "bodyweight"


class HipPosition(StrEnum):
    """Hip angle during the curl: it sets the hamstring length the knee flexes at."""

    FLEXED = "flexed"
    EXTENDED = "extended"


@dataclass(frozen=True)
class Equipment:
    slug: str
    name: str
    note: str


@dataclass(frozen=True)
class FitCode:
    """Garmin FIT profile codes of a strength step; `step_name` fills in what the profile lacks."""

    category: int
    name: int
    category_name: str
    exercise_name: str
    step_name: str


@dataclass(frozen=True)
class Cues:
    setup: tuple[str, ...]
    movement: tuple[str, ...]
    lowering: tuple[str, ...]
    faults: tuple[str, ...]

    def all(self) -> tuple[str, ...]:
        return self.setup + self.movement + self.lowering


@dataclass(frozen=True)
class Prescription:
    sets: int = 3
    reps_min: int = 10
    reps_max: int = 12
    per_side: bool = False
    rest_s: int = 90


@dataclass(frozen=True)
class Variant:
    slug: str
    name: str
    equipment: frozenset[str]
    fit: FitCode
    fit_single_leg: FitCode
    note: str


@dataclass(frozen=True)
class Exercise:
    slug: str
    name: str
    equipment: tuple[frozenset[str], ...]  # any one of these sets is enough
    recommended: frozenset[str]
    laterality: Laterality
    load_type: LoadType
    hip: HipPosition
    prescription: Prescription
    cues: Cues
    muscles: tuple[str, ...]
    why: str
    fit: FitCode
    variants: tuple[Variant, ...] = ()

    def __hash__(self) -> int:
        # Equal exercises have equal slugs, so this agrees with ==; hashing every cue and
        # variant made each cached plan lookup cost more than the planning (bench/plans.py).
        return hash(self.slug)

    @property
    def short_name(self) -> str:
        """The name without its parenthesised aside, for headings and lists: "Floor hamstring
        curl (towel, sliders or stability ball)" -> "Floor hamstring curl"."""
        return self.name.split(" (")[0]

    @property
    def per_side(self) -> bool:
        return self.laterality is Laterality.UNILATERAL

    @property
    def bodyweight(self) -> bool:
        return self.load_type is LoadType.BODYWEIGHT

    @property
    def ladder(self) -> bool:
        """An exercise that progresses by rungs (implements, then stances) rather than load:
        the floor curl. Its last rung is done one leg at a time, and a rung is earned only with
        the hips held up in a bridge, which the athlete is asked about."""
        return bool(self.variants)

    def feasible_with(self, equipment: frozenset[str]) -> bool:
        return any(need <= equipment for need in self.equipment)

    def variants_with(self, equipment: frozenset[str]) -> tuple[Variant, ...]:
        return tuple(v for v in self.variants if v.equipment <= equipment)

    def variant(self, slug: str) -> Variant:
        for v in self.variants:
            if v.slug == slug:
                return v
        raise UnknownChoice(f"variant of {self.slug}", slug, (v.slug for v in self.variants))


@dataclass(frozen=True)
class Catalogue:
    exercises: tuple[Exercise, ...]
    equipment: tuple[Equipment, ...]

    def get(self, slug: str) -> Exercise:
        for ex in self.exercises:
            if ex.slug == slug:
                return ex
        raise UnknownChoice("exercise", slug, self.slugs())

    def slugs(self) -> tuple[str, ...]:
        return tuple(ex.slug for ex in self.exercises)

    def equipment_slugs(self) -> tuple[str, ...]:
        return tuple(e.slug for e in self.equipment)

    def parse_equipment(self, slugs: Iterable[str]) -> frozenset[str]:
        """Validate equipment slugs; an unknown one names itself and the allowed ones."""
        known = set(self.equipment_slugs())
        chosen: set[str] = set()
        for raw in slugs:
            slug = raw.strip().lower()
            if not slug:
                continue
            if slug not in known:
                raise UnknownChoice("equipment", raw.strip(), self.equipment_slugs())
            chosen.add(slug)
        return frozenset(chosen)

    def feasible(self, equipment: frozenset[str]) -> tuple[Exercise, ...]:
        return tuple(ex for ex in self.exercises if ex.feasible_with(equipment))

    def missing_for(self, exercise: Exercise) -> Sequence[frozenset[str]]:
        return exercise.equipment


def explain_feasibility(catalogue: Catalogue, equipment: frozenset[str]) -> dict[str, str]:
    """Per exercise: why it is or is not possible with this equipment."""
    out: dict[str, str] = {}
    for ex in catalogue.exercises:
        options = [" + ".join(sorted(need)) for need in ex.equipment]
        if ex.feasible_with(equipment):
            usable = [o for o, need in zip(options, ex.equipment, strict=True) if need <= equipment]
            out[ex.slug] = f"possible with {' or '.join(usable)}"
        else:
            out[ex.slug] = f"needs {' or '.join(options)}"
    return out
