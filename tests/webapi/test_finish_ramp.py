"""Finishing a session answers where the Nordic ramp-in stands, in the domain's numbers: the page
shows "week N of M (full dose)" from them and hard-codes neither."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from fastapi.testclient import TestClient

from hamcoach.domain.prescription import FULL_RAMP_WEEK
from tests.webapi.conftest import PROFILE


@pytest.mark.parametrize(("experienced", "week"), [(False, 1), (True, FULL_RAMP_WEEK)])
def test_finish_answers_the_ramp_length_and_whether_it_is_the_full_dose(
    client: TestClient, experienced: bool, week: int
) -> None:
    profile = client.put("/api/v1/profile", json={**PROFILE, "nordic_experienced": experienced})
    assert profile.status_code == 200, profile.text
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    logged = client.post(
        "/api/v1/sets",
        json={
            "id": str(uuid.uuid4()),
            "exercise": "lying-leg-curl",
            "reps": 12,
            "load": 40.0,
            "performed_at": day.isoformat(),
        },
    )
    assert logged.status_code == 201, logged.text
    answer = client.post(f"/api/v1/sessions/{day.date().isoformat()}/finish", json={})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["nordic_ramp_week"] == week
    assert body["nordic_ramp_weeks"] == FULL_RAMP_WEEK
    assert body["nordic_full_dose"] is (week >= FULL_RAMP_WEEK)
