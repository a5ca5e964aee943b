"""Coaching over HTTP (issue 14, first slice): a coach makes an invitation (link and QR code), an
athlete opens it (nothing shared yet), accepts, shows up on the coach's page, and leaves; a
non-coach is refused the coach's page; an expired or used invitation says why; text a person
typed is shown as text. Real app on SQLite, accounts mode."""

from __future__ import annotations

import datetime as dt
import re
import typing
import uuid
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from hamcoach.domain.profile import Profile
from hamcoach.domain.roster import SORTS, Standing
from hamcoach.services.accounts import add_user, attach_athlete
from hamcoach.services.clubs import put_in_club
from hamcoach.storage.store import Store
from hamcoach.web.routes import pages_coach
from hamcoach.web.routes.coaching import read_roster
from tests.webapi.coach_web import as_, invite, link_ana
from tests.webapi.conftest import COACH_PASSWORD as PASSWORD
from tests.webapi.conftest import PROFILE


def test_an_athlete_accepts_shows_on_the_roster_and_leaves(web: TestClient) -> None:
    csrf = as_(web, "cora")
    assert "No athlete has accepted" in web.get("/coach").text
    secret = invite(web, csrf, "Tuesday squad")
    assert "Invitations waiting" in web.get("/coach").text
    assert "for Tuesday squad" in web.get("/coach").text

    csrf = as_(web, "ana")
    page = web.get(f"/invite/{secret}")
    assert page.status_code == 200
    assert "cora invites you" in page.text and "before today" in page.text
    assert "Tuesday squad" in page.text
    refused = web.post(f"/invite/{secret}", follow_redirects=False)  # no CSRF token
    assert refused.status_code == 403
    accepted = web.post(f"/invite/{secret}", data={"csrf": csrf}, follow_redirects=False)
    assert accepted.status_code == 303 and accepted.headers["location"] == "/account?coached=1"
    account = web.get("/account?coached=1").text
    assert "Invitation accepted" in account and "<strong>cora</strong>" in account
    again = web.post(f"/invite/{secret}", data={"csrf": csrf})
    assert again.status_code == 409 and "accepted already" in again.text
    assert web.get("/coach").status_code == 403  # ana is no coach

    csrf = as_(web, "cora")
    roster = web.get("/coach").text
    assert (
        f">{PROFILE['name']}</a></h3>" in roster
        and '<span class="tag">Tuesday squad</span>' in roster
    )
    assert "Inactive" in roster and "nothing logged yet" in roster  # ana logged nothing yet
    assert "None waiting." in roster
    name = str(PROFILE["name"])
    card = f">{name}</a></h3>"  # the athlete's card (the programme form lists everyone)
    assert card not in web.get("/coach?status=on-track").text
    assert card in web.get("/coach?status=inactive&group=Tuesday+squad").text
    assert "No athlete matches" in web.get("/coach?q=zzz").text
    csv_file = web.get("/coach/roster.csv")
    assert csv_file.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_file.headers["content-disposition"]
    lines = csv_file.text.splitlines()
    assert lines[0].startswith("Athlete,Group,Status,Reasons,This week,Last 4 weeks")
    assert lines[1].startswith(f"{PROFILE['name']},Tuesday squad,Inactive,nothing logged yet,")
    assert len(web.get("/coach/roster.csv?status=on-track").text.splitlines()) == 1

    athlete = re.search(r'href="/coach/athletes/(\d+)"', roster)
    assert athlete is not None
    seen = web.get(f"/coach/athletes/{athlete.group(1)}?range=4w")
    assert seen.status_code == 200 and f"{name}: progress" in seen.text
    assert "Read-only: shared with you since" in seen.text
    assert f'href="/coach/athletes/{athlete.group(1)}?range=1y"' in seen.text
    assert web.get("/coach/athletes/999").status_code == 404

    csrf = as_(web, "ana")
    coach_id = re.search(r'action="/account/coaches/(\d+)/leave"', web.get("/account").text)
    assert coach_id is not None
    left = web.post(f"/account/coaches/{coach_id.group(1)}/leave", data={"csrf": csrf})
    assert left.status_code == 200 and "they no longer see any of your data" in left.text
    assert "Before: cora" in left.text
    assert web.get("/api/v1/profile").json()["name"] == PROFILE["name"]  # the data stays

    as_(web, "cora")
    assert "No athlete has accepted" in web.get("/coach").text
    gone = web.get(f"/coach/athletes/{athlete.group(1)}")
    assert gone.status_code == 404 and name not in gone.text  # nothing once the link ended


