"""Strength tests (H:Q, Nordic force, break angle, 10RM): /api/v1/tests.

Named `assessments` so that pytest never takes the module for a test file.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from hamcoach import serialize_log
from hamcoach.services import strength_tests
from hamcoach.web.deps import AthleteDep, CallerDep, StoreDep
from hamcoach.web.schemas import (
    BreakAngleTestIn,
    HqTestIn,
    NordicForceTestIn,
    TenRmTestIn,
    TestIn,
)

router = APIRouter(prefix="/api/v1", tags=["tests"])


def _measured(body: TestIn, units: str) -> list[strength_tests.Measured]:
    if isinstance(body, HqTestIn):
        return strength_tests.hq_values(
            body.hamstring_con,
            body.quad_con,
            body.hamstring_ecc,
            body.unit,
            body.side,
            body.velocity_deg_s,
        )
    if isinstance(body, NordicForceTestIn):
        return strength_tests.nordic_force_values(body.left, body.right, body.unit)
    if isinstance(body, BreakAngleTestIn):
        return strength_tests.break_angle_values(body.degrees)
    assert isinstance(body, TenRmTestIn)
    return strength_tests.tenrm_values(body.exercise, body.load, units)


@router.post("/tests", status_code=201)
def create_test(body: TestIn, store: StoreDep, caller: CallerDep) -> list[dict[str, Any]]:
    """Record a strength test (hq, nordic-force, break-angle, 10rm)."""
    values = _measured(body, caller.unit)
    stored = strength_tests.record_test(
        store.uow(), caller.athlete_id, values, body.tested_on or caller.today, caller.today
    )
    return [serialize_log.strength_value(v) for v in stored]


@router.get("/tests")
def list_tests(store: StoreDep, athlete: AthleteDep) -> list[dict[str, Any]]:
    with store.uow() as uow:
        values = uow.athlete(athlete).test_values()
    return [serialize_log.strength_value(v) for v in values]
