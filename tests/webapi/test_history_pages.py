"""The history that scales (issue 12, item 1): sessions newest first, one line each and opened on
tap, a page at a time with an "Older sessions" link, a filter by exercise, each exercise's
sessions with their top set and e1RM, and a set added to an earlier day. Real app on SQLite."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from fastapi.testclient import TestClient

from hamcoach.domain.records import LoggedSet, SetKind
from hamcoach.storage.store import Store

TODAY = dt.datetime.now(dt.UTC).date()
SESSION = re.compile(r"<details class=\"card history-session\"[^>]*>\s*<summary><strong>([^<]+)")


def _fill(store: Store, weeks: int) -> list[dt.date]:
    """Three sessions a week for `weeks` weeks before today: lying curls, and Nordics on Fridays."""
    days = []
    with store.uow() as uow:
        first = uow.athletes.first_id()
        assert first is not None
        scope = uow.athlete(first)
        for week in range(weeks):
            monday = TODAY - dt.timedelta(days=TODAY.weekday() + 7 * (week + 1))
            for offset in (0, 2, 4):
                day = monday + dt.timedelta(days=offset)
                days.append(day)
                session = scope.sessions.id_for(day)
                nordic = offset == 4
                for n in (1, 2, 3):
                    scope.sets.add(
                        LoggedSet(
                            id=str(uuid.uuid4()),
                            exercise="nordic-curl" if nordic else "lying-leg-curl",
                            variant=None,
                            stance=None,
                            side=None,
                            set_number=n,
                            target_reps_min=10,
                            target_reps_max=12,
                            target_load=None if nordic else 40.0,
                            reps=13 - n,
                            load=None if nordic else 40.0 + week % 3,
                            unit="kg",
                            rir=None,
                            performed_at=dt.datetime.combine(day, dt.time(18, n), dt.UTC),
                            session_date=day,
                            kind=SetKind.WORKING,
                        ),
                        session,
                    )
        uow.commit()
    return sorted(days, reverse=True)


def _dates(page: str) -> list[str]:
    return SESSION.findall(page)


def test_a_year_pages_by_session_newest_first(athlete: TestClient, store: Store) -> None:
    days = _fill(store, 52)
    first = athlete.get("/history")
    assert first.status_code == 200
    shown = _dates(first.text)
    assert shown == [f"{d:%a %d %b %Y}" for d in days[:10]]
    assert "data-history-session open" not in first.text  # each folded to its line
    older = re.search(r'data-history-older href="([^"]+)"', first.text)
    assert older is not None
    second = athlete.get(older.group(1).replace("&amp;", "&"))
    assert _dates(second.text) == [f"{d:%a %d %b %Y}" for d in days[10:20]]
    assert "data-history-session open" not in second.text
    # One line per session says what it held.
    assert re.search(r"Lying leg curl 3 · top 4[0-2] kg", first.text)


def test_the_filter_shows_one_exercise_and_its_sessions(athlete: TestClient, store: Store) -> None:
    days = _fill(store, 4)
    page = athlete.get("/history", params={"exercise": "nordic-curl"}).text
    fridays = [d for d in days if d.weekday() == 4]
    assert _dates(page) == [f"{d:%a %d %b %Y}" for d in fridays]
    rows = re.findall(r'data-exercise-name="([^"]+)"', page)
    assert rows and set(rows) == {"Nordic hamstring curl"}
    unknown = athlete.get("/history", params={"exercise": "leg-press"})
    assert unknown.status_code == 422 and "leg-press" in unknown.text


def test_each_exercise_has_its_sessions_with_top_set_and_e1rm(
    athlete: TestClient, store: Store
) -> None:
    days = _fill(store, 2)
    page = athlete.get("/history/lying-leg-curl").text
    rows = re.findall(
        r"<tr><th scope=\"row\">([^<]+)</th><td>(\d+)</td><td>([^<]+)</td><td>([^<]+)</td>", page
    )
    lying = [d for d in days if d.weekday() != 4]
    assert [r[0] for r in rows] == [f"{d:%a %d %b %Y}" for d in lying]
    # Week 0 (the latest): 3 sets of 12, 11, 10 at 40 kg: top 12 x 40, e1RM 40 x 1.4 = 56.
    assert rows[0][1:] == ("3", "12 reps \u00d7 40 kg", "56")


def test_a_set_is_added_to_an_earlier_day(athlete: TestClient) -> None:
    day = TODAY - dt.timedelta(days=9)
    form = {"date": day.isoformat(), "exercise": "lying-leg-curl", "reps": "11", "load": "37,5"}
    done = athlete.post("/history/sets", data=form, follow_redirects=False)
    assert done.status_code == 303
    shown = athlete.get(done.headers["location"]).text
    assert _dates(shown)[0] == f"{day:%a %d %b %Y}"  # its page, the day first and open
    assert "data-history-session open" in shown
    [stored] = athlete.get("/api/v1/sets").json()
    assert (stored["session_date"], stored["reps"], stored["load"]) == (day.isoformat(), 11, 37.5)
    future = {**form, "date": (TODAY + dt.timedelta(days=2)).isoformat()}
    refused = athlete.post("/history/sets", data=future)
    assert refused.status_code == 422 and "future" in refused.text
    no_load = athlete.post("/history/sets", data={**form, "load": ""})
    assert no_load.status_code == 422 and "needs a load" in no_load.text
    assert len(athlete.get("/api/v1/sets").json()) == 1  # nothing half-written
