"""Recurrence rules (RRULE, EXRULE) of uploaded calendars, read strictly before anything expands
them, so that what a rule asks for is bounded whatever the file says.

What is refused, and why (RFC 5545 section 3.3.10 for the ranges):
- FREQ missing, unknown, or finer than DAILY: runs repeat daily at most, and a few lines of
  FREQ=MINUTELY would be hundreds of thousands of events.
- BYSECOND, BYMINUTE, BYHOUR with more than one value: each extra value repeats the run within
  the day (24 x 60 x 60 values made one 618-byte event into 86 400 occurrences a day).
- INTERVAL outside 1..MAX_INTERVAL, COUNT outside 1..MAX_COUNT, UNTIL together with COUNT.
- Values outside their RFC ranges, lists longer than MAX_VALUES or with repeats, parts the RFC
  does not allow with the rule's FREQ (BYWEEKNO only YEARLY, BYYEARDAY not DAILY, WEEKLY or
  MONTHLY, BYMONTHDAY not WEEKLY, BYDAY with an ordinal only MONTHLY or YEARLY), unknown parts,
  time parts with an all-day DTSTART.
- Rules that can never occur, found cheaply (`check_possible`): a month day that no allowed month
  has (BYMONTH=2;BYMONTHDAY=30), a year day outside the allowed months, positions beyond the
  period (BYSETPOS=40 in a week), an INTERVAL that never visits the allowed months or weekdays.
  dateutil searches such rules until year 9999 before it gives up.
- UNTIL before MIN_YEAR; an UNTIL after MAX_YEAR means "no end" (apps write 9999-12-31 for
  "forever") and is read so, expansion never goes past MAX_YEAR anyway.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass

FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
SUB_DAILY = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Calendar dates outside this span are refused: older ones are no training plan (a birthday
# series from 1950 still fits) and a span of two centuries bounds every expansion.
MIN_YEAR = 1900
MAX_YEAR = 2100
MAX_INTERVAL = 1000  # every 1000 days is almost three years: no plan needs more
MAX_COUNT = 5000  # a daily run for 13 years
MAX_VALUES = 31  # every day of a month; longer lists only multiply the work

_PARTS = (
    "FREQ",
    "UNTIL",
    "COUNT",
    "INTERVAL",
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
)
_PER_DAY_NOTE = ": at most 1 (runs repeat daily at most)"
_PER_DAY = dict.fromkeys(("BYSECOND", "BYMINUTE", "BYHOUR"), _PER_DAY_NOTE)
_SINGLE = frozenset({"FREQ", "UNTIL", "COUNT", "INTERVAL", "WKST"})
_NUMBER = re.compile(r"[+-]?\d+")
_BYDAY = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?")
# Ranges of the numeric parts: (lowest, highest, zero allowed).
_RANGES = {
    "BYSECOND": (0, 59, True),  # the RFC allows 60 (a leap second), which no clock shows
    "BYMINUTE": (0, 59, True),
    "BYHOUR": (0, 23, True),
    "BYMONTHDAY": (-31, 31, False),
    "BYYEARDAY": (-366, 366, False),
    "BYWEEKNO": (-53, 53, False),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (-366, 366, False),
}
_ONLY_WITH = {"BYWEEKNO": ("YEARLY",), "BYYEARDAY": ("YEARLY",)}
_NOT_WITH = {"BYMONTHDAY": ("WEEKLY",)}
_PERIOD_DAYS = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}
_PERIOD_NAMES = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class RuleProblem(Exception):
    """A rule is refused; the message names the part and what is allowed."""


@dataclass(frozen=True)
class Rule:
    """One checked RRULE (or EXRULE). Weekdays are 0 = Monday, as in `datetime`."""

    freq: str
    interval: int = 1
    count: int | None = None
    until: dt.date | None = None  # a date, or a datetime (naive, or aware in UTC)
    wkst: int = 0
    bymonth: tuple[int, ...] = ()
    bymonthday: tuple[int, ...] = ()
    byyearday: tuple[int, ...] = ()
    byweekno: tuple[int, ...] = ()
    byday: tuple[tuple[int, int | None], ...] = ()  # (weekday, ordinal or None)
    bysetpos: tuple[int, ...] = ()
    byhour: int | None = None
    byminute: int | None = None
    bysecond: int | None = None


def short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def parse_rule(text: str, *, kind: str = "RRULE", all_day: bool = False) -> Rule:
    """The rule written `text` (FREQ=WEEKLY;BYDAY=TU,TH...), checked part by part."""
    parts: dict[str, list[str]] = {}
    for item in text.upper().split(";"):
        if not item.strip():
            continue
        key, sep, value = item.strip().partition("=")
        if not sep or key not in _PARTS:
            raise RuleProblem(
                f"{kind} part {short(item, 20)!r} is unknown (allowed: {', '.join(_PARTS)})"
            )
        if key in parts:
            raise RuleProblem(f"{kind} gives {key} twice")
        values = [v.strip() for v in value.split(",")]
        if key in _SINGLE and len(values) != 1:
            raise RuleProblem(f"{kind} {key} takes one value, not {len(values)}")
        if key in _PER_DAY and len(values) > 1:
            raise RuleProblem(f"{kind} {key} has {len(values)} values{_PER_DAY[key]}")
        if len(values) > MAX_VALUES:
            raise RuleProblem(f"{kind} {key} has {len(values)} values (at most {MAX_VALUES})")
        if len(set(values)) != len(values):
            raise RuleProblem(f"{kind} {key}={short(value, 30)} repeats a value")
        parts[key] = values
    return _rule(parts, kind, all_day)


def _rule(parts: dict[str, list[str]], kind: str, all_day: bool) -> Rule:
    if "FREQ" not in parts:
        raise RuleProblem(f"{kind} has no FREQ (use DAILY, WEEKLY, MONTHLY or YEARLY)")
    freq = parts["FREQ"][0]
    if freq in SUB_DAILY:
        raise RuleProblem(f"repeats {freq.lower()}: runs repeat daily at most")
    if freq not in FREQS:
        raise RuleProblem(
            f"{kind} FREQ={short(freq, 20)} is unknown (use DAILY, WEEKLY, MONTHLY or YEARLY)"
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise RuleProblem(f"{kind} gives both COUNT and UNTIL (RFC 5545 allows one of them)")
    for key in parts:
        if key in _ONLY_WITH and freq not in _ONLY_WITH[key]:
            raise RuleProblem(f"{kind} {key} is only allowed with FREQ=YEARLY (not {freq})")
        if key in _NOT_WITH and freq in _NOT_WITH[key]:
            raise RuleProblem(f"{kind} {key} is not allowed with FREQ={freq}")
        if key in _PER_DAY and all_day:
            raise RuleProblem(f"{kind} {key} is not allowed for an all-day event (DATE DTSTART)")
    numbers = {key: _numbers(kind, key, parts[key]) for key in _RANGES if key in parts}
    byday = tuple(
        _byday(kind, freq, v, "BYWEEKNO" in parts, "BYMONTH" in parts)
        for v in parts.get("BYDAY", [])
    )
    return Rule(
        freq=freq,
        interval=_bounded(kind, "INTERVAL", parts.get("INTERVAL"), MAX_INTERVAL) or 1,
        count=_bounded(kind, "COUNT", parts.get("COUNT"), MAX_COUNT),
        until=_until(kind, parts["UNTIL"][0]) if "UNTIL" in parts else None,
        wkst=_weekday(kind, "WKST", parts["WKST"][0]) if "WKST" in parts else 0,
        bymonth=numbers.get("BYMONTH", ()),
        bymonthday=numbers.get("BYMONTHDAY", ()),
        byyearday=numbers.get("BYYEARDAY", ()),
        byweekno=numbers.get("BYWEEKNO", ()),
        byday=byday,
        bysetpos=numbers.get("BYSETPOS", ()),
        byhour=numbers["BYHOUR"][0] if "BYHOUR" in numbers else None,
        byminute=numbers["BYMINUTE"][0] if "BYMINUTE" in numbers else None,
        bysecond=numbers["BYSECOND"][0] if "BYSECOND" in numbers else None,
    )


def _int(kind: str, key: str, value: str, allowed: str) -> int:
    if not _NUMBER.fullmatch(value):
        raise RuleProblem(f"{kind} {key}={short(value, 20)} is not a number ({allowed})")
    if len(value.lstrip("+-")) > 9:  # read as out of range without making a huge int
        raise RuleProblem(f"{kind} {key}={short(value, 20)} is out of range ({allowed})")
    return int(value)


def _bounded(kind: str, key: str, values: list[str] | None, top: int) -> int | None:
    if values is None:
        return None
    allowed = f"use 1 to {top}"
    number = _int(kind, key, values[0], allowed)
    if not 1 <= number <= top:
        raise RuleProblem(f"{kind} {key}={short(values[0], 20)} is out of range ({allowed})")
    return number


def _numbers(kind: str, key: str, values: list[str]) -> tuple[int, ...]:
    low, high, zero = _RANGES[key]
    allowed = f"{low} to {high}" + ("" if zero else ", not 0")
    found = []
    for value in values:
        number = _int(kind, key, value, allowed)
        if not low <= number <= high or (number == 0 and not zero):
            raise RuleProblem(f"{kind} {key}={short(value, 20)} is out of range ({allowed})")
        found.append(number)
    if len(set(found)) != len(found):  # e.g. 1 and +1
        raise RuleProblem(f"{kind} {key} repeats a value")
    return tuple(found)


def _weekday(kind: str, key: str, value: str) -> int:
    if value not in WEEKDAYS:
        raise RuleProblem(f"{kind} {key}={short(value, 20)} is not a weekday (MO, TU, ... SU)")
    return WEEKDAYS.index(value)


def _byday(kind: str, freq: str, value: str, weekno: bool, bymonth: bool) -> tuple[int, int | None]:
    found = _BYDAY.fullmatch(value)
    if not found:
        raise RuleProblem(f"{kind} BYDAY={short(value, 20)} is not a weekday (MO, -1SU, 2TU ...)")
    if found.group(1) is None:
        return WEEKDAYS.index(found.group(2)), None
    ordinal = int(found.group(1))
    if freq not in ("MONTHLY", "YEARLY") or weekno:
        where = "with BYWEEKNO" if weekno else f"with FREQ={freq}"
        raise RuleProblem(f"{kind} BYDAY={value} takes no number {where} (only a weekday)")
    # There are at most 5 of a weekday in a month and 53 in a year.
    top = 5 if freq == "MONTHLY" or bymonth else 53
    if not 1 <= abs(ordinal) <= top:
        raise RuleProblem(f"{kind} BYDAY={value} never occurs (use -{top} to {top}, not 0)")
    return WEEKDAYS.index(found.group(2)), ordinal


def _until(kind: str, value: str) -> dt.date | None:
    found = _UNTIL.fullmatch(value)
    if not found:
        raise RuleProblem(f"{kind} UNTIL={short(value, 20)} is not a date (YYYYMMDD[THHMMSS[Z]])")
    numbers = [int(g) for g in found.groups()[:6] if g is not None]
    if numbers[0] < MIN_YEAR:
        raise RuleProblem(f"{kind} UNTIL={value} is out of range (use a year from {MIN_YEAR})")
    if numbers[0] > MAX_YEAR:
        return None  # "for ever", written as a far year: the expansion stops at MAX_YEAR anyway
    try:
        if len(numbers) == 3:
            return dt.date(*numbers)
        year, month, day, hour, minute, second = numbers
        zone = dt.UTC if found.group(7) else None
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        raise RuleProblem(f"{kind} UNTIL={value} is not a real date or time") from None


def visited(start: int, step: int, modulus: int) -> set[int]:
    """Residues modulo `modulus` of start, start + step, start + 2 step, ..."""
    gcd = math.gcd(step, modulus)
    return {r for r in range(modulus) if (r - start) % gcd == 0}


def check_possible(rule: Rule, start: dt.datetime, kind: str = "RRULE") -> None:
    """Refuse a rule that cannot occur, from the cheap cases that explain themselves."""
    months = set(rule.bymonth) or set(range(1, 13))
    if rule.freq == "MONTHLY":
        months &= {r + 1 for r in visited(start.month - 1, rule.interval, 12)}
        if not months:
            raise RuleProblem(
                f"{kind} never occurs: INTERVAL={rule.interval} from month {start.month} never "
                f"reaches BYMONTH={','.join(map(str, rule.bymonth))}"
            )
    if rule.bymonthday and not any(
        abs(day) <= _MONTH_DAYS[month - 1] for day in rule.bymonthday for month in months
    ):
        raise RuleProblem(
            f"{kind} never occurs: no month allowed by BYMONTH has day "
            f"{','.join(map(str, rule.bymonthday))} (BYMONTHDAY)"
        )
    if rule.byyearday and rule.bymonth and not _yeardays_fit(rule.byyearday, months):
        raise RuleProblem(f"{kind} never occurs: BYYEARDAY falls outside the months of BYMONTH")
    largest = _PERIOD_DAYS[rule.freq]
    if rule.freq == "WEEKLY":  # a week holds each of its BYDAY days once
        largest = len(rule.byday) or 1
    if rule.bysetpos and all(abs(pos) > largest for pos in rule.bysetpos):
        raise RuleProblem(
            f"{kind} never occurs: BYSETPOS asks for positions beyond the {largest} "
            f"candidate day(s) of each {_PERIOD_NAMES[rule.freq]}"
        )
    if rule.freq == "DAILY" and rule.byday:
        days = visited(start.weekday(), rule.interval, 7)
        if not days & {day for day, _ in rule.byday}:
            raise RuleProblem(
                f"{kind} never occurs: every {rule.interval} days from a "
                f"{WEEKDAYS[start.weekday()]} never lands on BYDAY"
            )


def _yeardays_fit(yeardays: tuple[int, ...], months: set[int]) -> bool:
    for leap in (False, True):
        length = 366 if leap else 365
        for yearday in yeardays:
            index = yearday - 1 if yearday > 0 else length + yearday
            if not 0 <= index < length:
                continue
            day = dt.date(2024 if leap else 2023, 1, 1) + dt.timedelta(days=index)
            if day.month in months:
                return True
    return False


def month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
