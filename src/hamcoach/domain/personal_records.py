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


@dataclass(frozen=True, order=True)
class RecordKey:
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


def _keys_and_values(s: LoggedSet) -> list[tuple[RecordKey, float]]:
    base = (s.exercise, s.variant or "", s.stance or "", s.side.value if s.side else "")
    if s.load is None or s.load <= 0:
        return [(RecordKey(RecordKind.REPS, *base, 0.0), float(s.reps))]
    exact = to_kg(s.load, Units(s.unit))
    kg = round(exact, 2)  # a tiny load may round to 0: the e1RM takes the exact one
    out = [(RecordKey(RecordKind.REPS_AT_LOAD, *base, kg), float(s.reps))]
    if s.reps >= HEAVY_REPS:
        out.append((RecordKey(RecordKind.HEAVIEST, *base, 0.0), kg))
    if s.reps <= MAX_E1RM_REPS and exact > 0:  # 5e-324 lb is a stored load and 0.0 kg
        out.append((RecordKey(RecordKind.E1RM, *base, 0.0), round(e1rm_epley(exact, s.reps), 2)))
    return out


def _in_order(sets: Iterable[LoggedSet]) -> list[LoggedSet]:
    return sorted((s for s in sets if s.kind.counts_as_work), key=lambda s: (s.performed_at, s.id))


def events(sets: Iterable[LoggedSet]) -> dict[str, tuple[Record, ...]]:
    """The records each set set, by set id (sets that set none are left out)."""
    best: dict[RecordKey, float] = {}
    found: dict[str, list[Record]] = {}
    for s in _in_order(sets):
        for key, value in _keys_and_values(s):
            before = best.get(key)
            if before is None or value > before:
                best[key] = value
                if before is not None:
                    record = Record(key, value, s.reps, _load_kg(s), s.id, s.session_date)
                    found.setdefault(s.id, []).append(record)
    return {set_id: tuple(records) for set_id, records in found.items()}


def _load_kg(s: LoggedSet) -> float | None:
    return None if s.load is None else round(to_kg(s.load, Units(s.unit)), 2)


def bests(sets: Iterable[LoggedSet], tests: Sequence[Measurement] = ()) -> list[Record]:
    """Every current record, the first time each best was reached (a later tie does not take
    it), by exercise, then kind (in RecordKind's order), leg and load."""
    best: dict[RecordKey, Record] = {}
    for s in _in_order(sets):
        for key, value in _keys_and_values(s):
            held = best.get(key)
            if held is None or value > held.value:
                best[key] = Record(key, value, s.reps, _load_kg(s), s.id, s.session_date)
    for t in sorted(tests, key=lambda t: (t.tested_on, t.group_id)):
        if t.kind is not Measure.BREAK_ANGLE:
            continue
        side = t.side.value if t.side else ""
        key = RecordKey(RecordKind.BREAK_ANGLE, t.exercise or "nordic-curl", "", "", side, 0.0)
        held = best.get(key)
        if held is None or t.value > held.value:
            best[key] = Record(key, t.value, None, None, None, t.tested_on)
    order = list(RecordKind)
    return [
        best[k]
        for k in sorted(
            best,
            key=lambda k: (k.exercise, order.index(k.kind), k.variant, k.stance, k.side, k.load_kg),
        )
    ]


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
