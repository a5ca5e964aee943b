"""A hostile calendar cannot take the server down: every rule is bounded before it is expanded,
and reading runs in a child process with a CPU, memory and time budget (issue 8)."""

from __future__ import annotations

import datetime as dt
import re
import resource
import time
import zoneinfo
from collections.abc import Callable
from typing import Any

import pytest
import recurring_ical_events
from icalendar import Calendar, Event

from hamcoach.integrations.errors import BadFile
from hamcoach.integrations.ics import MAX_OCCURRENCES, calendar_runs
from hamcoach.integrations.ics_runs import looks_like_run
from hamcoach.integrations.runs_import import parse_runs

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
YEAR_2026 = (dt.date(2026, 1, 1), dt.date(2027, 1, 1))
REFUSED_WITHIN_S = 2.0
PARENT_GROWTH_KB = 50 * 1024  # the parent reads the reply only: its peak memory barely moves
TARGETS = "tests.integrations.sandbox_targets"


def vevent(
    rule: str | None,
    *,
    uid: str = "x",
    start: str = "20260105T063000Z",
    summary: str = "Easy run 8 km",
    extra: str = "",
) -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}@coach",
        "DTSTAMP:20260101T000000Z",
        f"DTSTART{start if start.startswith(';') else ':' + start}",  # ;TZID=...:... or a value
        f"SUMMARY:{summary}",
    ]
    if rule is not None:
        lines.append(f"RRULE:{rule}")
    if extra:
        lines.append(extra)
    return "\r\n".join([*lines, "END:VEVENT"]) + "\r\n"


def calendar(*events: str) -> bytes:
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//hostile//EN\r\n"
    return (head + "".join(events) + "END:VCALENDAR\r\n").encode()


def numbers(top: int) -> str:
    return ",".join(str(i) for i in range(top))


