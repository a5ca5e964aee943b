"""Personal records: GET /api/v1/records."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query

from hamcoach.services import records as records_service
from hamcoach.views import records as records_view
from hamcoach.web.deps import AthleteDep, StoreDep
from hamcoach.web.schemas import IsoDate

router = APIRouter(prefix="/api/v1", tags=["report"])


@router.get("/records")
def read_records(
    store: StoreDep,
    athlete: AthleteDep,
    date: IsoDate | None = Query(
        None, description="Also list the records that this day's sets set (`set_on`)."
    ),
) -> dict[str, Any]:
    """The personal records per exercise (and leg): heaviest load for 10+ reps, best e1RM
    (Epley), most reps at each load, most reps (body weight) and the best Nordic break-point
    angle; each with the set (or test) and the day that set it. Loads in the athlete's unit."""
    found = records_service.records(store.uow(), athlete, date)
    return {
        "unit": found.unit.value,
        "records": [records_view.record(r, found.unit) for r in found.bests],
        "set_on": [records_view.record(r, found.unit) for r in found.set_on],
    }
