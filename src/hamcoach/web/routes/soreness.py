"""Soreness check-ins: /api/v1/soreness."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from hamcoach.services.soreness import history
from hamcoach.web.deps import AthleteDep, CallerDep, StoreDep
from hamcoach.web.schemas import SorenessIn

router = APIRouter(prefix="/api/v1", tags=["soreness"])


@router.post("/soreness", status_code=201)
def record_soreness(body: SorenessIn, store: StoreDep, caller: CallerDep) -> dict[str, Any]:
    """Check in how sore the hamstrings are (one per day; sending again corrects it)."""
    from hamcoach.services.soreness import advice, check_in

    day = body.date or caller.today
    check_in(store.uow(), caller.athlete_id, day, body.score, body.note, caller.today)
    return {"date": day.isoformat(), "score": body.score, "advice": advice(body.score)}


@router.get("/soreness")
def list_soreness(store: StoreDep, athlete: AthleteDep) -> list[dict[str, Any]]:
    rows = history(store.uow(), athlete)
    return [{"date": d.isoformat(), "score": score, "note": note} for d, score, note in rows]
