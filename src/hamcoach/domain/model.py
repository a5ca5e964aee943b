"""Value objects shared by the domain rules: days, running weeks, plans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum, StrEnum

from hamcoach.domain.errors import InvalidInput, UnknownChoice, excerpt

MAX_WEEK_TEXT = 200
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Day(Enum):
    """Days of the week, Monday first (ISO order), usable as cyclic indices."""

    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6

    @property
    def slug(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Day:
        key = text.strip().lower()
        for day in cls:
            if key in (day.slug, _DAY_NAMES[day.value]):
                return day
        raise UnknownChoice("day", text, (d.slug for d in cls))

    @classmethod
    def of(cls, date: dt.date) -> Day:
        return cls(date.weekday())

    def shift(self, days: int) -> Day:
        return Day((self.value + days) % 7)


class RunType(StrEnum):
    """What a day of running asks of the legs; `key` means intervals, tempo, threshold, races."""

    REST = "rest"
    EASY = "easy"
    LONG = "long"
    KEY = "key"

    @classmethod
    def parse(cls, text: str) -> RunType:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise UnknownChoice("run type", text, (r.value for r in cls)) from None


@dataclass(frozen=True)
class RunningWeek:
    """The runs of a typical week: each day (Monday first) holds zero or more runs; none = rest.

    Stored as a 7-tuple so a week is hashable and schedules can be cached per distinct week.
    """

    pattern: tuple[tuple[RunType, ...], ...]
    _hash: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.pattern) != 7:
            raise InvalidInput("a running week has 7 days")
        # Weeks are cache keys of every plan: hashing 7 tuples of enums each time costs more
        # than the planning they save (measured in bench/plans.py).
        object.__setattr__(self, "_hash", hash(self.pattern))

    def __hash__(self) -> int:
        return self._hash

    @classmethod
    def of(cls, days: Mapping[Day, Iterable[RunType]]) -> RunningWeek:
        return cls(tuple(tuple(r for r in days.get(d, ()) if r is not RunType.REST) for d in Day))

    def with_run(self, day: Day, run: RunType) -> RunningWeek:
        pattern = list(self.pattern)
        if run not in pattern[day.value]:
            pattern[day.value] = (*pattern[day.value], run)
        return RunningWeek(tuple(pattern))

    def runs(self, day: Day) -> tuple[RunType, ...]:
        return self.pattern[day.value]

    def is_demanding(self, day: Day) -> bool:
        """A day whose run must not be blunted by sore hamstrings (long or key)."""
        return any(r in (RunType.LONG, RunType.KEY) for r in self.runs(day))

    def label(self, day: Day) -> str:
        runs = self.runs(day)
        return "+".join(r.value for r in runs) if runs else RunType.REST.value

    def __iter__(self) -> Iterator[tuple[Day, tuple[RunType, ...]]]:
        return ((d, self.runs(d)) for d in Day)

    def to_text(self) -> str:
        return ",".join(f"{d.slug}={self.label(d)}" for d in Day)

    @classmethod
    def parse(cls, text: str) -> RunningWeek:
        """Read `mon=rest,tue=key,...`; two runs on a day are joined with `+` (`wed=easy+key`).

        Days left out are rest days.
        """
        if len(text) > MAX_WEEK_TEXT:
            raise InvalidInput(
                f"running week can be at most {MAX_WEEK_TEXT} characters (got {len(text)})"
            )
        days: dict[Day, tuple[RunType, ...]] = {}
        for part in (p for p in text.split(",") if p.strip()):
            if "=" not in part:
                raise InvalidInput(
                    f"week entry {excerpt(part.strip())} needs the form day=type, e.g. tue=key "
                    f"(types: {', '.join(r.value for r in RunType)})"
                )
            day_text, types_text = part.split("=", 1)
            day = Day.parse(day_text)
            if day in days:
                raise InvalidInput(f"day {day.slug!r} appears twice in the week")
            days[day] = tuple(RunType.parse(t) for t in types_text.split("+"))
        return cls.of(days)

    @classmethod
    def all_rest(cls) -> RunningWeek:
        return cls.of({})


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"

    @classmethod
    def parse(cls, raw: str | None) -> Side | None:
        if raw is None:
            return None
        try:
            return cls(raw)
        except ValueError:
            raise UnknownChoice("side", raw, [s.value for s in cls]) from None


@dataclass(frozen=True)
class PlannedExercise:
    slug: str
    variant: str | None
    sets: int
    reps_min: int
    reps_max: int
    per_side: bool
    rest_s: int
    load: float | None = None
    stance: str | None = None  # floor-curl ladder: "both", "two-up-one-down", "single"
    note: str | None = None
    # A load per leg (single-leg curl): the legs progress apart, so the strong one is not held
    # to the weak one's load. Empty when one load serves both; `load` is then that load.
    side_loads: tuple[tuple[Side, float], ...] = ()

    def load_on(self, side: Side | None) -> float | None:
        """The target load for this leg (or for both legs when side is None)."""
        return dict(self.side_loads).get(side, self.load) if side else self.load


@dataclass(frozen=True)
class PlannedSession:
    date: dt.date
    exercises: tuple[PlannedExercise, ...]
    reasons: tuple[str, ...]
    # Set when the athlete moved the session here from the day the plan chose (issue 12);
    # `warnings` then names the rules the new day breaks (also listed in `reasons`).
    moved_from: dt.date | None = None
    warnings: tuple[str, ...] = ()

    @property
    def day(self) -> Day:
        return Day.of(self.date)


@dataclass(frozen=True)
class PlanWeek:
    number: int
    start: dt.date
    sessions: tuple[PlannedSession, ...]


@dataclass(frozen=True)
class Plan:
    weeks: tuple[PlanWeek, ...]
    warnings: tuple[str, ...] = field(default=())

    def sessions(self) -> Iterator[PlannedSession]:
        for week in self.weeks:
            yield from week.sessions
