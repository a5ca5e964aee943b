"""The Runs page (issue 12, item 6): imported runs newest first with the type each was given and
why, the usual week they make, and a form per run to correct its type, which the plan then
follows; the same through `PUT /api/v1/runs/{id}/type`. Real app on SQLite, a fixed clock."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from hamcoach.domain.runs import Run
from hamcoach.storage.store import Store
from hamcoach.web.deps import now_utc
from tests.webapi.conftest import PROFILE

# A Wednesday; the plan's first week starts on Monday 2 November.
NOW = dt.datetime(2026, 11, 4, 9, 0, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 11, 2)
# What calendar UIDs can hold: slashes, a query and a fragment, quotes, markup.
ODD_ID = 'ics:coach/plan?week=45#wed <b>"Ana\'s"</b> & co'
TAG = re.compile(r'<span class="tag" data-run-type>([^<]+)</span> <span data-run-reason>([^<]*)<')
ACTION = re.compile(r'<form class="cluster run-form" method="post" action="([^"]+)"')


def _run(day: int, title: str, minutes: int, km: float, external_id: str) -> Run:
    start = dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(7), dt.UTC)
    return Run(start, minutes * 60.0, km * 1000, title, None, "ics", external_id)


# The week as the runs tell it: key on Tuesday, easy runs, and no run long enough to be long.
WEEK = [
    _run(1, "Tempo", 50, 10.0, "ics:tue"),
    _run(2, "Morning run", 45, 8.0, ODD_ID),
    _run(3, "Morning run", 45, 8.0, "ics:thu"),
    _run(5, "Morning run", 45, 8.0, "ics:sat"),
    _run(6, "Sunday run", 50, 9.0, "ics:sun"),
]


def _store(store: Store, runs: list[Run]) -> None:
    with store.uow() as uow:
        first = uow.athletes.first_id()
        assert first is not None
        for run in runs:
            assert uow.athlete(first).runs.add(run)
        uow.commit()


@pytest.fixture
def web(athlete: TestClient, store: Store) -> TestClient:
    athlete.app.dependency_overrides[now_utc] = lambda: NOW  # type: ignore[attr-defined]
    _store(store, WEEK)
    return athlete


def _shown(page: str) -> list[tuple[str, str]]:
    return [(kind, html.unescape(why)) for kind, why in TAG.findall(page)]


def _session_days(client: TestClient) -> list[str]:
    plan = client.get("/api/v1/plan", params={"weeks": 1}).json()
    return [s["day"] for w in plan["weeks"] for s in w["sessions"]]


def _api_path(external_id: str) -> str:
    return f"/api/v1/runs/{quote(external_id, safe='')}/type"


def _notice(page: str) -> str:
    found = re.search(r'<p class="notice" role="status">([^<]+)</p>', page)
    assert found is not None, "no notice on the page"
    return html.unescape(found.group(1))


def test_the_page_lists_runs_newest_first_with_type_and_reason(web: TestClient) -> None:
    page = web.get("/runs")
    assert page.status_code == 200
    assert _shown(page.text) == [
        ("easy", "an ordinary run"),
        ("easy", "an ordinary run"),
        ("easy", "an ordinary run"),
        ("easy", "an ordinary run"),
        ("key", "the title names a workout ('tempo')"),
    ]
    text = html.unescape(page.text)
    assert "Sun 08 Nov 2026, 07:00</strong> Sunday run · 9.0 km · 50 min" in text
    assert "Tue 03 Nov 2026, 07:00</strong> Tempo · 10.0 km · 50 min" in text
    # The usual week the runs make, with the reasons behind it.
    start = text.index("Your usual week")
    usual = text[start : text.index("</section>", start)]
    assert '<th scope="row">Tuesday</th><td><span class="tag">key</span>' in usual
    assert '<th scope="row">Monday</th><td><span class="muted">rest</span>' in usual
    assert "Tue: key in 1 of 1 weeks" in usual
    # Names, not slugs: no "tue:" of the plan's reasons, no API advice.
    assert not re.search(r"\b(mon|tue|wed|thu|fri|sat|sun):", text)
    assert "/api/" not in text
    assert "Older runs" not in text  # five runs: one page


def test_marking_a_run_long_shows_it_and_the_plan_follows(web: TestClient) -> None:
    assert _session_days(web) == ["tue", "sat"]
    action = html.unescape(ACTION.findall(web.get("/runs").text)[3])  # Wednesday's run
    answer = web.post(action, data={"type": "long"}, follow_redirects=False)
    assert answer.status_code == 303
    page = web.get(answer.headers["location"])
    assert _notice(page.text) == "Marked Morning run (Wed 04 Nov) as long: the plan now follows it."
    assert _shown(page.text)[3] == ("long", "you set this type")
    assert '<option value="long" selected>Long</option>' in page.text
    assert "As inferred (easy)" in page.text  # what the rules would say, one tap away
    # Tuesday is the day before the long run now: the session moves off it.
    assert "tue" not in _session_days(web)
    listed = {r["external_id"]: r for r in web.get("/api/v1/runs").json()["runs"]}
    assert listed[ODD_ID]["marked"] == "long" and listed[ODD_ID]["type"] == "long"
    assert listed["ics:thu"]["marked"] is None

    back = web.post(action, data={"type": "inferred"})  # followed: the page again
    assert back.status_code == 200
    assert _notice(back.text) == (
        "Morning run (Wed 04 Nov) is back to the type the rules give it: easy, an ordinary run."
    )
    assert _shown(back.text)[3] == ("easy", "an ordinary run")
    assert _session_days(web) == ["tue", "sat"]


def test_the_api_sets_and_clears_a_type(web: TestClient) -> None:
    answer = web.put(_api_path("ics:sun"), json={"type": "long"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["type"], body["reason"], body["marked"]) == ("long", "you set this type", "long")
    assert body["date"] == "2026-11-08" and body["title"] == "Sunday run"
    # A slash kept as a slash reaches the run too (the id is the rest of the path).
    kept = web.put(f"/api/v1/runs/{quote(ODD_ID, safe='/')}/type", json={"type": "key"})
    assert kept.status_code == 200 and kept.json()["external_id"] == ODD_ID
    cleared = web.put(_api_path("ics:sun"), json={"type": None})
    assert (cleared.json()["type"], cleared.json()["marked"]) == ("easy", None)
    assert cleared.json()["reason"] == "an ordinary run"


def test_an_unknown_run_is_404_with_a_message(web: TestClient) -> None:
    answer = web.put(_api_path("ics:nope/never"), json={"type": "long"})
    assert answer.status_code == 404
    assert answer.json()["detail"] == "no imported run has the id 'ics:nope/never'"
    page = web.post("/runs/ics%3Anope/type", data={"type": "long"})
    assert page.status_code == 404
    assert "no imported run has the id" in html.unescape(page.text)
    too_long = web.put(_api_path("x" * 401), json={"type": "long"})
    assert too_long.status_code == 422 and "400 characters" in too_long.json()["detail"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"type": "rest"}, "type: a run is easy, long or key (got 'rest')"),
        ({"type": "LONG"}, "type: a run is easy, long or key (got 'LONG')"),
        ({"type": 3}, "type: a run is easy, long or key (got 3)"),
        ({}, "type is required"),
        ({"type": "long", "why": "hilly"}, "why: Extra inputs are not permitted"),
    ],
)
def test_a_bad_type_is_422_with_a_message(
    web: TestClient, body: dict[str, object], message: str
) -> None:
    answer = web.put(_api_path("ics:sun"), json=body)
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith(message)
    assert web.get("/api/v1/runs").json()["runs"][-1]["marked"] is None  # nothing stored


def test_a_bad_type_from_the_form_is_422_with_a_message(web: TestClient) -> None:
    for posted in ({"type": "rest"}, {}):
        page = web.post("/runs/ics:sun/type", data=posted)
        assert page.status_code == 422
        assert "choose easy, long, key or as inferred" in html.unescape(page.text)
    page = web.post("/runs/ics:sun/type", data={"type": "long", "before": "soon"})
    assert page.status_code == 422
    assert web.get("/api/v1/runs").json()["runs"][-1]["marked"] is None  # nothing stored


def test_odd_ids_are_escaped_in_the_page_and_reach_their_run(web: TestClient) -> None:
    page = web.get("/runs").text
    assert "<b>" not in page and "Ana's" not in page  # the id is never written raw
    actions = [html.unescape(a) for a in ACTION.findall(page)]
    odd = actions[3]
    assert odd.startswith("/runs/ics:coach%2Fplan%3Fweek%3D45%23wed%20%3Cb%3E")
    answer = web.post(odd, data={"type": "key"}, follow_redirects=False)
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("/runs?changed=") and re.search(r"#run-[0-9a-f]{16}$", location)
    anchor = location.rsplit("#", 1)[1]
    assert f'id="{anchor}"' in web.get(location).text
    listed = {r["external_id"]: r for r in web.get("/api/v1/runs").json()["runs"]}
    assert listed[ODD_ID]["marked"] == "key"


def test_no_runs_leads_to_the_upload_form(athlete: TestClient) -> None:
    page = athlete.get("/runs")
    assert page.status_code == 200
    assert "No runs imported yet" in page.text
    assert 'href="/settings#runs-title"' in page.text
    settings = athlete.get("/settings").text
    assert 'id="runs-title"' in settings and 'href="/runs"' in settings
    assert 'href="/runs"' in athlete.get("/week").text


def test_pages_hold_whole_days_and_lead_to_older_runs(athlete: TestClient, store: Store) -> None:
    athlete.app.dependency_overrides[now_utc] = lambda: NOW  # type: ignore[attr-defined]
    # 45 days with a run each, and a second run on the day where the first page would end.
    runs = [_run(-d, "Easy", 40, 7.0, f"recorded:{d}") for d in range(45)]
    runs.append(_run(-29, "Strides", 20, 3.0, "recorded:29b"))
    _store(store, runs)
    first = athlete.get("/runs").text
    dates = re.findall(r"<strong>(\w{3} \d\d \w{3} \d{4}),", first)
    assert len(dates) == 31  # 30 days, the last with its two runs
    older = re.search(r'data-runs-older href="([^"]+)"', first)
    assert older is not None and older.group(1) == "/runs?before=2026-10-04"
    second = athlete.get(older.group(1)).text
    rest = re.findall(r"<strong>(\w{3} \d\d \w{3} \d{4}),", second)
    assert len(rest) == 15 and not set(rest) & set(dates)
    assert "data-runs-older" not in second and 'href="/runs">Newest runs' in second
    # A form on an older page brings the athlete back to that page.
    action = html.unescape(ACTION.findall(second)[0])
    assert 'name="before" value="2026-10-04"' in second
    answer = athlete.post(
        action, data={"type": "long", "before": "2026-10-04"}, follow_redirects=False
    )
    assert "before=2026-10-04" in answer.headers["location"]
    assert "Marked Easy (Sat 03 Oct) as long" in _notice(
        athlete.get(answer.headers["location"]).text
    )


def test_dates_are_in_the_athletes_time_zone(athlete: TestClient, store: Store) -> None:
    answer = athlete.put("/api/v1/profile", json={**PROFILE, "timezone": "America/New_York"})
    assert answer.status_code == 200
    late = dt.datetime(2026, 11, 4, 2, 30, tzinfo=dt.UTC)  # 21:30 on Tuesday in New York
    markup = '<img src=x onerror="alert(1)"> hills'
    _store(
        store,
        [
            Run(late, 1800.0, None, "", None, "fit", "recorded:late"),
            Run(late - dt.timedelta(days=1), 2400.0, None, markup, None, "gpx", "recorded:x"),
        ],
    )
    page = athlete.get("/runs").text
    assert "Tue 03 Nov 2026, 21:30</strong> Run · 30 min" in html.unescape(page)
    assert "<img" not in page and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; hills" in page