def test_a_withdrawn_or_unknown_invitation_says_why_and_typed_text_stays_text(
    web: TestClient,
) -> None:
    csrf = as_(web, "cora")
    secret = invite(web, csrf, "<script>alert(1)</script>")
    page = web.get("/coach").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    invitation_id = re.search(r'action="/coach/invitations/(\d+)/withdraw"', page)
    assert invitation_id is not None
    done = web.post(f"/coach/invitations/{invitation_id.group(1)}/withdraw", data={"csrf": csrf})
    assert done.status_code == 200 and "Invitation withdrawn" in done.text
    too_long = web.post("/coach/invitations", data={"csrf": csrf, "group": "x" * 41})
    assert too_long.status_code == 400 and "at most 40 characters" in too_long.text

    as_(web, "ana")
    withdrawn = web.get(f"/invite/{secret}")
    assert withdrawn.status_code == 409 and "withdrew this invitation" in withdrawn.text
    unknown = web.get("/invite/not-a-real-secret")
    assert unknown.status_code == 404 and "not valid" in unknown.text


def test_the_api_sort_names_are_the_domain_sorts() -> None:
    hints = typing.get_type_hints(read_roster, include_extras=True)
    assert set(typing.get_args(typing.get_args(hints["sort"])[0])) == set(SORTS)
    status = typing.get_args(typing.get_args(hints["status"])[0])[0]
    assert set(typing.get_args(status)) == {s.value for s in Standing}


def test_the_roster_api_serves_a_coach_only(web: TestClient) -> None:
    csrf = as_(web, "cora")
    assert web.get("/api/v1/coach/roster").json() == {"athletes": [], "total": 0, "next": None}
    secret = invite(web, csrf, "squad")
    csrf = as_(web, "ana")
    web.post(f"/invite/{secret}", data={"csrf": csrf})
    refused = web.get("/api/v1/coach/roster")
    assert refused.status_code == 403 and "coach" in refused.json()["detail"]
    as_(web, "cora")
    [athlete] = web.get("/api/v1/coach/roster?sort=name").json()["athletes"]
    assert (athlete["name"], athlete["group"], athlete["status"]) == (
        PROFILE["name"],
        "squad",
        "inactive",
    )
    assert athlete["reasons"] == ["nothing logged yet"] and athlete["last_session"] is None
    assert web.get("/api/v1/coach/roster?status=on-track").json()["athletes"] == []
    assert web.get("/api/v1/coach/roster?sort=sideways").status_code == 422


def test_a_session_thread_between_athlete_and_coach_shows_text_as_text(web: TestClient) -> None:
    csrf = as_(web, "cora")
    secret = invite(web, csrf)
    csrf = as_(web, "ana")
    web.post(f"/invite/{secret}", data={"csrf": csrf})
    at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    logged = web.post(
        "/api/v1/sets",
        json={
            "id": str(uuid.uuid4()),
            "exercise": "lying-leg-curl",
            "reps": 10,
            "load": 30,
            "performed_at": at.isoformat(),
        },
        headers={"X-CSRF-Token": csrf},
    )
    assert logged.status_code == 201
    day = at.date().isoformat()
    script = "<script>alert('x')</script>\nknee fine"
    posted = web.post("/history/comments", data={"csrf": csrf, "date": day, "body": script})
    assert posted.status_code == 200 and "1 comment" in posted.text
    assert "<script>alert('x')</script>" not in posted.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\nknee fine" in posted.text
    refused = web.post("/history/comments", data={"csrf": csrf, "date": day, "body": "   "})
    assert refused.status_code == 422 and "some text" in refused.text

    as_(web, "cora")
    roster = web.get("/coach").text
    assert "1 new comment" in roster
    athlete = re.search(r'href="/coach/athletes/(\d+)"', roster)
    assert athlete is not None
    page = web.get(f"/coach/athletes/{athlete.group(1)}").text
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert "new comment" not in web.get("/coach").text  # read by opening the athlete's page
    token = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)
    assert token is not None
    reply = web.post(
        f"/coach/athletes/{athlete.group(1)}/comments",
        data={"csrf": token.group(1), "date": day, "body": "Good, add 2.5 kg next time"},
    )
    assert reply.status_code == 200 and "Good, add 2.5 kg next time" in reply.text
    assert "new comment" not in web.get("/coach").text  # the coach's own comment is not new

    as_(web, "ana")
    history = web.get("/history").text
    assert "2 comments" in history and "Good, add 2.5 kg next time" in history
    assert "<strong>cora</strong>" in history and "<strong>You</strong>" in history


