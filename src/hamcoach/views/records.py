"""JSON views of personal records (explicit keys: GET /api/v1/records promises them)."""

from __future__ import annotations

from typing import Any

from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.personal_records import Record, RecordKind, describe
from hamcoach.domain.profile import Units, from_kg


def record(r: Record, unit: Units) -> dict[str, Any]:
    k = r.key
    name = CATALOGUE.get(k.exercise).short_name
    loads = k.kind in (RecordKind.HEAVIEST, RecordKind.E1RM)
    return {
        "kind": k.kind.value,
        "exercise": k.exercise,
        "name": name,
        "variant": k.variant or None,
        "stance": k.stance or None,
        "side": k.side or None,
        "value": r.value_in(unit),
        "unit": unit.value if loads else ("deg" if k.kind is RecordKind.BREAK_ANGLE else "reps"),
        "at_load": round(from_kg(k.load_kg, unit), 2)
        if k.kind is RecordKind.REPS_AT_LOAD
        else None,
        "reps": r.reps,
        "set_id": r.set_id,
        "date": r.on.isoformat(),
        "text": describe(r, unit, name),
    }
