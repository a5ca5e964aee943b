"""Plans as iCalendar files: parse back with icalendar, stable UIDs, time zones."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from hamcoach.domain import CATALOGUE, InvalidInput, Plan, PlanRequest, RunningWeek, build_plan
from hamcoach.integrations.ics import estimated_duration, plan_to_ics, session_uid
from hamcoach.integrations.runs_import import parse_runs

MONDAY = dt.date(2026, 3, 16)  # the plan crosses the EU summer-time change on 29 March
WEEK = RunningWeek.parse("tue=key,thu=easy,sat=easy,sun=long")
GYM = frozenset({"seated-curl-machine", "nordic-bench", "towel"})
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def make_plan(equipment: frozenset[str] = GYM, weeks: int = 4) -> Plan:
    return build_plan(
        PlanRequest(equipment, WEEK, MONDAY, weeks=weeks, loads={"seated-leg-curl": 42.5})
    )


def export(plan: Plan, **kw: Any) -> bytes:
    args: dict[str, Any] = {
        "athlete_key": "athlete-7",
        "tz": "Europe/Paris",
        "session_time": None,
        "unit": "kg",
        "calendar_name": "Hamstrings - Ana",
        "now": NOW,
    }
    args.update(kw)
    return plan_to_ics(plan, **args)


def events(data: bytes) -> list[Any]:
    cal = Calendar.from_ical(data)
    return list(cal.walk("VEVENT"))


def test_all_day_calendar_parses_back() -> None:
    plan = make_plan()
    data = export(plan)
    cal = Calendar.from_ical(data)
    assert str(cal["PRODID"]).startswith("-//hamcoach//")
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["X-WR-CALNAME"]) == "Hamstrings - Ana"
    found = events(data)
    sessions = list(plan.sessions())
    assert len(found) == len(sessions)
    for event, session in zip(found, sessions, strict=True):
        assert event.decoded("DTSTART") == session.date
        assert event.decoded("DTEND") == session.date + dt.timedelta(days=1)
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert event.decoded("DTSTAMP") == NOW
        assert event.decoded("LAST-MODIFIED") == NOW
        assert str(event["SUMMARY"]).startswith("Hamstrings: ")
    assert not cal.walk("VTIMEZONE")


def test_summary_and_description_carry_targets_and_cues() -> None:
    plan = make_plan()
    first = events(export(plan))[0]
    assert str(first["SUMMARY"]) == "Hamstrings: Nordic 2x5, seated curl 3x10-12"
    text = str(first["DESCRIPTION"])
    assert "Nordic hamstring curl: 2 x 5 reps, body weight, rest 90 s between sets" in text
    assert "Seated leg curl: 3 x 10-12 reps, 42.5 kg" in text
    assert "ramp-in week 1 of 5" in text
    for cue in CATALOGUE.get("nordic-curl").cues.all():
        assert cue in text
    assert "Why this day" in text
    # Without a unit the load is still there, just unlabeled.
    assert "load 42.5" in str(events(export(plan, unit=None))[0]["DESCRIPTION"])


def test_uids_are_stable_across_a_changed_plan_and_unique() -> None:
    before = events(export(make_plan()))
    after = events(
        export(
            make_plan(frozenset({"lying-curl-machine", "towel"})), now=NOW + dt.timedelta(days=3)
        )
    )
    uids_before = [str(e["UID"]) for e in before]
    uids_after = [str(e["UID"]) for e in after]
    assert uids_before == uids_after
    assert len(set(uids_before)) == len(uids_before)
    assert [str(e["SUMMARY"]) for e in before] != [str(e["SUMMARY"]) for e in after]
    assert uids_before[0] == session_uid("athlete-7", before[0].decoded("DTSTART"))
    assert uids_before[0].startswith("hamcoach-")
    assert uids_before[0].endswith("@hamcoach")
    # The later export carries a higher SEQUENCE, so calendar apps take the update.
    assert int(after[0]["SEQUENCE"]) > int(before[0]["SEQUENCE"])
    # Another athlete gets other UIDs for the same days.
    other = events(export(make_plan(), athlete_key="athlete-8"))
    assert not {str(e["UID"]) for e in other} & set(uids_before)


def test_timed_events_round_trip_their_time_zone() -> None:
    plan = make_plan()
    data = export(plan, session_time=dt.time(18, 30))
    cal = Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert b"DTSTART;TZID=Europe/Paris:" in data
    offsets = set()
    for event, session in zip(cal.walk("VEVENT"), plan.sessions(), strict=True):
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None
        assert start.astimezone(PARIS).replace(tzinfo=None) == dt.datetime.combine(
            session.date, dt.time(18, 30)
        )
        assert event.decoded("DTEND") - start == estimated_duration(session)
        assert str(event["TRANSP"]) == "OPAQUE"
        offsets.add(start.utcoffset())
    # The plan crosses the summer-time change: both offsets appear, each at 18:30 local.
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}


def test_utc_events_have_no_timezone_block() -> None:
    data = export(make_plan(), tz="UTC", session_time=dt.time(6, 0))
    cal = Calendar.from_ical(data)
    assert not cal.walk("VTIMEZONE")
    first = cal.walk("VEVENT")[0]
    assert first.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert b"T060000Z" in data


def test_refused_input() -> None:
    with pytest.raises(InvalidInput, match="unknown time zone 'Mars/Olympus'"):
        export(make_plan(), tz="Mars/Olympus")
    with pytest.raises(InvalidInput, match="athlete key"):
        export(make_plan(), athlete_key="")


def test_two_sessions_on_one_day_get_distinct_uids() -> None:
    plan = make_plan(weeks=1)
    session = plan.weeks[0].sessions[0]
    doubled = Plan((type(plan.weeks[0])(1, MONDAY, (session, session)),))
    uids = [str(e["UID"]) for e in events(export(doubled))]
    assert uids[0] != uids[1]
    assert uids[1].endswith("-2@hamcoach")


def test_own_calendar_is_not_read_as_runs() -> None:
    result = parse_runs(export(make_plan()), name="plan.ics")
    assert result.runs == []
    assert any("hamcoach session" in s for s in result.skipped)


@given(
    st.sampled_from(["Europe/Paris", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]),
    st.times().map(lambda t: t.replace(second=0, microsecond=0)),
    st.integers(1, 6),
)
def test_any_zone_and_time_round_trips(tz: str, at: dt.time, weeks: int) -> None:
    plan = make_plan(weeks=weeks)
    found = events(export(plan, tz=tz, session_time=at))
    zone = zoneinfo.ZoneInfo(tz)
    for event, session in zip(found, plan.sessions(), strict=True):
        start = event.decoded("DTSTART")
        # Wall-clock times in a spring-forward gap shift; the day and the zone's instant agree.
        expected = dt.datetime.combine(session.date, at, tzinfo=zone)
        assert start.astimezone(dt.UTC) == expected.astimezone(dt.UTC)


def test_a_calendar_that_repeats_every_minute_is_refused_quickly() -> None:
    import time

    import pytest

    from hamcoach.integrations.errors import BadFile
    from hamcoach.integrations.ics import calendar_runs

    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x@t\r\n"
        b"DTSTAMP:20261101T000000Z\r\nDTSTART:20261101T060000Z\r\nSUMMARY:Easy run\r\n"
        b"RRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    began = time.monotonic()
    with pytest.raises(BadFile, match="repeats minutely"):
        calendar_runs(data, name="d.ics", tz=dt.UTC)
    assert time.monotonic() - began < 2
    daily = data.replace(b"FREQ=MINUTELY", b"FREQ=DAILY")
    runs, skipped = calendar_runs(daily, name="d.ics", tz=dt.UTC)
    assert len(runs) == 2000 and any("stopped after" in s for s in skipped)
