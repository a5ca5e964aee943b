"""A machine's own load step through the API, the settings form and the Today page's stepper
(issue 11, item 3)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.webapi.conftest import PROFILE


def test_the_api_keeps_a_step_per_machine_and_refuses_one_for_body_weight(
    client: TestClient,
) -> None:
    body = {**PROFILE, "exercise_increments": {"seated-leg-curl": 5, "lying-leg-curl": 1.25}}
    assert client.put("/api/v1/profile", json=body).status_code == 200
    stored = client.get("/api/v1/profile").json()
    assert stored["exercise_increments"] == {"lying-leg-curl": 1.25, "seated-leg-curl": 5.0}
    plan = client.get("/api/v1/plan", params={"weeks": 2}).json()
    seated = [
        e["load"]
        for w in plan["weeks"]
        for s in w["sessions"]
        for e in s["exercises"]
        if e["slug"] == "seated-leg-curl"
    ]
    assert seated and all(load % 5 == 0 for load in seated)
    wrong = client.put(
        "/api/v1/profile", json={**PROFILE, "exercise_increments": {"nordic-curl": 2.5}}
    )
    assert wrong.status_code == 422
    too_fine = client.put(
        "/api/v1/profile", json={**PROFILE, "exercise_increments": {"seated-leg-curl": 0.01}}
    )
    assert too_fine.status_code == 422
    assert client.get("/api/v1/profile").json()["exercise_increments"]["seated-leg-curl"] == 5


def test_the_settings_form_sets_and_keeps_a_machines_step(athlete: TestClient) -> None:
    page = athlete.get("/settings")
    assert 'name="step_seated-leg-curl"' in page.text
    form = {
        "name": "Ana",
        "units": "kg",
        "equipment": PROFILE["equipment"],
        "day_tue": "key",
        "day_sun": "long",
        "timezone": "UTC",
        "step_seated-leg-curl": "5",
        "step_lying-leg-curl": "",
    }
    saved = athlete.post("/onboarding", data=form, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    assert athlete.get("/api/v1/profile").json()["exercise_increments"] == {"seated-leg-curl": 5.0}
    wrong = athlete.post("/onboarding", data={**form, "step_seated-leg-curl": "40"})
    assert wrong.status_code == 422 and "25" in wrong.text
    assert athlete.get("/api/v1/profile").json()["exercise_increments"] == {"seated-leg-curl": 5.0}