def timed(call: Callable[[], Any]) -> tuple[Any, float, int]:
    """What `call` returned or raised, its wall time, and how much the parent's peak RSS grew."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.monotonic()
    try:
        outcome: Any = call()
    except BadFile as exc:
        outcome = exc
    elapsed = time.monotonic() - began
    return outcome, elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before


EVERY_SECOND = vevent(
    f"FREQ=DAILY;BYHOUR={numbers(24)};BYMINUTE={numbers(60)};BYSECOND={numbers(60)}"
)
HOSTILE: dict[str, tuple[bytes, str]] = {
    "every second of every day (618 bytes)": (
        calendar(EVERY_SECOND),
        r"BY\w+ has (24|60) values: at most 1",
    ),
    "INTERVAL=0": (
        calendar(vevent("FREQ=DAILY;INTERVAL=0")),
        r"INTERVAL=0 is out of range \(use 1 to 1000\)",
    ),
    "INTERVAL too large": (
        calendar(vevent("FREQ=WEEKLY;INTERVAL=100000")),
        r"INTERVAL=100000 is out of range",
    ),
    "DTSTART in year 0001": (
        calendar(vevent("FREQ=DAILY", start="00010101T000000")),
        r"DTSTART 0001-01-01T00:00:00 is out of range \(use a year from 1900 to 2100\)",
    ),
    "DTSTART in year 9999": (
        calendar(vevent(None, start="99991231")),
        r"DTSTART 9999-12-31 is out of range",
    ),
    "200 impossible rules": (
        calendar(*(vevent("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", uid=f"r{i}") for i in range(200))),
        r"more than 100 repeating rules in the calendar",
    ),
    "one impossible rule": (
        calendar(vevent("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")),
        r"never occurs: no month allowed by BYMONTH has day 30",
    ),
    "5000 daily events": (
        calendar(*(vevent("FREQ=DAILY", uid=f"d{i}") for i in range(5000))),
        r"more than 1000 VEVENT components",
    ),
    "FREQ=FOO": (
        calendar(vevent("FREQ=FOO")),
        r"FREQ=FOO is unknown \(use DAILY, WEEKLY, MONTHLY or YEARLY\)",
    ),
    "no FREQ": (calendar(vevent("BYDAY=MO")), r"has no FREQ"),
    "FREQ=SECONDLY": (
        calendar(vevent("FREQ=SECONDLY")),
        r"repeats secondly: runs repeat daily at most",
    ),
    "COUNT=10**12": (
        calendar(vevent(f"FREQ=DAILY;COUNT={10**12}")),
        r"COUNT=1000000000000 is out of range \(use 1 to 5000\)",
    ),
    "COUNT=0": (calendar(vevent("FREQ=DAILY;COUNT=0")), r"COUNT=0 is out of range"),
    "UNTIL with COUNT": (
        calendar(vevent("FREQ=DAILY;COUNT=3;UNTIL=20260201T000000Z")),
        r"both COUNT and UNTIL",
    ),
    "UNTIL in year 0001": (
        calendar(vevent("FREQ=DAILY;UNTIL=00010101")),
        r"UNTIL=00010101 is out of range",
    ),
    "BYMONTH=13": (
        calendar(vevent("FREQ=YEARLY;BYMONTH=13")),
        r"BYMONTH=13 is out of range \(1 to 12",
    ),
    "BYMONTHDAY=32": (
        calendar(vevent("FREQ=MONTHLY;BYMONTHDAY=32")),
        r"BYMONTHDAY=32 is out of range",
    ),
    "BYYEARDAY=0": (
        calendar(vevent("FREQ=YEARLY;BYYEARDAY=0")),
        r"BYYEARDAY=0 is out of range \(-366 to 366, not 0\)",
    ),
    "BYWEEKNO=54": (calendar(vevent("FREQ=YEARLY;BYWEEKNO=54")), r"BYWEEKNO=54 is out of range"),
    "BYWEEKNO with WEEKLY": (
        calendar(vevent("FREQ=WEEKLY;BYWEEKNO=3")),
        r"BYWEEKNO is only allowed with FREQ=YEARLY",
    ),
    "BYSETPOS=400": (
        calendar(vevent("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=400")),
        r"BYSETPOS=400 is out of range",
    ),
    "BYSETPOS past the period": (
        calendar(vevent("FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3")),
        r"never occurs: BYSETPOS asks for positions beyond",
    ),
    "BYDAY=6MO monthly": (calendar(vevent("FREQ=MONTHLY;BYDAY=6MO")), r"BYDAY=6MO never occurs"),
    "BYDAY ordinal with DAILY": (
        calendar(vevent("FREQ=DAILY;BYDAY=1MO")),
        r"BYDAY=1MO takes no number with FREQ=DAILY",
    ),
    "BYDAY=XX": (calendar(vevent("FREQ=WEEKLY;BYDAY=XX")), r"BYDAY=XX is not a weekday"),
    "BYHOUR=24": (
        calendar(vevent("FREQ=DAILY;BYHOUR=24")),
        r"BYHOUR=24 is out of range \(0 to 23\)",
    ),
    "BYSECOND=60": (calendar(vevent("FREQ=DAILY;BYSECOND=60")), r"BYSECOND=60 is out of range"),
    "BYHOUR on an all-day event": (
        calendar(vevent("FREQ=DAILY;BYHOUR=6", start="20260105")),
        r"BYHOUR is not allowed for an all-day event",
    ),
    "a list of 40 month days": (
        calendar(
            vevent(
                "FREQ=MONTHLY;BYMONTHDAY="
                + ",".join(str(-d) for d in range(1, 32))
                + ",1,2,3,4,5,6,7,8,9"
            )
        ),
        r"BYMONTHDAY has 40 values \(at most 31\)",
    ),
    "a repeated value": (
        calendar(vevent("FREQ=WEEKLY;BYDAY=MO,MO")),
        r"BYDAY=MO,MO repeats a value",
    ),
    "WKST=XX": (calendar(vevent("FREQ=WEEKLY;WKST=XX")), r"WKST=XX is not a weekday"),
    "an unknown part": (
        calendar(vevent("FREQ=DAILY;RSCALE=GREGORIAN")),
        r"part 'RSCALE=GREGORIAN' is unknown",
    ),
    "a bad EXRULE": (
        calendar(vevent("FREQ=DAILY", extra="EXRULE:FREQ=MINUTELY")),
        r"repeats minutely",
    ),
    "every 7 days never on a Monday": (
        calendar(vevent("FREQ=DAILY;INTERVAL=7;BYDAY=MO", start="20260106T063000Z")),
        r"never occurs: every 7 days from a TU never lands on BYDAY",
    ),
    "a huge RDATE list": (
        calendar(
            vevent(
                None,
                extra="RDATE:"
                + ",".join(
                    [f"2025{m:02}{d:02}T063000Z" for m in range(1, 13) for d in range(1, 29)]
                    + [f"2026{m:02}{d:02}T063000Z" for m in range(1, 13) for d in range(1, 29)]
                ),
            )
        ),
        r"672 RDATE and EXDATE values \(at most 500 in one event\)",
    ),
    "EXDATEs over the calendar's total": (
        calendar(
            *(
                vevent(
                    "FREQ=DAILY",
                    uid=f"e{i}",
                    extra="EXDATE:"
                    + ",".join([f"2026{m:02}05T063000Z" for m in range(1, 13)] * 20),
                )
                for i in range(10)
            )
        ),
        r"more than 2000 RDATE and EXDATE values in the calendar",
    ),
    "five RRULE lines": (
        calendar(vevent("FREQ=DAILY", extra="\r\n".join(["RRULE:FREQ=WEEKLY"] * 4))),
        r"5 RRULE and EXRULE lines \(at most 4\)",
    ),
    "rare rules from 1900 over their step budget": (
        calendar(
            *(
                vevent(
                    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=5000",
                    uid=f"s{i}",
                    start="19000101T063000Z",
                )
                for i in range(100)
            )
        ),
        r"needs more than 400000 steps to expand",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_calendars_are_refused_quickly_and_cheaply(case: str) -> None:
    data, reason = HOSTILE[case]
    outcome, elapsed, growth = timed(
        lambda: calendar_runs(data, name="hostile.ics", tz=dt.UTC, window=YEAR_2026)
    )
    assert isinstance(outcome, BadFile), f"{case}: imported {outcome!r}"
    assert str(outcome).startswith("hostile.ics: ")
    assert "\n" not in str(outcome)
    assert outcome.problem == outcome.problem.strip()
    assert elapsed < REFUSED_WITHIN_S, f"{case}: {elapsed:.2f} s"
    assert growth < PARENT_GROWTH_KB
    assert re.search(reason, outcome.problem), outcome.problem


def test_the_618_byte_event_names_the_event() -> None:
    data = calendar(EVERY_SECOND)
    assert 550 < len(EVERY_SECOND) < 700
    with pytest.raises(BadFile, match=r"event 'Easy run 8 km': RRULE BY"):
        calendar_runs(data, name="hostile.ics", tz=dt.UTC)


def test_without_a_window_the_earliest_occurrences_are_read_and_capped() -> None:
    data = calendar(
        vevent("FREQ=DAILY"), vevent("FREQ=WEEKLY;BYDAY=SA", uid="w", summary="Parkrun")
    )
    outcome, elapsed, _ = timed(lambda: calendar_runs(data, name="c.ics", tz=dt.UTC))
    runs, skipped = outcome
    assert len(runs) == MAX_OCCURRENCES
    assert any("stopped after" in s for s in skipped)
    assert max(r.start for r in runs) < dt.datetime(2031, 1, 1, tzinfo=dt.UTC)
    assert elapsed < REFUSED_WITHIN_S


def test_a_rare_but_possible_rule_is_read_without_searching_to_9999() -> None:
    # Monday 29 February: 2044, 2072, ... dateutil would walk every day to year 9999 after them.
    data = calendar(
        vevent("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", start="20240101T063000Z"),
        vevent("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", uid="y", start="20240101T063000Z"),
    )
    outcome, elapsed, _ = timed(
        lambda: calendar_runs(
            data, name="rare.ics", tz=dt.UTC, window=(dt.date(2024, 1, 1), dt.date(2099, 1, 1))
        )
    )
    runs, _ = outcome
    days = sorted({r.start.date() for r in runs})
    assert days == [dt.date(2024, 1, 1), dt.date(2044, 2, 29), dt.date(2072, 2, 29)]
    assert elapsed < REFUSED_WITHIN_S


@pytest.mark.parametrize("window", [YEAR_2026, None])
def test_rules_that_never_occur_cost_one_period_each(
    window: tuple[dt.date, dt.date] | None,
) -> None:
    # Week 1 never falls in June: only the expansion can tell, and dateutil would search each
    # of these rules until year 9999 (one such search alone is over the budget). Here each
    # costs one one-year rule per year walked (to 2100 without a window: 60 x 75 years x 50
    # steps, well under the step budget). With 99 rules, just under it, a loaded CI machine
    # ran past the reader's 1 s of CPU first (stop 21).
    data = calendar(
        *(vevent("FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6", uid=f"n{i}") for i in range(60)),
        vevent(None, uid="once"),
    )
    outcome, elapsed, growth = timed(
        lambda: calendar_runs(data, name="never.ics", tz=dt.UTC, window=window)
    )
    assert not isinstance(outcome, BadFile), outcome
    assert elapsed < REFUSED_WITHIN_S and growth < PARENT_GROWTH_KB
    runs, _ = outcome  # each DTSTART, and nothing else
    assert len(runs) == 61


def training_year() -> bytes:
    """A coach's plan for a year, as calendar apps write it: weekly sessions in Berlin time,
    holidays left out (EXDATE), one session moved, a race day, a VTIMEZONE."""
    cal = Calendar()
    cal.add("prodid", "-//test//coach//EN")
    cal.add("version", "2.0")

    def weekly(uid: str, summary: str, start: dt.datetime, minutes: int, **rule: Any) -> Event:
        item = Event()
        item.add("uid", uid)
        item.add("summary", summary)
        item.add("dtstamp", dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
        item.add("dtstart", start)
        item.add("dtend", start + dt.timedelta(minutes=minutes))
        item.add("rrule", {"freq": "weekly", **rule})
        return item

    tuesday = dt.datetime(2026, 1, 6, 18, 0, tzinfo=BERLIN)
    intervals = weekly(
        "int@coach",
        "Intervals 6x800m",
        tuesday,
        60,
        until=dt.datetime(2026, 12, 29, 23, 0, tzinfo=dt.UTC),
    )
    holidays = [tuesday + dt.timedelta(weeks=w) for w in (30, 31, 51)]
    intervals.add("exdate", holidays)
    cal.add_component(intervals)
    moved = Event()
    moved.add("uid", "int@coach")
    moved.add("summary", "Intervals 6x800m (moved)")
    moved.add("recurrence-id", tuesday + dt.timedelta(weeks=10))
    moved.add("dtstart", tuesday + dt.timedelta(weeks=10, days=1))
    moved.add("dtend", tuesday + dt.timedelta(weeks=10, days=1, hours=1))
    cal.add_component(moved)
    thursday = dt.datetime(2026, 1, 8, 7, 0, tzinfo=BERLIN)
    cal.add_component(weekly("easy@coach", "Easy run", thursday, 45, byday=["TH", "FR"], count=100))
    sunday = dt.date(2026, 1, 11)
    long_run = Event()
    long_run.add("uid", "long@coach")
    long_run.add("summary", "Long run 20 km")
    long_run.add("dtstart", sunday)
    long_run.add("dtend", sunday + dt.timedelta(days=1))
    long_run.add("rrule", {"freq": "weekly", "interval": 2})
    cal.add_component(long_run)
    race = Event()
    race.add("uid", "race@coach")
    race.add("summary", "Marathon")
    race.add("dtstart", dt.datetime(2026, 10, 11, 9, 0, tzinfo=BERLIN))
    race.add("duration", dt.timedelta(hours=4))
    cal.add_component(race)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def test_a_years_weekly_training_plan_imports_every_session() -> None:
    data = training_year()
    window = (dt.date(2026, 1, 1), dt.date(2027, 1, 1))
    result = parse_runs(data, name="plan.ics", tz="Europe/Berlin", window=window)
    by_title: dict[str, list[Any]] = {}
    for run in result.runs:
        by_title.setdefault(run.title, []).append(run)
    intervals = by_title["Intervals 6x800m"]
    assert len(intervals) == 52 - 3 - 1  # 52 Tuesdays, 3 holidays, 1 moved
    assert all(r.start.weekday() == 1 and r.start.hour == 18 for r in intervals)
    assert all(
        r.start.utcoffset() in {dt.timedelta(hours=1), dt.timedelta(hours=2)} for r in intervals
    )
    [moved] = by_title["Intervals 6x800m (moved)"]
    assert moved.start == dt.datetime(2026, 3, 18, 18, 0, tzinfo=BERLIN)
    assert len(by_title["Easy run"]) == 100  # COUNT: 50 Thursdays and 50 Fridays
    assert len(by_title["Long run 20 km"]) == 26  # every other Sunday
    assert [r.start for r in by_title["Marathon"]] == [
        dt.datetime(2026, 10, 11, 9, 0, tzinfo=BERLIN)
    ]
    assert all(window[0] <= r.start.date() < window[1] for r in result.runs)
    # The same occurrences as recurring-ical-events finds on its own in the unchanged calendar.
    assert {r.start for r in result.runs} == library_starts(data, window, BERLIN)


def library_starts(
    data: bytes, window: tuple[dt.date, dt.date], zone: dt.tzinfo
) -> set[dt.datetime]:
    """Starts of the run-like occurrences in the window, as the library alone expands them."""
    found = recurring_ical_events.of(Calendar.from_ical(data)).between(
        window[0] - dt.timedelta(days=2), window[1] + dt.timedelta(days=2)
    )
    starts = set()
    for occurrence in found:
        start = occurrence["DTSTART"].dt
        day = start.date() if isinstance(start, dt.datetime) else start
        summary = str(occurrence.get("SUMMARY", ""))
        if not window[0] <= day < window[1] or not looks_like_run(summary):
            continue
        if not isinstance(start, dt.datetime):
            start = dt.datetime.combine(start, dt.time(), tzinfo=zone)
        starts.add(start if start.tzinfo else start.replace(tzinfo=zone))
    return starts


# --- the sandbox itself --------------------------------------------------------------------
