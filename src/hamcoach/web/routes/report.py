"""The progress report: GET /api/v1/report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from hamcoach.services import reports
from hamcoach.views import report as report_view
from hamcoach.web.deps import CallerDep, StoreDep

router = APIRouter(prefix="/api/v1", tags=["report"])


@router.get("/report")
def read_report(store: StoreDep, caller: CallerDep) -> dict[str, Any]:
    """Adherence, per-exercise trends, H:Q, asymmetry, break point and a summary."""
    return report_view.report(reports.report(store.uow(), caller.athlete_id, caller.today))
