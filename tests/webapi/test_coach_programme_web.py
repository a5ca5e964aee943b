"""Programme changes by a coach over HTTP (issue 14): the coach page's form and
POST /api/v1/coach/programme, for one athlete or a group, refusing nonsense with a reason and
keeping nothing then. Real app on SQLite, accounts mode."""

from __future__ import annotations

import datetime as dt
import typing

from fastapi.testclient import TestClient

from hamcoach.domain.profile import Profile
from hamcoach.domain.programme import every_code, setting_from_code
from hamcoach.storage.store import Store
from hamcoach.web.routes import pages_coach
from tests.webapi.coach_web import as_, link_ana


def test_the_programme_form_changes_a_plan_and_refuses_nonsense_with_a_reason(
    web: TestClient, store: Store
) -> None:
    link = link_ana(web, store)
    csrf = as_(web, "cora")
    page = web.get("/coach").text
    for code in ("sessions:3", "phase:taper", "exercise:exclude:nordic-curl", "nordic-ramp:off"):
        assert f'value="{code}"' in page  # the form offers each kind
    today = dt.datetime.now(dt.UTC).date()
    start = (today + dt.timedelta(days=1)).isoformat()
    who = f"athlete:{link.athlete_id}"
    for form, wanted, status in (
        ({"change": "phase:taper", "start": start}, "needs its last day", 400),
        ({"change": "exercise:prefer:leg-press", "start": start}, "no exercise", 400),
        ({"change": "sessions:9", "start": start}, "1-3", 400),
        ({"change": "sessions:\u00b2", "start": start}, "1-3", 400),  # a digit int() refuses
        ({"change": "rest-days:keep", "start": "2020-01-01"}, "today or later", 400),
        ({"change": "rest-days:keep", "start": start, "who": "athlete:\u00b2"}, "choose", 400),
        ({"change": "rest-days:keep", "start": start, "who": "athlete:999999"}, "no athlete", 404),
    ):
        refused = web.post("/coach/programme", data={"csrf": csrf, "who": who, **form})
        assert refused.status_code == status and wanted in refused.text, (form, refused.text)
    with store.uow() as uow:
        assert uow.athlete(link.athlete_id).programme.all() == []  # nothing was kept
    done = web.post(
        "/coach/programme",
        data={"csrf": csrf, "who": who, "change": "nordic-ramp:off", "start": start},
        follow_redirects=False,
    )
    assert done.status_code == 303 and "changed=1" in done.headers["location"]
    as_(web, "ana")
    account = web.get("/account").text
    assert "turned the Nordic ramp-in off from" in account


def test_the_programme_forms_options_are_every_setting_and_each_reads_back() -> None:
    codes = [code for _, options in pages_coach._change_options() for code, _ in options]
    assert sorted(codes) == sorted(every_code())  # each once, none missing
    for code in codes:
        setting = setting_from_code(code, dt.date(2026, 12, 31))  # each one parses
        assert setting.code == code


def test_the_api_changes_a_groups_programme_all_or_nothing(web: TestClient, store: Store) -> None:
    link = link_ana(web, store, group="Tuesday group")
    with store.uow() as uow:
        stranger = uow.athletes.add(Profile(name="Not Hers", equipment=frozenset({"towel"})))
        uow.commit()
    csrf = as_(web, "cora")
    start = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)).isoformat()
    headers = {"X-CSRF-Token": csrf}

    def post(body: dict[str, typing.Any]) -> typing.Any:
        return web.post("/api/v1/coach/programme", json=body, headers=headers)

    for body, status, wanted in (
        ({"athletes": [link.athlete_id, stranger], "change": "sessions:3"}, 404, "roster"),
        ({"group": "Nobody's", "change": "sessions:3"}, 404, "group"),
        ({"group": "Tuesday group", "change": "sessions:9"}, 422, "1-3"),
        ({"group": "Tuesday group", "change": "phase:taper"}, 422, "last day"),
        ({"change": "sessions:3"}, 422, "either"),
        ({"group": "Tuesday group", "athletes": [1], "change": "sessions:3"}, 422, "either"),
        ({"group": "Tuesday group", "change": "<b>sessions</b>"}, 422, "change"),
    ):
        refused = post({"start": start, **body})
        assert refused.status_code == status and wanted in refused.text, (body, refused.text)
    with store.uow() as uow:  # nothing was kept, not even for the athlete who is hers
        assert uow.athlete(link.athlete_id).programme.all() == []
        assert uow.athlete(stranger).programme.all() == []
    done = post({"group": "Tuesday group", "change": "sessions:3", "start": start})
    assert done.status_code == 200, done.text
    [changed] = done.json()["changed"]
    assert changed["athlete_id"] == link.athlete_id
    first = dt.date.fromisoformat(changed["from"])
    assert first.weekday() == 0 and first >= dt.date.fromisoformat(start)
    ana_csrf = as_(web, "ana")
    week = web.get("/api/v1/plan").json()
    reasons = " ".join(str(w) for w in week["weeks"])
    assert f"your coach cora set 3 sessions a week from {first:%a %d %b}" in reasons
    local = web.post(
        "/api/v1/coach/programme",
        json={"group": "x", "change": "sessions:2", "start": start},
        headers={"X-CSRF-Token": ana_csrf},
    )
    assert local.status_code == 403 and "coach" in local.text  # ana is no coach