def test_a_head_coach_sees_the_club_and_moves_an_athlete(web: TestClient, store: Store) -> None:
    now = dt.datetime.now(dt.UTC)
    add_user(store.uow(), "hana", PASSWORD, now=now)
    add_user(store.uow(), "carl", PASSWORD, now=now)
    for name, head in (("hana", True), ("cora", False), ("carl", False)):
        put_in_club(store.uow(), name, "North RC", now, head=head)
    csrf = as_(web, "cora")
    secret = invite(web, csrf, "squad")
    csrf = as_(web, "ana")
    page = web.get(f"/invite/{secret}").text
    assert "<strong>North RC</strong>: its head coach (hana) see the same" in page
    web.post(f"/invite/{secret}", data={"csrf": csrf})
    assert web.get("/club").status_code == 403  # an athlete
    as_(web, "cora")
    assert web.get("/club").status_code == 403  # a coach, not the head

    csrf = as_(web, "hana")
    assert "North RC: every coach's athletes" in web.get("/coach").text
    club = web.get("/club").text
    assert "<h1>North RC</h1>" in club and f">{PROFILE['name']}</a></h3>" in club
    athlete = re.search(r'name="athlete" value="(\d+)"', club)
    source = re.search(r'name="from" value="(\d+)"', club)
    carl = re.search(r'<option value="(\d+)">carl</option>', club)
    assert athlete is not None and source is not None and carl is not None
    seen = web.get(f"/coach/athletes/{athlete.group(1)}")
    assert seen.status_code == 200 and "<textarea" not in seen.text  # a head coach reads only
    moved = web.post(
        "/club/move",
        data={
            "csrf": csrf,
            "athlete": athlete.group(1),
            "from": source.group(1),
            "to": carl.group(1),
        },
    )
    assert moved.status_code == 200 and "Athlete moved" in moved.text
    as_(web, "cora")
    assert web.get(f"/coach/athletes/{athlete.group(1)}").status_code == 404
    as_(web, "carl")
    assert f">{PROFILE['name']}</a></h3>" in web.get("/coach").text


