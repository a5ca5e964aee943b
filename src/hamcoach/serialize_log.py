"""JSON views of logged sets, tests and reports (stable keys, shared by CLI and API)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hamcoach.domain.records import LoggedSet, StrengthValue


def logged_set(s: LoggedSet) -> dict[str, Any]:
    return {
        "id": s.id,
        "exercise": s.exercise,
        "variant": s.variant,
        "stance": s.stance,
        "side": s.side,
        "set_number": s.set_number,
        "target_reps_min": s.target_reps_min,
        "target_reps_max": s.target_reps_max,
        "target_load": s.target_load,
        "reps": s.reps,
        "load": s.load,
        "unit": s.unit,
        "rir": s.rir,
        "performed_at": s.performed_at.isoformat(),
        "session_date": s.session_date.isoformat(),
        "note": s.note,
    }


def strength_value(t: StrengthValue) -> dict[str, Any]:
    return {
        "group_id": t.group_id,
        "kind": t.kind,
        "side": t.side,
        "exercise": t.exercise,
        "value": t.value,
        "unit": t.unit,
        "velocity_deg_s": t.velocity_deg_s,
        "tested_on": t.tested_on.isoformat(),
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def report(r: Any) -> dict[str, Any]:
    """A report dataclass as JSON-ready data (dates as ISO strings)."""
    data: dict[str, Any] = _plain(dataclasses.asdict(r))
    return data
