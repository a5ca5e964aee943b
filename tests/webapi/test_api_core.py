"""Every core route: happy path, 4xx with a clear message on bad input, idempotent set logging."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, cast

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from hamcoach.storage.store import Store
from tests.webapi.conftest import PROFILE


def a_set(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "exercise": "lying-leg-curl",
        "variant": None,
        "side": None,
        "reps": 12,
        "load": 40.0,
        "rir": None,
        "performed_at": (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)).isoformat(),
    }
    body.update(changes)
    return body


def count_sets(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM set_log")).scalar() or 0)


def test_health(client: TestClient) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok"}


def test_ready_only_when_the_schema_is_this_versions(client: TestClient, store: Store) -> None:
    from hamcoach.storage.schema import HEAD_REVISION

    assert client.get("/api/v1/ready").json() == {"status": "ready", "schema": HEAD_REVISION}
    with store.engine.begin() as conn:  # as while another worker is still migrating
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    waiting = client.get("/api/v1/ready")
    assert waiting.status_code == 503 and waiting.json()["status"] == "migrating"
    assert f"needs {HEAD_REVISION}" in waiting.json()["detail"]


def test_openapi_lists_the_routes(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    for path in (
        "/api/v1/sets",
        "/api/v1/plan",
        "/api/v1/today",
        "/api/v1/report",
        "/api/v1/profile",
    ):
        assert path in doc["paths"]


def test_without_a_profile_routes_say_how_to_start(client: TestClient) -> None:
    for path in ("/api/v1/today", "/api/v1/plan", "/api/v1/sets", "/api/v1/report"):
        response = client.get(path)
        assert response.status_code == 404
        assert "onboarding" in response.json()["detail"]
    page = client.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/onboarding"


def test_profile_round_trip_and_validation(client: TestClient) -> None:
    assert client.put("/api/v1/profile", json=PROFILE).status_code == 200
    got = client.get("/api/v1/profile").json()
    assert (
        got["equipment"] == sorted(cast(list[str], PROFILE["equipment"]))
        and got["increment"] == 2.5
    )
    bad = client.put("/api/v1/profile", json={**PROFILE, "equipment": ["barbell"]})
    assert bad.status_code == 422 and "unknown equipment 'barbell'" in bad.json()["detail"]
    bad = client.put("/api/v1/profile", json={**PROFILE, "week": "mon=jog"})
    assert bad.status_code == 422 and "allowed: rest, easy, long, key" in bad.json()["detail"]
    bad = client.put("/api/v1/profile", json={**PROFILE, "units": "stone"})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("units:")
    bad = client.put("/api/v1/profile", json={**PROFILE, "timezone": "Mars/Base"})
    assert bad.status_code == 422 and "time zone" in bad.json()["detail"]


def test_plan_and_today(athlete: TestClient) -> None:
    plan = athlete.get("/api/v1/plan?weeks=2").json()
    assert len(plan["weeks"]) == 2 and plan["warnings"] == []
    exercise = plan["weeks"][0]["sessions"][0]["exercises"][0]
    assert {"slug", "sets", "reps_min", "reps_max", "load", "unit", "rest_s"} <= set(exercise)
    today = athlete.get("/api/v1/today").json()
    assert set(today) == {
        "date",
        "day",
        "exercises",
        "reasons",
        "moved_from",
        "warnings",
        "state",
        "last_time",
        "soreness",
    }
    assert athlete.get("/api/v1/plan?weeks=0").status_code == 422


def test_post_set_is_idempotent(athlete: TestClient, store: Store) -> None:
    body = a_set()
    first = athlete.post("/api/v1/sets", json=body)
    assert first.status_code == 201
    stored = first.json()
    assert (stored["id"], stored["reps"], stored["load"], stored["unit"]) == (
        body["id"],
        12,
        40.0,
        "kg",
    )
    assert stored["target_reps_min"] == 10 and stored["target_load"] is not None
    again = athlete.post("/api/v1/sets", json=body)
    assert again.status_code == 200 and again.json() == stored
    assert count_sets(store) == 1
    listed = athlete.get("/api/v1/sets?exercise=lying-leg-curl").json()
    assert [s["id"] for s in listed] == [body["id"]]
    assert athlete.get("/api/v1/sets?exercise=nordic-curl").json() == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reps": 0}, "reps must be 1-100"),
        ({"reps": 500}, "reps must be 1-100"),
        ({"reps": "twelve"}, "reps:"),
        ({"load": 900.0}, "at most 500 kg"),
        ({"exercise": "nordic-curl", "load": 10.0}, "body-weight exercise"),
        ({"exercise": "leg-press"}, "unknown exercise 'leg-press'"),
        ({"side": "left"}, "leave out the side"),
        ({"side": "middle"}, "side:"),
        ({"id": "not-a-uuid"}, "not a UUID"),
        ({"performed_at": "2098-01-01T10:00:00Z"}, "in the future"),
        ({"performed_at": "2999-01-01T10:00:00Z"}, "out of range: use a date from 2000-01-01"),
        ({"performed_at": "2026-11-01T10:00:00"}, "time zone"),
        ({"performed_at": "yesterday"}, "performed_at:"),
        ({"surprise": 1}, "surprise:"),
    ],
)
def test_bad_sets_get_a_clear_4xx_and_store_nothing(
    athlete: TestClient, store: Store, changes: dict[str, Any], message: str
) -> None:
    response = athlete.post("/api/v1/sets", json=a_set(**changes))
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert count_sets(store) == 0


def test_set_id_of_another_athlete_conflicts(athlete: TestClient, store: Store) -> None:
    body = a_set()
    athlete.post("/api/v1/sets", json=body)
    with store.uow() as uow:
        from hamcoach.domain.profile import Profile

        other = uow.athletes.add(Profile(name="Ben"))
        uow.commit()
    from hamcoach.domain.set_rules import SetInput
    from hamcoach.services.set_logging import log_sets

    with pytest.raises(Exception, match="already in use"):
        log_sets(
            store.uow(),
            other,
            [(body["id"], SetInput("lying-leg-curl", 10, 30.0), dt.datetime.now(dt.UTC))],
            dt.datetime.now(dt.UTC),
        )


def test_edit_delete_and_undo(athlete: TestClient, store: Store) -> None:
    body = a_set()
    athlete.post("/api/v1/sets", json=body)
    edited = athlete.patch(f"/api/v1/sets/{body['id']}", json={"reps": 11, "load": 42.5})
    assert edited.status_code == 200 and (edited.json()["reps"], edited.json()["load"]) == (
        11,
        42.5,
    )
    bad = athlete.patch(f"/api/v1/sets/{body['id']}", json={"reps": 11, "load": -1})
    assert bad.status_code == 422 and "load must be above 0" in bad.json()["detail"]
    assert (
        athlete.patch(f"/api/v1/sets/{uuid.uuid4()}", json={"reps": 1, "load": 1}).status_code
        == 404
    )
    deleted = athlete.delete(f"/api/v1/sets/{body['id']}").json()
    assert count_sets(store) == 0
    restored = athlete.post("/api/v1/sets/restore", json=deleted)
    assert restored.status_code == 201 and restored.json() == deleted  # exactly as it was
    assert athlete.post("/api/v1/sets/restore", json=deleted).json() == deleted  # retry-safe
    assert athlete.get("/api/v1/sets").json()[0]["reps"] == 11
    bad = athlete.post("/api/v1/sets/restore", json={**deleted, "id": str(uuid.uuid4()), "reps": 0})
    assert bad.status_code == 422 and "reps must be 1-100" in bad.json()["detail"]
    assert athlete.delete(f"/api/v1/sets/{uuid.uuid4()}").status_code == 404


def test_sessions_pages_and_finish(athlete: TestClient) -> None:
    day = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    for i in range(3):
        athlete.post(
            "/api/v1/sets", json=a_set(performed_at=(day + dt.timedelta(minutes=i)).isoformat())
        )
    page = athlete.get("/api/v1/sessions?limit=5").json()
    assert len(page["sessions"]) == 1 and len(page["sessions"][0]["sets"]) == 3
    assert page["next"] is None
    earlier = (day - dt.timedelta(days=3)).isoformat()
    athlete.post("/api/v1/sets", json=a_set(performed_at=earlier))
    first = athlete.get("/api/v1/sessions?limit=1").json()
    assert len(first["sessions"]) == 1 and len(first["sessions"][0]["sets"]) == 3  # whole day
    assert first["next"] == day.date().isoformat()
    second = athlete.get(f"/api/v1/sessions?limit=1&before={first['next']}").json()
    assert [s["date"] for s in second["sessions"]] == [earlier[:10]] and second["next"] is None
    finished = athlete.post(
        f"/api/v1/sessions/{day.date().isoformat()}/finish", json={"note": "good"}
    )
    assert finished.status_code == 200
    assert finished.json()["next_targets"]["lying-leg-curl"]["load"] == 42.5
    summary = finished.json()["summary"]  # three sets a minute apart
    assert (summary["minutes"], summary["sets"], summary["unit"]) == (2, 3, "kg")
    assert summary["reps"] == 3 * a_set()["reps"]
    assert summary["volume"] == 3 * a_set()["reps"] * a_set()["load"]
    assert [e["name"] for e in summary["exercises"]][-1] == "Lying leg curl"
    empty = athlete.post("/api/v1/sessions/2020-01-01/finish", json={})
    assert empty.status_code == 404 and "nothing to finish" in empty.json()["detail"]
    assert athlete.get("/api/v1/sessions?before=garbage").status_code == 422


def test_tests_and_report(athlete: TestClient) -> None:
    hq = athlete.post("/api/v1/tests", json={"kind": "hq", "hamstring_con": 120, "quad_con": 200})
    assert hq.status_code == 201 and [v["kind"] for v in hq.json()] == ["hamstring-con", "quad-con"]
    force = athlete.post("/api/v1/tests", json={"kind": "nordic-force", "left": 310, "right": 260})
    assert force.status_code == 201
    missing = athlete.post("/api/v1/tests", json={"kind": "hq", "quad_con": 200})
    assert missing.status_code == 422 and "hamstring_con is required" in missing.json()["detail"]
    bad = athlete.post("/api/v1/tests", json={"kind": "break-angle", "degrees": 120})
    assert bad.status_code == 422 and "0-90 degrees" in bad.json()["detail"]
    assert len(athlete.get("/api/v1/tests").json()) == 4
    report = athlete.get("/api/v1/report").json()
    assert report["hq"][0]["ratio"] == pytest.approx(0.6)
    assert report["asymmetry"][0]["flag"] == "flag"


def test_pages_render(athlete: TestClient) -> None:
    athlete.post("/api/v1/sets", json=a_set())
    for path in ("/today", "/week", "/history", "/progress", "/tests", "/settings", "/onboarding"):
        response = athlete.get(path)
        assert response.status_code == 200, path
        assert "<main" in response.text
    assert athlete.get("/sw.js").headers["content-type"].startswith("text/javascript")
    css = athlete.get("/static/css/app.css?v=1")
    assert "immutable" in css.headers["cache-control"]


def test_onboarding_form_saves_and_refuses_bad_input(client: TestClient) -> None:
    form = {
        "name": "Ana",
        "units": "kg",
        "equipment": ["towel", "partner"],
        "sessions": "2",
        "per_session": "2",
        "timezone": "UTC",
        "day_tue": "key",
        "day_sun": "long",
    }
    done = client.post("/onboarding", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/week?welcome=1"
    again = client.post("/onboarding", data=form, follow_redirects=False)
    assert again.headers["location"] == "/week"  # a change of settings: no welcome
    assert client.get("/api/v1/profile").json()["week"].startswith("mon=rest,tue=key")
    bad = client.post("/onboarding", data={**form, "equipment": []})
    assert bad.status_code == 422 and "towel" in bad.text
    bad = client.post("/onboarding", data={**form, "body_mass": "heavy"})
    assert bad.status_code == 422 and "please check the form" in bad.text


def test_tests_form_redirects_or_returns_the_section_for_htmx(athlete: TestClient) -> None:
    plain = athlete.post(
        "/tests", data={"kind": "break-angle", "degrees": "40"}, follow_redirects=False
    )
    assert plain.status_code == 303 and plain.headers["location"] == "/tests?saved=break-angle"
    partial = athlete.post(
        "/tests", data={"kind": "break-angle", "degrees": "44"}, headers={"HX-Request": "true"}
    )
    assert partial.status_code == 200
    assert (
        partial.text.lstrip().startswith("{#") is False and 'id="test-break-angle"' in partial.text
    )
    assert "<html" not in partial.text and "44" in partial.text
    bad = athlete.post(
        "/tests", data={"kind": "break-angle", "degrees": "x"}, headers={"HX-Request": "true"}
    )
    assert bad.status_code == 422 and "is not a number" in bad.text
    full = athlete.post("/tests", data={"kind": "nope"})
    assert full.status_code == 422 and "choose a test" in full.text and "<html" in full.text


def test_settings_form_keeps_races_and_converts_on_a_unit_switch(athlete: TestClient) -> None:
    athlete.put("/api/v1/profile", json={**PROFILE, "race_dates": ["2027-04-18"], "rest_s": 120})
    form = {
        "name": "Ana",
        "units": "lb",
        "body_mass": "60",
        "increment": "",
        "equipment": ["towel", "partner"],
        "sessions": "2",
        "per_session": "2",
        "timezone": "UTC",
        "day_tue": "key",
        "day_sun": "long",
    }
    assert athlete.post("/onboarding", data=form, follow_redirects=False).status_code == 303
    got = athlete.get("/api/v1/profile").json()
    assert got["race_dates"] == ["2027-04-18"] and got["rest_s"] == 120
    assert got["units"] == "lb" and got["body_mass"] == pytest.approx(132.3)
    assert got["increment"] == 5.0  # the lb default, not 2.5 "lb"


def test_other_sites_cannot_write_and_other_host_names_are_refused(athlete: TestClient) -> None:
    evil = athlete.post("/api/v1/sets", json=a_set(), headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403 and "cross-site request" in evil.json()["detail"]
    form = athlete.post("/onboarding", data={"name": "Pwned"}, headers={"Origin": "null"})
    assert form.status_code == 403
    same = athlete.post("/api/v1/sets", json=a_set(), headers={"Origin": "http://127.0.0.1"})
    assert same.status_code == 201
    rebound = athlete.get("/api/v1/export/json", headers={"Host": "evil.example"})
    assert rebound.status_code == 400 and "evil.example" in rebound.text
    assert athlete.get("/api/v1/health", headers={"Host": "localhost:8000"}).status_code == 200


def test_out_of_range_dates_and_cursors_are_4xx_not_500(athlete: TestClient, store: Store) -> None:
    old = athlete.post("/api/v1/sets", json=a_set(performed_at="0001-01-01T00:00:00+05:00"))
    assert old.status_code == 422 and "from 2000 to 2099" in old.json()["detail"]
    assert count_sets(store) == 0
    ancient = athlete.get("/api/v1/sets?since=0001-01-01")
    assert ancient.status_code == 422 and "2000-01-01" in ancient.json()["detail"]
    naive = athlete.get("/api/v1/sessions?before=2026-11-27T05:30:00|x")
    assert naive.status_code == 422 and naive.json()["detail"].startswith("before:")
    form = athlete.post(
        "/tests", data={"kind": "hq", "hamstring_con": "100", "quad_con": "200", "velocity": "abc"}
    )
    assert form.status_code == 422 and "choose 60, 180 or 300" in form.text
    assert athlete.post("/api/v1/sessions/0001-01-01/finish", json={}).status_code == 422


def test_soreness_check_in_and_report(athlete: TestClient) -> None:
    done = athlete.post("/api/v1/soreness", json={"score": 7, "note": "stairs hurt"})
    assert done.status_code == 201 and "keep the next session light" in done.json()["advice"]
    again = athlete.post("/api/v1/soreness", json={"score": 8})
    assert again.status_code == 201
    listed = athlete.get("/api/v1/soreness").json()
    assert len(listed) == 1 and listed[0]["score"] == 8  # one per day, corrected
    assert athlete.post("/api/v1/soreness", json={"score": 11}).status_code == 422
    future = athlete.post("/api/v1/soreness", json={"score": 2, "date": "2098-01-01"})
    assert future.status_code == 422 and "future" in future.json()["detail"]
    report = athlete.get("/api/v1/report").json()
    assert report["soreness"][-1][1] == 8
    assert report["summary"][0].startswith("Soreness 8/10")


def test_an_edit_keeps_the_note_unless_it_sends_one(athlete: TestClient) -> None:
    stored = athlete.post("/api/v1/sets", json=a_set(note="felt strong")).json()
    kept = athlete.patch(f"/api/v1/sets/{stored['id']}", json={"reps": 11, "load": 40.0})
    assert kept.status_code == 200 and kept.json()["note"] == "felt strong"
    assert kept.json()["reps"] == 11
    cleared = athlete.patch(
        f"/api/v1/sets/{stored['id']}", json={"reps": 11, "load": 40.0, "note": None}
    )
    assert cleared.status_code == 200 and cleared.json()["note"] is None


def test_a_set_from_before_a_unit_switch_is_edited_and_undone_in_its_own_unit(
    athlete: TestClient,
) -> None:
    stored = athlete.post("/api/v1/sets", json=a_set(load=450.0)).json()  # kg
    assert athlete.put("/api/v1/profile", json={**PROFILE, "units": "lb"}).status_code == 200
    edited = athlete.patch(f"/api/v1/sets/{stored['id']}", json={"reps": 10, "load": 480.0})
    assert edited.status_code == 200 and edited.json()["unit"] == "kg"
    too_heavy = athlete.patch(f"/api/v1/sets/{stored['id']}", json={"reps": 10, "load": 600.0})
    assert too_heavy.status_code == 422 and "500 kg" in too_heavy.json()["detail"]
    deleted = athlete.delete(f"/api/v1/sets/{stored['id']}").json()
    restored = athlete.post("/api/v1/sets/restore", json=deleted)
    assert restored.status_code == 201 and restored.json() == deleted