def test_a_large_roster_comes_a_page_at_a_time_with_its_filters_kept(
    web: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = dt.datetime.now(dt.UTC)
    with store.uow() as uow:
        cora = uow.accounts.users.by_username("cora")
        assert cora is not None
    for k in range(5):
        account = add_user(store.uow(), f"runner{k}", None, now=now)
        with store.uow() as uow:
            athlete = uow.athletes.add(Profile(name=f"Runner {k}", equipment=frozenset({"towel"})))
            uow.commit()
        attach_athlete(store.uow(), account, athlete)
        with store.uow() as uow:
            uow.coaching.links.start(cora.id, athlete, now, "squad")
            uow.commit()
    as_(web, "cora")
    first = web.get("/api/v1/coach/roster?sort=name&limit=2").json()
    assert [a["name"] for a in first["athletes"]] == ["Runner 0", "Runner 1"]
    assert (first["total"], first["next"]) == (5, 2)
    last = web.get("/api/v1/coach/roster?sort=name&limit=2&offset=4").json()
    assert [a["name"] for a in last["athletes"]] == ["Runner 4"] and last["next"] is None
    monkeypatch.setattr(pages_coach, "PAGE_SIZE", 2)
    page = web.get("/coach?sort=name&q=runner&page=2").text
    cards = re.findall(r'<h3><a href="/coach/athletes/\d+">([^<]+)</a>', page)
    assert cards == ["Runner 2", "Runner 3"]
    assert "3\N{EN DASH}4 of 5" in page
    assert 'href="/coach?status=&amp;group=&amp;q=runner&amp;sort=name&amp;page=3"' in page
    beyond = web.get("/coach?sort=name&q=runner&page=99").text  # the last page, not an error
    assert "Runner 4" in beyond and "Page 3 of 3" in beyond
    for odd in ("\u00b2", "0", "-1", "9" * 40):  # the first page, not an error
        assert "Page 1 of 3" in web.get("/coach", params={"sort": "name", "page": odd}).text


def test_a_comments_time_is_shown_in_the_viewers_own_time_zone(web: TestClient) -> None:
    csrf = as_(web, "ana")
    zone = "Asia/Kathmandu"  # +05:45: no whole-hour slip can pass for it
    profile = web.put(
        "/api/v1/profile", json={**PROFILE, "timezone": zone}, headers={"X-CSRF-Token": csrf}
    )
    assert profile.status_code == 200, profile.text
    before = dt.datetime.now(dt.UTC)
    day = before.astimezone(ZoneInfo(zone)).date().isoformat()
    one = {"id": str(uuid.uuid4()), "exercise": "lying-leg-curl", "reps": 10, "load": 30}
    logged = web.post(
        "/api/v1/sets",
        json={**one, "performed_at": before.isoformat()},
        headers={"X-CSRF-Token": csrf},
    )
    assert logged.status_code == 201
    posted = web.post("/history/comments", data={"csrf": csrf, "date": day, "body": "fine"})
    assert posted.status_code == 200
    shown = re.findall(r'<span class="muted">(\d\d \w{3} \d\d:\d\d [^<]*)</span>', posted.text)
    candidates = {
        (at.astimezone(ZoneInfo(zone))).strftime("%d %b %H:%M +0545")
        for at in (before, before + dt.timedelta(minutes=1))
    }
    assert shown and shown[-1] in candidates, (shown, candidates)


def test_the_todays_session_summary_holds_its_thread_with_the_coach(web: TestClient) -> None:
    csrf = as_(web, "cora")
    secret = invite(web, csrf)
    csrf = as_(web, "ana")
    web.post(f"/invite/{secret}", data={"csrf": csrf})
    day = web.get("/api/v1/today").json()["date"]
    posted = web.post(
        "/history/comments",
        data={"csrf": csrf, "date": day, "body": "<i>left knee</i> fine", "back": "today"},
        follow_redirects=False,
    )
    assert posted.status_code == 303 and posted.headers["location"] == "/today#comments"
    today = web.get("/today").text
    summary = today[today.index("data-guided-summary ") :]
    assert "Comments with your coach" in summary
    assert "&lt;i&gt;left knee&lt;/i&gt; fine" in summary and "<i>left" not in summary
    assert 'name="back" value="today"' in summary


def test_a_coach_sees_the_athletes_weeks_read_only(web: TestClient, store: Store) -> None:
    link = link_ana(web, store)
    own = web.get("/week").text
    assert 'action="/week/move"' in own  # the athlete moves sessions on her page
    as_(web, "cora")
    base = f"/coach/athletes/{link.athlete_id}"
    assert f'href="{base}/week"' in web.get(base).text
    page = web.get(f"{base}/week")
    assert page.status_code == 200 and "Ana: weeks" in page.text
    assert 'action="/week/move"' not in page.text and "draggable" not in page.text
    planned = re.findall(r'<tr id="day-(\d{4}-\d\d-\d\d)"', own)
    assert planned and planned == re.findall(r'<tr id="day-(\d{4}-\d\d-\d\d)"', page.text)
    later = web.get(f"{base}/week", params={"start": planned[-1]}).text
    assert f'href="{base}?start=' not in later and f'href="{base}/week?start=' in later


def test_a_linked_coach_sees_what_was_logged_before_the_link_and_nothing_after_it_ends(
    web: TestClient, store: Store
) -> None:
    """The documented rule (README, "What a linked coach sees"): the whole record, from before
    the link too, while linked; nothing once the athlete leaves."""
    csrf = as_(web, "ana")
    before = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    one = {"id": str(uuid.uuid4()), "exercise": "lying-leg-curl", "reps": 10, "load": 42.5}
    logged = web.post(
        "/api/v1/sets",
        json={**one, "performed_at": before.isoformat()},
        headers={"X-CSRF-Token": csrf},
    )
    assert logged.status_code == 201
    csrf = as_(web, "cora")
    secret = invite(web, csrf)
    csrf = as_(web, "ana")
    web.post(f"/invite/{secret}", data={"csrf": csrf})
    with store.uow() as uow:
        cora = uow.accounts.users.by_username("cora")
        assert cora is not None
        [link] = uow.coaching.links.of_coach(cora.id)
    assert link.started_at > before
    as_(web, "cora")
    page = web.get(f"/coach/athletes/{link.athlete_id}").text
    assert f"{before:%a %d %b %Y}" in page  # the session from before the link
    csrf = as_(web, "ana")
    left = web.post(f"/account/coaches/{cora.id}/leave", data={"csrf": csrf})
    assert left.status_code in (200, 303)
    as_(web, "cora")
    assert web.get(f"/coach/athletes/{link.athlete_id}").status_code == 404
    assert web.get(f"/coach/athletes/{link.athlete_id}/week").status_code == 404
