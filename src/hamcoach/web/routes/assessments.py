"""Strength tests (H:Q, Nordic force, break angle, 10RM): /api/v1/tests.

Named `assessments` so that pytest never takes the module for a test file.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from hamcoach.domain.assessment import (
    BreakAngleEntry,
    Entry,
    HqEntry,
    NordicForceEntry,
    TenRmEntry,
)
from hamcoach.services import assessments
from hamcoach.views import log as log_view
from hamcoach.web.assessment_schemas import (
    AssessmentIn,
    BreakAngleAssessmentIn,
    HqAssessmentIn,
    NordicForceAssessmentIn,
)
from hamcoach.web.deps import AthleteDep, CallerDep, StoreDep

router = APIRouter(prefix="/api/v1", tags=["tests"])


def _entry(body: AssessmentIn) -> Entry:
    if isinstance(body, HqAssessmentIn):
        return HqEntry(
            body.hamstring_con,
            body.quad_con,
            body.hamstring_ecc,
            body.unit,
            body.side,
            body.velocity_deg_s,
        )
    if isinstance(body, NordicForceAssessmentIn):
        return NordicForceEntry(body.left, body.right, body.unit)
    if isinstance(body, BreakAngleAssessmentIn):
        return BreakAngleEntry(body.degrees)
    return TenRmEntry(body.exercise, body.load)


@router.post("/tests", status_code=201)
def create_test(body: AssessmentIn, store: StoreDep, caller: CallerDep) -> list[dict[str, Any]]:
    """Record a strength test (hq, nordic-force, break-angle, 10rm)."""
    stored = assessments.record(
        store.uow(), caller.athlete_id, _entry(body), body.tested_on or caller.today, caller.today
    )
    return [log_view.measurement(v) for v in stored]


@router.get("/tests")
def list_tests(store: StoreDep, athlete: AthleteDep) -> list[dict[str, Any]]:
    return [log_view.measurement(v) for v in assessments.history(store.uow(), athlete)]
