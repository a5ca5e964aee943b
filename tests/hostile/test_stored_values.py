"""Issue 8, classes 3 to 5: every stored value is checked where it enters, the same rule for the
API and the pages; a refused value stores nothing and the app keeps working afterwards."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Any

import pytest

from tests.hostile.checks import assert_refused, changes_nothing
from tests.hostile.server import Server
from tests.webapi.conftest import PROFILE

NOW = dt.datetime.now(dt.UTC)
AT = (NOW - dt.timedelta(hours=1)).isoformat()
PAGES = ["/week", "/today", "/history", "/progress", "/tests", "/settings"]
READS = [
    "/api/v1/plan",
    "/api/v1/today",
    "/api/v1/report",
    "/api/v1/sets",
    "/api/v1/export/csv",
    "/api/v1/export/json",
    "/api/v1/export/ics",
]


def profile(**changes: Any) -> dict[str, Any]:
    return {**PROFILE, **changes}


PROFILE_CASES = [
    ("race in year 1", profile(race_dates=["0001-01-01"]), "out of range"),
    ("race in 9999", profile(race_dates=["9999-12-31"]), "out of range"),
    ("race as a number", profile(race_dates=[20261201]), "YYYY-MM-DD"),
    ("100 000 races", profile(race_dates=["2027-01-10"] * 100_000), "at most 50|too large"),
    ("CR LF in the name", profile(name="Ana\r\nX-Injected: 1"), "one line"),
    ("NUL in the name", profile(name="An\x00a"), "NUL"),
    ("escape code in the name", profile(name="\x1b[31mAna"), "control character"),
    ("5000-character time zone", profile(timezone="Europe/" + "x" * 5000), "time ?zone"),
    ("unknown time zone", profile(timezone="Mars/Olympus"), "unknown time zone"),
    ("time zone path", profile(timezone="../../etc/passwd"), "unknown time zone"),
    (
        "infinite body mass",
        '{"name": "A", "equipment": ["towel"], "body_mass": 1e999}',
        "finite|number",
    ),
    ("boolean step", profile(increment=True), "number"),
    ("denormal step", profile(increment=5e-324), "greater than or equal to 0.1|increment"),
    ("week of 10 000 days", profile(week="mon=easy," * 10_000), "at most 200|week"),
    ("unknown key", profile(admin=True), "admin"),
]


@pytest.mark.parametrize(
    ("what", "body", "message"), PROFILE_CASES, ids=[c[0] for c in PROFILE_CASES]
)
def test_bad_profiles_are_refused_and_the_app_keeps_working(
    server: Server, what: str, body: Any, message: str
) -> None:
    with changes_nothing(server), server.client() as http:
        if isinstance(body, str):
            answer = http.put(
                "/api/v1/profile", content=body, headers={"content-type": "application/json"}
            )
        else:
            answer = http.put("/api/v1/profile", json=body)
        assert_refused(answer, message)
        for path in READS + PAGES:
            assert http.get(path).status_code == 200, path


def test_a_lone_surrogate_in_json_is_refused(server: Server) -> None:
    raw = json.dumps(profile(name="A")).replace('"A"', '"\\ud800"')
    with changes_nothing(server), server.client() as http:
        answer = http.put(
            "/api/v1/profile", content=raw, headers={"content-type": "application/json"}
        )
        assert_refused(answer, "surrogate|invalid|unicode|UTF")


def test_the_settings_form_applies_the_same_rules(server: Server) -> None:
    form = {
        "name": "Ana\x00",
        "units": "kg",
        "equipment": ["towel"],
        "sessions": "2",
        "per_session": "2",
        "timezone": "UTC",
    }
    with changes_nothing(server), server.client() as http:
        answer = http.post("/onboarding", data=form)
        assert answer.status_code == 422 and "NUL" in answer.text
        answer = http.post("/onboarding", data={**form, "name": "Ana", "timezone": "x" * 5000})
        assert (
            answer.status_code == 422 and "timezone: String should have at most 64" in answer.text
        )
        error = re.search(r'id="form-error"[^>]*>(.*?)<', answer.text, re.S)
        assert error is not None and len(error.group(1)) < 200  # the message: no echo


def a_set(**changes: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "exercise": "lying-leg-curl",
        "reps": 12,
        "load": 40.0,
        "performed_at": AT,
        **changes,
    }


SET_CASES = [
    ("NUL in a note", a_set(note="ok\x00"), "NUL"),
    ("bell in a note", a_set(note="\x07"), "control character"),
    ("reps 2^63", a_set(reps=2**63), "reps must be 1-100"),
    ("reps as text", a_set(reps="12"), "whole number"),
    ("load as true", a_set(load=True), "number"),
    ("year 2", a_set(performed_at="0002-01-01T10:00:00Z"), "out of range|2000"),
    ("no offset", a_set(performed_at="2026-11-27T10:00:00"), "offset"),
    ("a number as time", a_set(performed_at=1764000000), "ISO 8601"),
    ("not a uuid", a_set(id="x" * 5000), "not a UUID"),
    ("unknown exercise", a_set(exercise="y" * 5000), "unknown exercise"),
    ("unknown key", a_set(admin=True), "admin"),
]


@pytest.mark.parametrize(("what", "body", "message"), SET_CASES, ids=[c[0] for c in SET_CASES])
def test_bad_sets_are_refused(server: Server, what: str, body: Any, message: str) -> None:
    with changes_nothing(server), server.client() as http:
        assert_refused(http.post("/api/v1/sets", json=body), message)


def test_infinity_and_nan_are_not_numbers(server: Server) -> None:
    with changes_nothing(server), server.client() as http:
        for raw in ("1e999", "NaN", "-Infinity"):
            body = json.dumps(a_set()).replace("40.0", raw)
            answer = http.post(
                "/api/v1/sets", content=body, headers={"content-type": "application/json"}
            )
            assert_refused(answer, "finite|number|JSON|json")


def test_the_same_uuid_spelled_otherwise_is_the_same_set(server: Server) -> None:
    set_id = uuid.uuid4()
    with server.client() as http:
        first = http.post("/api/v1/sets", json=a_set(id=str(set_id)))
        assert first.status_code == 201
        before = server.dump()
        for spelling in (str(set_id).upper(), set_id.hex, f"{{{set_id}}}", f"urn:uuid:{set_id}"):
            again = http.post("/api/v1/sets", json=a_set(id=spelling))
            assert again.status_code == 200 and again.json()["id"] == str(set_id), spelling
        assert server.dump() == before
        assert http.delete(f"/api/v1/sets/{set_id.hex.upper()}").status_code == 200


def restorable(server: Server) -> dict[str, Any]:
    """A set as DELETE answers it (deleted now, so a restore would put it back)."""
    with server.client() as http:
        stored = http.post("/api/v1/sets", json=a_set(note="to undo"))
        assert stored.status_code == 201
        deleted = http.delete(f"/api/v1/sets/{stored.json()['id']}")
        assert deleted.status_code == 200
        body: dict[str, Any] = deleted.json()
        return body


RESTORE_CASES = [
    ("infinite target", {"target_load": "INF"}, "finite|number"),
    ("reps 2^63", {"reps": 2**63}, "reps must be 1-100"),
    ("session 10 months away", {"session_date": "SHIFTED"}, "local date of performed_at"),
    (
        "year 2",
        {"performed_at": "0002-06-01T10:00:00Z", "session_date": "0002-06-01"},
        "out of range",
    ),
    ("unknown stance", {"stance": "handstand"}, "stance"),
    ("over the lb limit", {"unit": "lb", "load": 1500.0}, "at most 1100 lb"),
    ("unknown unit", {"unit": "stone"}, "unit"),
    ("negative target", {"target_load": -5.0}, "target load must be above 0"),
    ("reversed targets", {"target_reps_min": 12, "target_reps_max": 10}, "fewest first"),
    ("NaN target", {"target_load": "NAN"}, "finite|number"),
    ("unknown key", {"admin": True}, "admin"),
    ("NUL note", {"note": "\x00"}, "NUL"),
]


@pytest.mark.parametrize(
    ("what", "changes", "message"), RESTORE_CASES, ids=[c[0] for c in RESTORE_CASES]
)
def test_undo_obeys_the_logging_rules(
    server: Server, what: str, changes: dict[str, Any], message: str
) -> None:
    body = {**restorable(server), **changes}
    if body.get("session_date") == "SHIFTED":
        day = dt.date.fromisoformat(body["performed_at"][:10])
        body["session_date"] = (day - dt.timedelta(days=300)).isoformat()
    raw = json.dumps(body)
    raw = raw.replace('"INF"', "1e999").replace('"NAN"', "NaN")
    with changes_nothing(server), server.client() as http:
        answer = http.post(
            "/api/v1/sets/restore", content=raw, headers={"content-type": "application/json"}
        )
        assert_refused(answer, message)
        for path in ("/api/v1/export/json", "/api/v1/export/csv", "/history"):
            assert http.get(path).status_code == 200


TEXT_ENTRIES = [
    ("soreness note", "post", "/api/v1/soreness", {"score": 2, "note": "a\x00b"}),
    ("finish note", "post", "/api/v1/sessions/{today}/finish", {"note": "\x00"}),
    ("edit note", "patch", "/api/v1/sets/{set}", {"reps": 12, "load": 40.0, "note": "\x00"}),
    ("soreness date year 1", "post", "/api/v1/soreness", {"score": 2, "date": "0001-01-01"}),
    (
        "test date year 1",
        "post",
        "/api/v1/tests",
        {"kind": "break-angle", "degrees": 40, "tested_on": "0001-01-01"},
    ),
]


@pytest.mark.parametrize(
    ("what", "method", "path", "body"), TEXT_ENTRIES, ids=[c[0] for c in TEXT_ENTRIES]
)
def test_every_text_and_date_entry_uses_the_same_rules(
    server: Server, what: str, method: str, path: str, body: dict[str, Any]
) -> None:
    with server.client() as http:
        stored = http.get("/api/v1/sets").json()
        target = path.format(today=NOW.date().isoformat(), set=stored[0]["id"])
        with changes_nothing(server):
            assert_refused(http.request(method, target, json=body), "NUL|out of range")
