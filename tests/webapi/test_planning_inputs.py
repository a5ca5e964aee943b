"""What the planner takes from the pages and the API (issue 10): races from the onboarding and
settings forms, race day on the week, the kind of a logged set."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

# The settings form as a person fills it in, before the fields each test adds.
FORM: dict[str, str | list[str]] = {
    "name": "Ana",
    "units": "kg",
    "equipment": ["towel", "partner"],
    "timezone": "UTC",
}


def test_races_are_entered_in_onboarding_and_settings(client: TestClient) -> None:
    form = {**FORM, "day_sun": "long", "races": "2027-10-03, 2027-04-18 2027-04-18"}
    assert client.post("/onboarding", data=form, follow_redirects=False).status_code == 303
    assert client.get("/api/v1/profile").json()["race_dates"] == ["2027-04-18", "2027-10-03"]
    settings = client.get("/settings").text
    assert 'id="races"' in settings and "2027-04-18, 2027-10-03" in settings
    # A settings form posted without the field keeps the races; an emptied field clears them.
    without = {k: v for k, v in form.items() if k != "races"}
    assert client.post("/onboarding", data=without, follow_redirects=False).status_code == 303
    assert client.get("/api/v1/profile").json()["race_dates"] == ["2027-04-18", "2027-10-03"]
    bad = client.post("/onboarding", data={**form, "races": "2027-13-40"})
    assert bad.status_code == 422 and "race_dates" in bad.text and "2027-13-40" in bad.text
    assert client.post("/onboarding", data={**form, "races": ""}).status_code in (200, 303)
    assert client.get("/api/v1/profile").json()["race_dates"] == []


def test_the_week_shows_a_race_as_a_race(client: TestClient) -> None:
    from tests.webapi.conftest import PROFILE

    today = dt.datetime.now(dt.UTC).date()
    race = today + dt.timedelta(days=(5 - today.weekday()) % 7 + 7)  # Saturday next week
    profile = {**PROFILE, "race_dates": [race.isoformat()]}
    assert client.put("/api/v1/profile", json=profile).status_code == 200
    page = client.get("/week").text
    row = page.split(race.strftime("%a %d"), 1)[1].split("</tr>", 1)[0]
    assert 'class="tag tag--race">race<' in row and "race day: no session" in row
    assert page.count("tag--race") == 1


def test_a_set_keeps_its_kind_and_the_logger_offers_every_kind(athlete: TestClient) -> None:
    from hamcoach.domain.records import SetKind
    from hamcoach.web.app import SET_KIND_LABELS

    assert {value for value, _ in SET_KIND_LABELS} == {k.value for k in SetKind}
    first = "00000000-0000-4000-8000-00000000a00"
    body: dict[str, object] = {
        "id": first + "1",
        "exercise": "lying-leg-curl",
        "reps": 12,
        "load": 20.0,
        "performed_at": dt.datetime.now(dt.UTC).isoformat(),
        "kind": "warmup",
    }
    stored = athlete.post("/api/v1/sets", json=body)
    assert stored.status_code == 201 and stored.json()["kind"] == "warmup"
    plain = athlete.post("/api/v1/sets", json={**body, "id": first + "2", "kind": None})
    assert plain.status_code == 422  # a kind is one of the four, or left out
    default = {k: v for k, v in body.items() if k != "kind"} | {"id": first + "3"}
    assert athlete.post("/api/v1/sets", json=default).json()["kind"] == "working"
    bad = athlete.post("/api/v1/sets", json={**body, "id": first + "4", "kind": "x"})
    assert bad.status_code == 422 and "warmup" in bad.text
    page = athlete.get("/today").text
    assert 'name="kind"' in page and ">Warm-up<" in page


def test_race_rules_are_profile_settings_in_the_api_and_the_settings_form(
    client: TestClient,
) -> None:
    from tests.webapi.conftest import PROFILE

    today = dt.datetime.now(dt.UTC).date()
    race = today + dt.timedelta(days=(5 - today.weekday()) % 7 + 7)  # Saturday next week
    rules = {"quiet_days": 1, "week_sessions": 1, "nordic_after_days": 4}
    body = {**PROFILE, "race_dates": [race.isoformat()], "race_rules": rules}
    assert client.put("/api/v1/profile", json=body).status_code == 200
    stored = client.get("/api/v1/profile").json()["race_rules"]
    assert stored == {**stored, **rules} and stored["nordic_before_days"] == 5
    plan = client.get("/api/v1/plan", params={"weeks": 3}).json()
    reasons = {r for w in plan["weeks"] for s in w["sessions"] for r in s["reasons"]}
    assert any("at most 1 session and none in the 1 day before the race" in r for r in reasons)
    refused = client.put("/api/v1/profile", json={**body, "race_rules": {"quiet_days": 9}})
    assert refused.status_code == 422 and "quiet_days" in refused.json()["detail"]
    # The settings form shows the rules and changes them; a form without them keeps them.
    page = client.get("/settings").text
    assert 'id="race_quiet_days"' in page and 'name="race_quiet_days"' in page
    assert "none in the 1 day before the race" in page
    form = {
        **FORM,
        "day_sun": "long",
        "race_quiet_days": "2",
        "race_week_sessions": "2",
        "race_week_sets_delta": "0",
        "race_nordic_before_days": "6",
        "race_nordic_after_days": "1",
    }
    assert client.post("/onboarding", data=form, follow_redirects=False).status_code == 303
    assert client.get("/api/v1/profile").json()["race_rules"] == {
        "week_sessions": 2,
        "week_sets_delta": 0,
        "quiet_days": 2,
        "nordic_before_days": 6,
        "nordic_after_days": 1,
    }
    plain = {k: v for k, v in form.items() if not k.startswith("race_")}
    assert client.post("/onboarding", data=plain, follow_redirects=False).status_code == 303
    assert client.get("/api/v1/profile").json()["race_rules"]["quiet_days"] == 2
    bad = client.post("/onboarding", data={**form, "race_quiet_days": "0"})
    assert bad.status_code == 422 and 'value="0"' in bad.text


def test_progression_rules_are_profile_settings(client: TestClient) -> None:
    from tests.webapi.conftest import PROFILE

    body = {**PROFILE, "progression_rules": {"break_days": 10, "drop_pct": 5}}
    assert client.put("/api/v1/profile", json=body).status_code == 200
    stored = client.get("/api/v1/profile").json()["progression_rules"]
    assert (stored["break_days"], stored["drop_pct"], stored["long_break_days"]) == (10, 5, 28)
    clash = {**PROFILE, "progression_rules": {"break_days": 30, "long_break_days": 20}}
    refused = client.put("/api/v1/profile", json=clash)
    assert refused.status_code == 422 and "long break must be longer" in refused.json()["detail"]
    page = client.get("/settings").text
    assert 'name="progression_break_days"' in page and 'value="10"' in page
    form = {
        **FORM,
        "progression_break_days": "21",
        "progression_long_break_days": "42",
        "progression_break_cut_pct": "5",
        "progression_long_break_cut_pct": "15",
        "progression_drop_pct": "10",
        "progression_resume_ramp_week": "2",
    }
    assert client.post("/onboarding", data=form, follow_redirects=False).status_code == 303
    assert client.get("/api/v1/profile").json()["progression_rules"] == {
        "break_days": 21,
        "long_break_days": 42,
        "break_cut_pct": 5,
        "long_break_cut_pct": 15,
        "drop_pct": 10,
        "resume_ramp_week": 2,
    }
    plain = {k: v for k, v in form.items() if not k.startswith("progression_")}
    assert client.post("/onboarding", data=plain, follow_redirects=False).status_code == 303
    assert client.get("/api/v1/profile").json()["progression_rules"]["break_days"] == 21


def test_a_sore_nordic_only_day_is_a_rest_day_on_the_today_page(client: TestClient) -> None:
    from hamcoach.web.deps import now_utc
    from tests.webapi.conftest import PROFILE

    profile = {**PROFILE, "equipment": ["partner"], "nordic_experienced": True}
    assert client.put("/api/v1/profile", json=profile).status_code == 200
    plan = client.get("/api/v1/plan", params={"weeks": 1}).json()
    first = dt.date.fromisoformat(plan["weeks"][0]["sessions"][0]["date"])
    noon = dt.datetime.combine(first, dt.time(12), dt.UTC)
    client.app.dependency_overrides[now_utc] = lambda: noon  # type: ignore[attr-defined]
    saved = client.post("/today/soreness", data={"soreness": "8"}, follow_redirects=False)
    assert saved.status_code == 303
    page = client.get("/today").text
    assert "soreness 8/10: rest today" in page and "Nothing to do today: rest." in page
    assert client.post("/today/soreness", data={"soreness": "x"}).status_code == 422
