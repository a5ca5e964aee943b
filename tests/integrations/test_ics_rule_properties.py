"""Rule expansion against dateutil, and any generated rule read or refused within the budget
(issue 8): the property half of `test_ics_bounds.py`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zoneinfo
from typing import Any

from dateutil.rrule import rrule, rrulestr
from hypothesis import HealthCheck, event, example, given, settings, target
from hypothesis import strategies as st

from hamcoach.integrations.errors import BadFile
from hamcoach.integrations.ics import MAX_OCCURRENCES, READ_BUDGET, calendar_runs
from hamcoach.integrations.ics_expand import Steps, expand
from hamcoach.integrations.ics_rules import WEEKDAYS, RuleProblem, check_possible, parse_rule
from tests.integrations.test_ics_bounds import BERLIN, PARENT_GROWTH_KB, calendar, timed, vevent

FREQS = st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"])


@st.composite
def dense_rules(draw: st.DrawFn) -> str:
    """Valid rules of every shape (most of them possible), written as calendar apps write them."""
    freq = draw(FREQS)
    parts = [f"FREQ={freq}"]

    def values(low: int, high: int, most: int = 3) -> str:
        chosen = draw(st.sets(st.integers(low, high).filter(bool), min_size=1, max_size=most))
        return ",".join(map(str, sorted(chosen)))

    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.sampled_from([1, 2, 3, 5, 7, 12, 13]))}")
    if draw(st.integers(0, 3)) == 0:
        parts.append(f"BYMONTH={values(1, 12, 4)}")
    if freq != "WEEKLY" and draw(st.integers(0, 3)) == 0:
        parts.append(f"BYMONTHDAY={values(-31, 31)}")
    weekno = freq == "YEARLY" and draw(st.integers(0, 4)) == 0
    if weekno:
        parts.append(f"BYWEEKNO={values(-53, 53)}")
    if freq == "YEARLY" and draw(st.integers(0, 4)) == 0:
        parts.append(f"BYYEARDAY={values(-366, 366)}")
    if draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=3, unique=True))
        if freq in ("MONTHLY", "YEARLY") and not weekno and draw(st.booleans()):
            days = [f"{draw(st.sampled_from([1, 2, -1, 3, -2]))}{d}" for d in days]
        parts.append("BYDAY=" + ",".join(days))
    if draw(st.integers(0, 4)) == 0:
        parts.append(f"BYSETPOS={values(-4, 4)}")
    if draw(st.integers(0, 2)) == 0:
        parts.append(f"BYHOUR={draw(st.integers(0, 23))}")
    if draw(st.integers(0, 3)) == 0:
        parts.append(f"WKST={draw(st.sampled_from(WEEKDAYS))}")
    return ";".join(parts)


ZONES = st.sampled_from([None, dt.UTC, BERLIN, zoneinfo.ZoneInfo("America/New_York")])


@settings(deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(
    dense_rules(),
    st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2040, 12, 31)),
    ZONES,
    st.integers(1, 3000),
)
# Found in CI: no occurrence before UNTIL, the first one on UNTIL's date after its time.
@example("FREQ=DAILY;BYMONTHDAY=2;BYSETPOS=1;BYHOUR=1;WKST=MO", dt.datetime(2000, 1, 1), None, 1)
def test_expansion_gives_what_dateutil_gives(
    text: str, start: dt.datetime, zone: Any, days: int
) -> None:
    rule = parse_rule(text)
    origin = start.replace(microsecond=0, tzinfo=zone)
    try:
        check_possible(rule, origin)
    except RuleProblem:
        event("never occurs")
        return
    until = origin + dt.timedelta(days=days)
    # dateutil only stops at an occurrence after UNTIL: compare where one comes within 10 years.
    after = until.date() + dt.timedelta(days=2)
    steps = Steps(10**9)
    if not expand(
        rule,
        origin,
        until=None,
        first=after,
        last=after + dt.timedelta(days=3650),
        limit=1,
        steps=steps,
    ):
        event("too rare for dateutil to finish")
        return
    mine = expand(
        rule, origin, until=until, first=None, last=dt.date(2100, 12, 31), limit=10**6, steps=steps
    )
    reference = rrulestr(text, dtstart=origin)
    assert isinstance(reference, rrule)
    assert mine == list(reference.replace(until=until))
    event("compared with dateutil")
    first = origin.date() + dt.timedelta(days=days // 3)
    counted = dataclasses.replace(rule, count=max(1, len(mine) // 2))
    windowed = expand(
        counted, origin, until=None, first=first, last=until.date(), limit=10**6, steps=steps
    )
    # The reference is dateutil's own COUNT: with no occurrence before UNTIL, the first one may
    # still fall on UNTIL's date, after its time (a case that once made this oracle wrong).
    counted_reference = reference.replace(count=counted.count, until=None)
    assert windowed == [m for m in counted_reference if first <= m.date() <= until.date()]


# --- anything a file can say ends in runs or in a BadFile, within the budget ------------------

NUMBER = st.one_of(
    st.integers(-400, 400),
    st.sampled_from([0, 1, -1, 53, 54, 366, 367, 10**6, 10**12, -(10**12)]),
).map(str)
JUNK = st.text("AZaz09+-,;=:TX ", max_size=12)
PART_VALUES: dict[str, st.SearchStrategy[str]] = {
    "FREQ": st.sampled_from(
        ["DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "MINUTELY", "SECONDLY", "FOO", ""]
    ),
    "INTERVAL": NUMBER,
    "COUNT": NUMBER,
    "UNTIL": st.one_of(
        st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(
            lambda d: f"{d.year:04}{d.month:02}{d.day:02}"
        ),
        st.sampled_from(
            ["20261231T235959Z", "20260101T000000", "21010101T000000Z", "18991231", "2026"]
        ),
    ),
    "BYSECOND": st.lists(NUMBER, max_size=70).map(",".join),
    "BYMINUTE": st.lists(NUMBER, max_size=70).map(",".join),
    "BYHOUR": st.lists(NUMBER, max_size=30).map(",".join),
    "BYDAY": st.lists(
        st.tuples(
            st.sampled_from(["", "1", "-1", "5", "-5", "6", "53", "54", "+2"]),
            st.sampled_from([*WEEKDAYS, "XX"]),
        ).map("".join),
        max_size=10,
    ).map(",".join),
    "BYMONTHDAY": st.lists(NUMBER, max_size=40).map(",".join),
    "BYYEARDAY": st.lists(NUMBER, max_size=10).map(",".join),
    "BYWEEKNO": st.lists(NUMBER, max_size=10).map(",".join),
    "BYMONTH": st.lists(NUMBER, max_size=14).map(",".join),
    "BYSETPOS": st.lists(NUMBER, max_size=10).map(",".join),
    "WKST": st.sampled_from([*WEEKDAYS, "XX", ""]),
    "X-NAME": JUNK,
}


@st.composite
def any_rules(draw: st.DrawFn) -> str:
    """A valid rule with some parts pushed to extremes or broken, or parts drawn at random."""
    if draw(st.integers(0, 7)) == 0:
        keys = draw(st.lists(st.sampled_from(list(PART_VALUES)), max_size=6, unique=True))
        return ";".join(f"{key}={draw(PART_VALUES[key])}" for key in keys)
    parts = dict(p.split("=", 1) for p in draw(dense_rules()).split(";"))
    extremes = {
        "INTERVAL": st.sampled_from(["1", "999", "1000"]),
        "COUNT": st.sampled_from(["1", "4999", "5000"]),
        "UNTIL": st.sampled_from(["19000101", "20991231T235959Z", "99991231", "20260101T000000"]),
        "BYSETPOS": st.sampled_from(["366", "-366", "1,-1", "31"]),
        "BYMONTHDAY": st.sampled_from(["31", "-31", "29", ",".join(map(str, range(1, 32)))]),
    }
    mutations = draw(st.sampled_from([0, 0, 1, 1, 2]))
    for key in draw(st.lists(st.sampled_from([*PART_VALUES, *extremes]), max_size=mutations)):
        if key in extremes and draw(st.integers(0, 3)) != 0:
            parts[key] = draw(extremes[key])
        else:
            parts[key] = draw(PART_VALUES[key])
    if "COUNT" in parts and "UNTIL" in parts and draw(st.booleans()):
        del parts["UNTIL"]
    return ";".join(f"{key}={value}" for key, value in parts.items())


def _basic(day: dt.datetime) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}T{day:%H%M%S}"


PLAUSIBLE = st.datetimes(dt.datetime(1995, 1, 1), dt.datetime(2099, 6, 30))
STARTS = st.one_of(
    PLAUSIBLE.map(_basic),
    PLAUSIBLE.map(lambda d: _basic(d) + "Z"),
    PLAUSIBLE.map(lambda d: _basic(d)[:8]),
    PLAUSIBLE.map(lambda d: ";TZID=Europe/Berlin:" + _basic(d)),
    PLAUSIBLE.map(lambda d: ";TZID=Europe/Berlin:" + _basic(d)),
    st.one_of(
        st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31)).map(_basic),
        st.sampled_from(["18991231T235959Z", "21010101", "20260230T000000", "2026"]),
    ),
)
WINDOWS = st.one_of(
    st.none(),
    st.tuples(st.dates(dt.date(2000, 1, 1), dt.date(2099, 1, 1)), st.integers(1, 40000)).map(
        lambda w: (w[0], min(w[0] + dt.timedelta(days=w[1]), dt.date(2100, 1, 1)))
    ),
)
HYPOTHESIS_CALLS = min(30, settings().max_examples)  # each one starts a child process


@settings(
    max_examples=HYPOTHESIS_CALLS, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(
        st.tuples(any_rules(), STARTS, st.sampled_from(["Easy run 8 km", "Dentist"])),
        min_size=1,
        max_size=2,
    ),
    WINDOWS,
    st.sampled_from(["", "EXDATE:20260308T070000Z", "RDATE:20260309T070000Z,20260310T070000Z"]),
)
def test_any_rule_is_read_or_refused_within_the_budget(
    rules: list[tuple[str, str, str]], window: tuple[dt.date, dt.date] | None, extra: str
) -> None:
    data = calendar(
        *(
            vevent(rule, uid=f"h{n}", start=start, summary=summary, extra=extra)
            for n, (rule, start, summary) in enumerate(rules)
        )
    )
    outcome, elapsed, grew_kb = timed(
        lambda: calendar_runs(data, name="any.ics", tz=BERLIN, window=window)
    )
    target(elapsed, label="seconds")  # steers the search towards the slowest calendars
    assert elapsed < READ_BUDGET.wall_s + 0.5
    # Memory: the child's is capped by RLIMIT_AS (over it is a BadFile); the parent's must not move.
    assert grew_kb < PARENT_GROWTH_KB
    if isinstance(outcome, BadFile):
        assert str(outcome).startswith("any.ics: ") and "\n" not in str(outcome)
        event(f"refused: {re.sub(r'[0-9]+', 'N', outcome.problem)[:45]}")
        return
    runs, _ = outcome
    event("read")
    assert len(runs) <= MAX_OCCURRENCES
    if window is not None:
        assert all(window[0] <= r.start.date() < window[1] for r in runs)
