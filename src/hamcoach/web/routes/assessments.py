"""Strength tests (H:Q, Nordic force, break angle, 10RM): /api/v1/tests.

Named `assessments` so that pytest never takes the module for a test file.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import Response

from hamcoach.domain.assessment import (
    BreakAngleEntry,
    Entry,
    HqEntry,
    NordicForceEntry,
    TenRmEntry,
)
from hamcoach.domain.errors import InvalidInput
from hamcoach.services import assessments
from hamcoach.views import log as log_view
from hamcoach.web.assessment_schemas import (
    AssessmentIn,
    BreakAngleAssessmentIn,
    HqAssessmentIn,
    MarkedBreakAngleIn,
    NordicForceAssessmentIn,
)
from hamcoach.web.deps import AthleteDep, CallerDep, StoreDep
from hamcoach.web.openapi import errors

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
    """Every test, oldest first; a test marked on a video frame names the frame's URL."""
    framed = assessments.framed(store.uow(), athlete)
    return [
        {
            **log_view.measurement(v),
            "frame": f"/api/v1/tests/{v.group_id}/frame" if v.group_id in framed else None,
        }
        for v in assessments.history(store.uow(), athlete)
    ]


@router.post("/tests/marked", status_code=201, responses=errors(422))
def create_marked_test(
    body: MarkedBreakAngleIn, store: StoreDep, caller: CallerDep
) -> dict[str, Any]:
    """A Nordic break-point angle marked by hand on a frame of a side-on video (the Tests
    page's video tool): the hip, the knee and the ankle where the lowering broke. The angle is
    computed here (0 deg upright, 90 flat, from the shin's floor) and stored as a break-angle
    test with the frame, a JPEG of at most 300 KB."""
    try:
        frame = base64.b64decode(body.frame_jpeg, validate=True)
    except binascii.Error:
        raise InvalidInput("frame_jpeg is not base64") from None
    ankle = None if body.ankle is None else (body.ankle[0], body.ankle[1])
    stored = assessments.record_marked(
        store.uow(),
        caller.athlete_id,
        ((body.hip[0], body.hip[1]), (body.knee[0], body.knee[1]), ankle),
        frame,
        body.video_time_s,
        body.tested_on or caller.today,
        caller.today,
    )
    return {**log_view.measurement(stored), "frame": f"/api/v1/tests/{stored.group_id}/frame"}


@router.get(
    "/tests/{group_id}/frame",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}}}, **errors(404)},
)
def read_frame(
    group_id: Annotated[str, Path(max_length=36, pattern=r"^[0-9a-f-]{1,36}$")],
    store: StoreDep,
    athlete: AthleteDep,
) -> Response:
    """The video frame a break-angle test was marked on (JPEG); 404 for a test without one."""
    jpeg = assessments.frame_of(store.uow(), athlete, group_id)
    return Response(
        jpeg, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"}
    )
