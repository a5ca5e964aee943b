"""Occurrences of one checked rule inside a span of days, with a bounded amount of work.

dateutil checks UNTIL only on the occurrences it finds: a rule that never (or rarely) matches
is searched period after period until year 9999, and a cap on UNTIL does not stop it. So no
rule is handed to dateutil whole. The periods of a rule (years, months, weeks, days, every
INTERVAL-th from DTSTART) are walked here, from the first that can reach the span to the last
day asked for, and each period is computed on its own:

- YEARLY and MONTHLY periods (BYWEEKNO, BYYEARDAY, ordinals, BYSETPOS: the intricate parts) by
  dateutil itself, with a one-period rule: the same parts, DTSTART at the start of the period and
  an INTERVAL so large that the next period is past year 9999, which makes dateutil stop.
- WEEKLY and DAILY periods here: a week holds the BYDAY days in BYMONTH, then BYSETPOS; a day
  passes BYMONTH, BYMONTHDAY and BYDAY. Both follow dateutil to the detail (the first week starts
  at DTSTART, not at WKST); tests compare them with dateutil on rules it can finish.

Parts a rule leaves out are taken from DTSTART, as RFC 5545 and dateutil do (a YEARLY rule
repeats DTSTART's month and day), and are written into every one-period rule, so that a period
start never stands in for DTSTART. Each period costs steps from a shared `Steps` budget.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from dateutil.rrule import MONTHLY, YEARLY, rrule, weekday

from hamcoach.integrations.ics_rules import MAX_YEAR, Rule, RuleProblem, month_length

LAST_DAY = dt.date(MAX_YEAR, 12, 31)
# Steps per period, about its cost in microseconds (measured: a one-year dateutil rule 30-60,
# a one-month rule about 15, a week here about 5, a day about 3: 400 000 days of a rare rule
# took 1.2 s of CPU, so at 1 per day the CPU limit, not this budget, stopped such a calendar).
STEP_COST = {"YEARLY": 50, "MONTHLY": 15, "WEEKLY": 5, "DAILY": 3}
MAX_STEPS = 400_000  # about 0.4 s for all the rules of one calendar
_ONE_PERIOD = {YEARLY: 10_000, MONTHLY: 12 * 10_000}


class Steps:
    """The work left for expanding the rules of one calendar."""

    def __init__(self, budget: int = MAX_STEPS) -> None:
        self.budget = budget
        self.left = budget

    def spend(self, cost: int) -> None:
        self.left -= cost
        if self.left < 0:
            raise RuleProblem(
                f"needs more than {self.budget} steps to expand, with the other repeating "
                "events (import a shorter date window)"
            )


def until_bound(until: dt.date | None, start: dt.datetime, all_dates: bool) -> dt.datetime | None:
    """The last moment of a rule, comparable with its occurrences (naive or aware as `start`).

    The same as recurring-ical-events 3.8 makes of UNTIL: when UNTIL and DTSTART disagree on
    having a zone, a naive UNTIL is read in UTC, or loses its "Z" for a floating DTSTART.
    """
    if until is None:
        return None
    if not isinstance(until, dt.datetime):
        midnight = dt.datetime(until.year, until.month, until.day)
        return midnight if start.tzinfo is None else midnight.replace(tzinfo=dt.UTC)
    if start.tzinfo is None:
        naive = until.replace(tzinfo=None)
        return dt.datetime(naive.year, naive.month, naive.day) if all_dates else naive
    return until if until.tzinfo is not None else until.replace(tzinfo=dt.UTC)


def expand(
    rule: Rule,
    start: dt.datetime,
    *,
    until: dt.datetime | None,
    first: dt.date | None,
    last: dt.date,
    limit: int,
    steps: Steps,
) -> list[dt.datetime]:
    """The earliest `limit` occurrences whose day is in first..last (both included).

    An occurrence is at or after `start` (DTSTART, the library's normalised form), not after
    `until`, and within COUNT (counted from DTSTART, so a rule with COUNT is walked from there).
    """
    found: list[dt.datetime] = []
    if limit <= 0:
        return found
    stop = min(last, LAST_DAY)
    if until is not None:
        stop = min(stop, until.date() + dt.timedelta(days=1))  # zones differ by under a day
    skip_to = first if rule.count is None else None
    seen = 0
    for period in _periods(rule, start, skip_to, stop, steps):
        for moment in period:
            if moment < start:
                continue
            if until is not None and moment > until:
                return found
            seen += 1
            if rule.count is not None and seen > rule.count:
                return found
            day = moment.date()
            if day > last:
                return found
            if first is None or day >= first:
                found.append(moment)
                if len(found) >= limit:
                    return found
    return found


def _clock(rule: Rule, start: dt.datetime) -> dt.time:
    return dt.time(
        start.hour if rule.byhour is None else rule.byhour,
        start.minute if rule.byminute is None else rule.byminute,
        start.second if rule.bysecond is None else rule.bysecond,
        tzinfo=start.tzinfo,
    )


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def _periods(
    rule: Rule, start: dt.datetime, skip_to: dt.date | None, stop: dt.date, steps: Steps
) -> Iterator[list[dt.datetime]]:
    if rule.freq == "YEARLY":
        yield from _years(rule, start, skip_to, stop, steps)
    elif rule.freq == "MONTHLY":
        yield from _months(rule, start, skip_to, stop, steps)
    elif rule.freq == "WEEKLY":
        yield from _weeks(rule, start, skip_to, stop, steps)
    else:
        yield from _days(rule, start, skip_to, stop, steps)


def _one_period_rule(rule: Rule, start: dt.datetime) -> rrule:
    bymonth, bymonthday = rule.bymonth, rule.bymonthday
    if not (rule.byweekno or rule.byyearday or rule.bymonthday or rule.byday):
        if rule.freq == "YEARLY":
            bymonth = bymonth or (start.month,)
        bymonthday = (start.day,)
    freq: Literal[0, 1] = YEARLY if rule.freq == "YEARLY" else MONTHLY
    clock = _clock(rule, start)
    return rrule(
        freq,
        dtstart=start,
        interval=_ONE_PERIOD[freq],
        wkst=rule.wkst,
        bymonth=bymonth or None,
        bymonthday=bymonthday or None,
        byyearday=rule.byyearday or None,
        byweekno=rule.byweekno or None,
        byweekday=[weekday(day, n) for day, n in rule.byday] or None,
        bysetpos=rule.bysetpos or None,
        byhour=clock.hour,
        byminute=clock.minute,
        bysecond=clock.second,
        cache=False,
    )


def _at_period_start(model: rrule, start: dt.datetime, day: dt.date) -> list[dt.datetime]:
    moment = dt.datetime(day.year, day.month, day.day, tzinfo=start.tzinfo)
    return list(model.replace(dtstart=moment if day > start.date() else start))


def _years(
    rule: Rule, start: dt.datetime, skip_to: dt.date | None, stop: dt.date, steps: Steps
) -> Iterator[list[dt.datetime]]:
    model = _one_period_rule(rule, start)
    n = 0 if skip_to is None else max(0, _ceil_div(skip_to.year - start.year, rule.interval))
    while (year := start.year + n * rule.interval) <= stop.year:
        steps.spend(STEP_COST["YEARLY"])
        yield _at_period_start(model, start, dt.date(year, 1, 1))
        n += 1


def _months(
    rule: Rule, start: dt.datetime, skip_to: dt.date | None, stop: dt.date, steps: Steps
) -> Iterator[list[dt.datetime]]:
    model = _one_period_rule(rule, start)
    origin = start.year * 12 + start.month - 1
    n = 0
    if skip_to is not None:
        n = max(0, _ceil_div(skip_to.year * 12 + skip_to.month - 1 - origin, rule.interval))
    while True:
        year, month0 = divmod(origin + n * rule.interval, 12)
        day = dt.date(year, month0 + 1, 1)
        if day > stop:
            return
        if rule.bymonth and month0 + 1 not in rule.bymonth:
            steps.spend(1)  # nothing in this month: no need to ask dateutil
        else:
            steps.spend(STEP_COST["MONTHLY"])
            yield _at_period_start(model, start, day)
        n += 1


def _select(days: list[dt.date], positions: tuple[int, ...]) -> list[dt.date]:
    """BYSETPOS: the days at these positions (1 is the first, -1 the last), in order."""
    if not positions:
        return days
    chosen = {days[p - 1 if p > 0 else p] for p in positions if -len(days) <= p <= len(days)}
    return sorted(chosen)


def _weeks(
    rule: Rule, start: dt.datetime, skip_to: dt.date | None, stop: dt.date, steps: Steps
) -> Iterator[list[dt.datetime]]:
    clock = _clock(rule, start)
    weekdays = {day for day, _ in rule.byday} or {start.weekday()}
    first_day = start.date()
    origin = first_day - dt.timedelta(days=(first_day.weekday() - rule.wkst) % 7)
    span = 7 * rule.interval
    n = 0 if skip_to is None else max(0, _ceil_div((skip_to - origin).days - 6, span))
    while (week := origin + dt.timedelta(days=n * span)) <= stop:
        steps.spend(STEP_COST["WEEKLY"])
        days = [week + dt.timedelta(days=i) for i in range(7)]
        days = [
            d
            for d in days
            if d >= first_day
            and d.weekday() in weekdays
            and (not rule.bymonth or d.month in rule.bymonth)
        ]
        yield [dt.datetime.combine(d, clock) for d in _select(days, rule.bysetpos)]
        n += 1


def _day_matches(rule: Rule, day: dt.date) -> bool:
    if rule.byday and day.weekday() not in {d for d, _ in rule.byday}:
        return False
    if rule.bymonthday:
        from_end = day.day - month_length(day.year, day.month) - 1
        if day.day not in rule.bymonthday and from_end not in rule.bymonthday:
            return False
    # A day is a period of one: BYSETPOS keeps it only at position 1 or -1.
    return not rule.bysetpos or 1 in rule.bysetpos or -1 in rule.bysetpos


def _days(
    rule: Rule, start: dt.datetime, skip_to: dt.date | None, stop: dt.date, steps: Steps
) -> Iterator[list[dt.datetime]]:
    clock = _clock(rule, start)
    origin = start.date()
    n = 0 if skip_to is None else max(0, _ceil_div((skip_to - origin).days, rule.interval))
    while (day := origin + dt.timedelta(days=n * rule.interval)) <= stop:
        steps.spend(STEP_COST["DAILY"])
        if rule.bymonth and day.month not in rule.bymonth:
            # Jump to the first visited day of the next month instead of walking this one.
            following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
            n = max(n + 1, _ceil_div((following - origin).days, rule.interval))
            continue
        if _day_matches(rule, day):
            yield [dt.datetime.combine(day, clock)]
        n += 1
