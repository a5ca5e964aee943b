"""Calendar feed, runs by upload and downloads over HTTP (web/integrations.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from hamcoach.config import Settings
from hamcoach.integrations.csv_io import COLUMNS
from hamcoach.integrations.fit_workout import read_week
from hamcoach.services.profile import save_profile
from hamcoach.services.training import plan_for
from hamcoach.storage.store import Store
from hamcoach.web import deps
from hamcoach.web.app import create_app
from hamcoach.web.routes import calendar as integrations
from tests.integrations.files import fit_activity, gpx_file, training_calendar
from tests.integrations.test_fit_workout import expected, fitdecode_steps, performed, sdk_decode
from tests.services.conftest import MONDAY, runner

# A Wednesday in the plan's first week: every test here sees the same "now".
NOW = dt.datetime(2026, 11, 4, 9, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


@pytest.fixture
def athlete_id(store: Store) -> int:
    return save_profile(store.uow(), runner(), MONDAY)


@pytest.fixture
def web(store: Store, athlete_id: int, tmp_path: Path) -> Iterator[TestClient]:
    # The conftest's store, on the conftest's file; the app around it has a fixed clock.
    app = create_app(Settings(f"sqlite:///{tmp_path / 'api.db'}", tmp_path), store)
    # Until create_app includes the router itself (then this adds nothing).
    if not any(getattr(r, "path", "") == "/calendar/{token}.ics" for r in app.routes):
        app.include_router(integrations.router)
    app.dependency_overrides[deps.now_utc] = lambda: NOW
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def _runs(store: Store, athlete_id: int) -> int:
    with store.uow() as uow:
        return uow.athlete(athlete_id).runs.count()


def test_the_calendar_url_serves_the_plan_as_icalendar(
    web: TestClient, store: Store, athlete_id: int
) -> None:
    info = web.get("/api/v1/calendar").json()
    assert info["url"].startswith("http://127.0.0.1/calendar/") and info["url"].endswith(".ics")
    assert info["webcal"].startswith("webcal://127.0.0.1/calendar/")
    feed = web.get(info["url"])
    assert feed.status_code == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "private" in feed.headers["cache-control"]
    events = list(Calendar.from_ical(feed.content).walk("VEVENT"))
    plan = plan_for(store.uow(), athlete_id, TODAY, weeks=info["weeks"]).plan
    assert [e.decoded("DTSTART") for e in events] == [s.date for s in plan.sessions()]
    # Fetched again after the plan changed (a logged set moves the targets): same UIDs.
    web.post(
        "/api/v1/sets",
        json={
            "id": "2b1f6c1e-4a5b-4c59-9d1e-2e3f4a5b6c7d",
            "exercise": "lying-leg-curl",
            "reps": 12,
            "load": 40,
            "performed_at": "2026-11-03T18:00:00Z",
        },
    )
    again = list(Calendar.from_ical(web.get(info["url"]).content).walk("VEVENT"))
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]


def test_a_wrong_or_reset_token_is_a_404(web: TestClient) -> None:
    old = web.get("/api/v1/calendar").json()["url"]
    assert web.get("/calendar/not-the-token.ics").status_code == 404
    assert web.get("/calendar/.ics").status_code == 404
    new = web.post("/api/v1/calendar/reset").json()["url"]
    assert new != old
    assert web.get(old).status_code == 404
    assert web.get(new).status_code == 200


def test_uploaded_runs_are_stored_once_and_listed_with_their_type(
    web: TestClient, store: Store, athlete_id: int
) -> None:
    start = dt.datetime(2026, 10, 27, 17, 30, tzinfo=dt.UTC)
    files = [
        ("files", ("tue.fit", fit_activity([("running", start, 3000, 9000, 150)]))),
        (
            "files",
            (
                "thu.gpx",
                gpx_file([start + dt.timedelta(days=2, minutes=m) for m in range(0, 50, 5)]),
            ),
        ),
    ]
    first = web.post("/api/v1/runs/import", files=files)
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["stored"], body["duplicates"]) == (2, 0)
    assert [f["file"] for f in body["files"]] == ["tue.fit", "thu.gpx"]
    again = web.post("/api/v1/runs/import", files=files).json()
    assert (again["stored"], again["duplicates"]) == (0, 2)
    listed = web.get("/api/v1/runs").json()
    assert [r["date"] for r in listed["runs"]] == ["2026-10-27", "2026-10-29"]
    assert {r["type"] for r in listed["runs"]} <= {"easy", "long", "key"}
    assert listed["typical_week"]["week"].startswith("mon=rest,tue=")
    only = web.get("/api/v1/runs", params={"since": "2026-10-28", "until": "2026-10-29"})
    assert [r["date"] for r in only.json()["runs"]] == ["2026-10-29"]
    extreme = web.get("/api/v1/runs", params={"since": "0001-01-01", "until": "9999-12-31"})
    assert extreme.status_code == 422 and "2000-01-01" in extreme.json()["detail"]
    assert _runs(store, athlete_id) == 2


def test_a_bad_upload_is_refused_by_name_and_stores_nothing(
    web: TestClient, store: Store, athlete_id: int, shared: Path
) -> None:
    good = ("files", ("plan.ics", training_calendar()))
    cut = (shared / "data" / "real-files" / "activity-unexpected-eof.fit").read_bytes()
    for bad, problem in [
        (("files", ("cut.fit", cut)), "cut.fit: truncated FIT file"),
        (("files", ("x.gpx", b"<gpx><trk>")), "x.gpx: invalid XML"),
        (("files", ("../../etc/run.tcx", b"not xml")), "run.tcx: not a TCX file"),
    ]:
        answer = web.post("/api/v1/runs/import", files=[good, bad])
        assert answer.status_code == 422
        assert answer.json()["detail"].startswith(problem)
    assert web.post("/api/v1/runs/import").status_code == 422  # no files at all
    assert _runs(store, athlete_id) == 0


def test_exports_download_in_each_format(web: TestClient, store: Store, athlete_id: int) -> None:
    web.post(
        "/api/v1/sets",
        json={
            "id": "0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5",
            "exercise": "lying-leg-curl",
            "reps": 11,
            "load": 42.5,
            "performed_at": "2026-11-03T18:00:00Z",
            "note": "=cmd|' /C calc'!A0",
        },
    )
    sheet = web.get("/api/v1/export/csv")
    assert sheet.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in sheet.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(sheet.text)))
    assert tuple(rows[0]) == COLUMNS
    assert (rows[0]["load"], rows[0]["note"]) == ("42.5", "'=cmd|' /C calc'!A0")

    backup = web.get("/api/v1/export/json")
    assert backup.json()["athlete"]["sets"][0]["load"] == 42.5

    cal = web.get("/api/v1/export/ics", params={"weeks": 2})
    assert cal.headers["content-type"].startswith("text/calendar")
    assert len(list(Calendar.from_ical(cal.content).walk("VEVENT"))) >= 2

    view = plan_for(store.uow(), athlete_id, TODAY, weeks=2)
    session = next(s for s in view.plan.sessions() if s.date >= TODAY)
    fit = web.get("/api/v1/export/fit", params={"date": session.date.isoformat()})
    assert fit.headers["content-type"] == "application/vnd.ant.fit"
    assert f"hamstrings-{session.date.isoformat()}.fit" in fit.headers["content-disposition"]
    steps = sdk_decode(fit.content)["workout_step_mesgs"]
    assert performed(steps) == expected(session, "kg")
    assert performed(fitdecode_steps(fit.content)) == expected(session, "kg")

    week = web.get("/api/v1/export/fit", params={"week": 2})
    assert week.headers["content-type"] == "application/zip"
    files = read_week(week.content)
    for planned in view.plan.weeks[1].sessions:
        data = files[f"hamstrings-{planned.date.isoformat()}.fit"]
        assert performed(sdk_decode(data)["workout_step_mesgs"]) == expected(planned, "kg")


def test_export_refusals_are_clear_4xx(web: TestClient) -> None:
    unknown = web.get("/api/v1/export/xlsx")
    assert unknown.status_code == 422 and "allowed: csv, json, ics, fit" in unknown.json()["detail"]
    no_session = web.get("/api/v1/export/fit", params={"date": "2026-11-05"})  # a Thursday
    assert no_session.status_code == 422 and "no session planned" in no_session.json()["detail"]
    both = web.get("/api/v1/export/fit", params={"date": "2026-11-05", "week": 1})
    assert both.status_code == 422
    assert web.get("/api/v1/export/ics", params={"weeks": 0}).status_code == 422


def test_no_input_makes_these_routes_fail_with_a_5xx(web: TestClient) -> None:
    """A small fuzz of the new routes: whatever comes in, the answer is 2xx or a clear 4xx."""
    from hypothesis import given
    from hypothesis import strategies as st

    names = st.sampled_from(["a.fit", "b.gpx", "c.tcx", "d.ics", "e.csv", "", "../x.fit"])
    payloads = st.binary(max_size=300) | st.sampled_from(
        [b"<gpx>", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR", b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT"]
    )

    @given(name=names, data=payloads)
    def upload(name: str, data: bytes) -> None:
        answer = web.post("/api/v1/runs/import", files=[("files", (name, data))])
        assert answer.status_code in (201, 422), answer.text
        assert "detail" in answer.json() or answer.status_code == 201

    @given(
        fmt=st.sampled_from(["csv", "json", "ics", "fit", "xml", "FIT", "%00"]),
        params=st.dictionaries(
            st.sampled_from(["weeks", "date", "week", "since", "until"]),
            st.sampled_from(["0", "1", "53", "-1", "x", "2026-11-04", "0001-01-01", "9999-12-31"]),
        ),
    )
    def download(fmt: str, params: dict[str, str]) -> None:
        assert web.get(f"/api/v1/export/{fmt}", params=params).status_code < 500
        assert web.get("/api/v1/runs", params=params).status_code < 500
        assert web.get("/calendar/x.ics", params=params).status_code in (404, 422)

    upload()
    download()
