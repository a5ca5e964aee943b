"""JSON views of the training log: logged sets and strength-test values."""

from __future__ import annotations

from typing import Any

from hamcoach.domain.records import LoggedSet, Measurement


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
        "kind": s.kind.value,
        "hips_up": s.hips_up,
    }


def measurement(t: Measurement) -> dict[str, Any]:
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
