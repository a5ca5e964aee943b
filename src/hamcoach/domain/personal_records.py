"""Personal records, found in the log as sets are logged (pure).

Per exercise, variant, stance and leg: the heaviest load lifted for 10 or more reps, the best
estimated one-rep max (Epley), the most reps at each load, the most reps of a body-weight
exercise (the Nordic among them), and the best Nordic break-point angle from the strength tests.
Only working and failure sets count: a warm-up or a drop set is not a best effort.

A set *sets* a record when it beats every earlier set of its kind (strictly; a tie is not a
record) and there was an earlier one: the first set of an exercise is where it starts, not a
record to announce.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from hamcoach.domain.metrics import MAX_E1RM_REPS, e1rm_epley
from hamcoach.domain.model import Side
from hamcoach.domain.profile import Units, from_kg, to_kg
from hamcoach.domain.records import LoggedSet, Measure, Measurement

HEAVY_REPS = 10  # "heaviest load for 10+ reps": the programme's working range starts there


class RecordKind(StrEnum):
    HEAVIEST = "heaviest-10-plus"
    E1RM = "best-e1rm"
    REPS_AT_LOAD = "most-reps-at-load"
    REPS = "most-reps"
    BREAK_ANGLE = "best-break-angle"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    RecordKind.HEAVIEST: f"heaviest for {HEAVY_REPS}+ reps",
    RecordKind.E1RM: "best estimated 1RM",
    RecordKind.REPS_AT_LOAD: "most reps at",
    RecordKind.REPS: "most reps",
    RecordKind.BREAK_ANGLE: "best break-point angle",
}


class RecordKey(NamedTuple):
    """What a record is of (a tuple: records are looked up once per set and kind)."""

    kind: RecordKind
    exercise: str
    variant: str
    stance: str
    side: str  # "" for both legs
    load_kg: float  # the load of a most-reps-at-load record; 0 otherwise

    @property
    def leg(self) -> Side | None:
        return Side(self.side) if self.side else None


@dataclass(frozen=True)
class Record:
    key: RecordKey
    value: float  # kg for loads and e1RM, reps, degrees
    reps: int | None  # of the set that holds it
    load_kg: float | None
    set_id: str | None  # None for a break-angle test
    on: dt.date

    def value_in(self, unit: Units) -> float:
        """The value in the athlete's unit (loads and e1RM; reps and degrees as they are)."""
        if self.key.kind in (RecordKind.HEAVIEST, RecordKind.E1RM):
            return round(from_kg(self.value, unit), 2)
        return self.value


_UNITS = {u.value: u for u in Units}
_Key = tuple[RecordKind, str, str, str, str, float]  # RecordKey's fields, as a plain tuple


def _keys_and_values(s: LoggedSet) -> list[tuple[_Key, float]]:
    # Plain tuples: this runs for every set of the athlete on every records lookup, and a
    # NamedTuple is built only for the (few) sets that take a record.
    exercise, variant, stance = s.exercise, s.variant or "", s.stance or ""
    side = s.side.value if s.side else ""
    if s.load is None or s.load <= 0:
        return [((RecordKind.REPS, exercise, variant, stance, side, 0.0), float(s.reps))]
    exact = to_kg(s.load, _UNITS[s.unit])
    kg = round(exact, 2)  # a tiny load may round to 0: the e1RM takes the exact one
    out: list[tuple[_Key, float]] = [
        ((RecordKind.REPS_AT_LOAD, exercise, variant, stance, side, kg), float(s.reps))
    ]
    if s.reps >= HEAVY_REPS:
        out.append(((RecordKind.HEAVIEST, exercise, variant, stance, side, 0.0), kg))
    if s.reps <= MAX_E1RM_REPS and exact > 0:  # 5e-324 lb is a stored load and 0.0 kg
        e1rm = round(e1rm_epley(exact, s.reps), 2)
        out.append(((RecordKind.E1RM, exercise, variant, stance, side, 0.0), e1rm))
    return out


def _in_order(sets: Iterable[LoggedSet]) -> list[LoggedSet]:
    # Times are kept to the second: two sets logged within one second are told apart by their
    # number in the session (the order they were stored), never by their random ids.
    return sorted(
        (s for s in sets if s.kind.counts_as_work),
        key=lambda s: (s.performed_at, s.set_number, s.id),
    )


def found(
    sets: Iterable[LoggedSet], tests: Sequence[Measurement] = ()
) -> tuple[list[Record], dict[str, tuple[Record, ...]]]:
    """The current records (`bests`) and the records each set set (`events`), in one pass."""
    best: dict[tuple[object, ...], Record] = {}
    value_of: dict[_Key, float] = {}
    by_set: dict[str, list[Record]] = {}
    for s in _in_order(sets):
        for key, value in _keys_and_values(s):
            before = value_of.get(key)
            if before is None or value > before:
                value_of[key] = value
                record = Record(
                    RecordKey._make(key), value, s.reps, _load_kg(s), s.id, s.session_date
                )
                best[key] = record
                if before is not None:  # the first set of a kind is where it starts
                    by_set.setdefault(s.id, []).append(record)
    for t in sorted(tests, key=lambda t: (t.tested_on, t.group_id)):
        if t.kind is not Measure.BREAK_ANGLE:
            continue
        side = t.side.value if t.side else ""
        key = RecordKey(RecordKind.BREAK_ANGLE, t.exercise or "nordic-curl", "", "", side, 0.0)
        held = best.get(key)
        if held is None or t.value > held.value:
            best[key] = Record(key, t.value, None, None, None, t.tested_on)
    order = list(RecordKind)
    ranked = sorted(
        best.values(),
        key=lambda r: (
            r.key.exercise,
            order.index(r.key.kind),
            r.key.variant,
            r.key.stance,
            r.key.side,
            r.key.load_kg,
        ),
    )
    return ranked, {i: tuple(rs) for i, rs in by_set.items()}


def events(sets: Iterable[LoggedSet]) -> dict[str, tuple[Record, ...]]:
    """The records each set set, by set id (sets that set none are left out)."""
    return found(sets)[1]


def _load_kg(s: LoggedSet) -> float | None:
    return None if s.load is None else round(to_kg(s.load, Units(s.unit)), 2)


def bests(sets: Iterable[LoggedSet], tests: Sequence[Measurement] = ()) -> list[Record]:
    """Every current record, the first time each best was reached (a later tie does not take
    it), by exercise, then kind (in RecordKind's order), leg and load."""
    return found(sets, tests)[0]


def describe(record: Record, unit: Units, name: str) -> str:
    """ "Seated leg curl: heaviest for 10+ reps, 42.5 kg (left leg)" in the athlete's unit."""
    k = record.key
    leg = f" ({k.side} leg)" if k.side else ""
    rung = f" ({k.variant}{', ' + k.stance if k.stance and k.stance != 'both' else ''})"
    what = rung if k.variant else ""
    if k.kind is RecordKind.REPS_AT_LOAD:
        at = f"{from_kg(k.load_kg, unit):.2f}".rstrip("0").rstrip(".")
        return f"{name}{what}: most reps at {at} {unit.value}, {record.value:g}{leg}"
    if k.kind is RecordKind.REPS:
        return f"{name}{what}: most reps, {record.value:g}{leg}"
    if k.kind is RecordKind.BREAK_ANGLE:
        return f"{name}: best break-point angle, {record.value:g}°{leg}"
    value = f"{record.value_in(unit):.2f}".rstrip("0").rstrip(".")
    return f"{name}{what}: {k.kind.label}, {value} {unit.value}{leg}"
