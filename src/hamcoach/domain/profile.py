"""The athlete's profile as a value object, with the rules that keep it sensible."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from hamcoach.domain.errors import InvalidInput, UnknownChoice
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.progression_rules import ProgressionRules
from hamcoach.domain.race_rules import RaceRules
from hamcoach.domain.values import MAX_RACES, check_date, check_name, check_timezone


class Units(StrEnum):
    KG = "kg"
    LB = "lb"

    @classmethod
    def parse(cls, text: str) -> Units:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise UnknownChoice("unit", text, (u.value for u in cls)) from None

    @property
    def default_increment(self) -> float:
        return 2.5 if self is Units.KG else 5.0

    @property
    def finest_step(self) -> float:
        """The smallest load change plates make (micro plates): a logged load is a multiple."""
        return 0.25 if self is Units.KG else 0.5

    @property
    def max_load(self) -> float:
        """Above this a logged load is a typo, not a leg curl."""
        return 500.0 if self is Units.KG else 1100.0


LB_PER_KG = 2.20462262
MIN_INCREMENT = 0.1
MAX_INCREMENT = 25.0


def to_kg(value: float, unit: Units) -> float:
    return value if unit is Units.KG else value / LB_PER_KG


def from_kg(value: float, unit: Units) -> float:
    return value if unit is Units.KG else value * LB_PER_KG


@dataclass(frozen=True)
class Profile:
    name: str
    units: Units = Units.KG
    body_mass: float | None = None  # in `units`
    increment: float | None = None  # machine step in `units`; None = 2.5 kg / 5 lb
    increase_pct: float | None = None  # optional 2-10 % jumps instead of one increment
    equipment: frozenset[str] = frozenset()
    week: RunningWeek = field(default_factory=RunningWeek.all_rest)
    sessions: int = 2
    per_session: int = 2
    nordic_experienced: bool = False
    race_dates: tuple[dt.date, ...] = ()
    keep_rest_days: bool = False
    rest_s: int = 90
    timezone: str = "UTC"
    race_rules: RaceRules = field(default_factory=RaceRules)
    progression_rules: ProgressionRules = field(default_factory=ProgressionRules)
    # Machines differ: (exercise slug, step in `units`) where one steps otherwise than
    # `increment`, sorted by slug.
    exercise_increments: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        # Race dates are a set: the same race entered twice is one race, in date order.
        object.__setattr__(self, "race_dates", tuple(sorted(set(self.race_dates))))
        object.__setattr__(
            self, "exercise_increments", tuple(sorted(dict(self.exercise_increments).items()))
        )

    def increment_for(self, slug: str) -> float:
        """The load step of this exercise's machine: its own step, else the profile's."""
        return dict(self.exercise_increments).get(slug, self.machine_increment)

    def in_units(self, units: Units) -> Profile:
        """The same athlete measured in other units: body mass and a set machine step convert
        (an unset step stays unset, so it becomes the new unit's default)."""
        if units is self.units:
            return self
        from dataclasses import replace

        def convert(value: float | None, digits: int) -> float | None:
            return (
                None if value is None else round(from_kg(to_kg(value, self.units), units), digits)
            )

        return replace(
            self,
            units=units,
            body_mass=convert(self.body_mass, 1),
            increment=convert(self.increment, 2),
            exercise_increments=tuple(
                (slug, convert(step, 2) or step) for slug, step in self.exercise_increments
            ),
        )

    @property
    def machine_increment(self) -> float:
        return self.increment or self.units.default_increment

    def validate(self) -> None:
        check_name(self.name)
        check_timezone(self.timezone)
        if len(self.race_dates) > MAX_RACES:
            raise InvalidInput(f"at most {MAX_RACES} race dates (got {len(self.race_dates)})")
        for race in self.race_dates:
            check_date(race, "race date")
        if self.body_mass is not None:
            low, high = (25, 250) if self.units is Units.KG else (55, 550)
            if not low <= self.body_mass <= high:
                raise InvalidInput(
                    f"body mass must be {low}-{high} {self.units.value} (got {self.body_mass:g})"
                )
        # A machine's plates step by a quarter kilo at the finest; 5e-324 once passed "above 0"
        # and made every plan divide by it.
        if self.increment is not None and not MIN_INCREMENT <= self.increment <= MAX_INCREMENT:
            raise InvalidInput(
                f"machine increment must be {MIN_INCREMENT:g}-{MAX_INCREMENT:g} "
                f"(got {self.increment:g})"
            )
        check_exercise_increments(self.exercise_increments)
        if self.increase_pct is not None and not 2 <= self.increase_pct <= 10:
            raise InvalidInput(f"increase percentage must be 2-10 (got {self.increase_pct:g})")
        if self.sessions not in (1, 2, 3):
            raise InvalidInput(f"sessions per week must be 2 or 3 (got {self.sessions})")
        if self.per_session not in (1, 2):
            raise InvalidInput(f"exercises per session must be 1 or 2 (got {self.per_session})")
        if not 30 <= self.rest_s <= 600:
            raise InvalidInput(f"rest must be 30-600 s (got {self.rest_s})")
        self.race_rules.validate()
        self.progression_rules.validate()


def check_exercise_increments(steps: tuple[tuple[str, float], ...]) -> None:
    from hamcoach.domain.exercises import CATALOGUE

    for slug, step in steps:
        ex = CATALOGUE.get(slug)
        if ex.bodyweight:
            raise InvalidInput(f"{ex.short_name} is done with body weight: it has no load step")
        if not MIN_INCREMENT <= step <= MAX_INCREMENT:
            raise InvalidInput(
                f"the {ex.short_name.lower()} step must be {MIN_INCREMENT:g}-{MAX_INCREMENT:g} "
                f"(got {step:g})"
            )


def parse_exercise_increments(text: str) -> tuple[tuple[str, float], ...]:
    """`seated-leg-curl=5,lying-leg-curl=1.25` (the CLI's and the database's spelling)."""
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        slug, sep, value = part.partition("=")
        try:
            step = float(value)
        except ValueError:
            step = float("nan")
        if not sep or step != step:
            raise InvalidInput(
                f"exercise step {part!r} should be EXERCISE=STEP, e.g. seated-leg-curl=5"
            )
        out.append((slug.strip(), step))
    if len({slug for slug, _ in out}) != len(out):
        raise InvalidInput("each exercise takes one step")
    check_exercise_increments(tuple(out))
    return tuple(sorted(out))


def exercise_increments_text(steps: tuple[tuple[str, float], ...]) -> str:
    return ",".join(f"{slug}={step:g}" for slug, step in steps)
