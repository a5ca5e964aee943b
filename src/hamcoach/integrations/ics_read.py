"""Planned runs from an iCalendar file: the part that runs in the budgeted child process.

`read_calendar` is the sandbox target behind `ics.calendar_runs`. Before recurring-ical-events
sees the calendar, every VEVENT is checked (dates from MIN_YEAR to MAX_YEAR, every RRULE and
EXRULE part, at most MAX_EVENTS events, MAX_RULES rules, MAX_DATES RDATE and EXDATE values)
and each repeating event's rules are replaced by the RDATEs they produce in the days asked for
(`ics_expand`, bounded). The library then does what it does well (EXDATE, moved occurrences,
RANGE=THISANDFUTURE, time zones) on a calendar whose size is known, for one span of time.

Only the earliest MAX_OCCURRENCES occurrences in the window (or from the start, without one)
are read: the rules are cut at the occurrence that many places in, plus one per EXDATE value
and moved occurrence (each can remove one), so nothing past the cap is built.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

import recurring_ical_events
import x_wr_timezone  # type: ignore[import-untyped]
from icalendar import Calendar, Component, vBroken, vDDDLists, vRecur
from recurring_ical_events.util import convert_to_datetime, make_comparable

from hamcoach.integrations.errors import LIBRARY_ERRORS
from hamcoach.integrations.ics_expand import LAST_DAY, Steps, expand, until_bound
from hamcoach.integrations.ics_rules import (
    MAX_YEAR,
    MIN_YEAR,
    Rule,
    RuleProblem,
    check_possible,
    parse_rule,
    short,
)
from hamcoach.integrations.ics_runs import classify
from hamcoach.integrations.sandbox import Refused

MAX_OCCURRENCES = 2000
# VEVENTs in one file: years of training. (2000 took a whole CPU second of the budget on a
# loaded machine, so an ordinary file could be refused; 1000 leaves room.)
MAX_EVENTS = 1000
MAX_RULES = 100  # RRULEs and EXRULEs in one file: a plan needs a handful
MAX_RULES_PER_EVENT = 4
MAX_DATES = 2000  # RDATE and EXDATE values in one file
MAX_DATES_PER_EVENT = 500
MAX_DURATION = dt.timedelta(days=3660)
MAX_ZONES = 50  # VTIMEZONEs: icalendar expands each unknown one's rules while it parses
# Occurrences are kept by their day in their own zone; the span read is wider by this much on
# both sides, for zones and for events that start the day before.
_MARGIN = dt.timedelta(days=2)

# Malformed calendars surface as these from icalendar and recurring-ical-events (found by fuzzing).
_LIBRARY_ERRORS = (*LIBRARY_ERRORS, recurring_ical_events.InvalidCalendar)


@dataclass
class _Event:
    component: Component
    label: str
    rules: list[Rule]  # its RRULEs (EXRULEs are checked, but the library ignores them)
    start: dt.date  # DTSTART: a date, or a date and time
    recurrence: dt.date | None  # RECURRENCE-ID, on a modification of one occurrence
    rule_lines: int
    dates: int
    exdates: int
    values: list[dt.date] = field(default_factory=list)  # what the rules produce, once expanded
    # Set when DTSTART is after every UNTIL: the library does not count it as an occurrence then.
    last_until: dt.date | None = None


def read_calendar(data: bytes, *, tz: dict[str, Any], window: list[str] | None) -> dict[str, Any]:
    """Runs (as JSON fields) and skip reasons of a calendar; `Refused` names what is wrong."""
    zone = _zone(tz)
    days = (dt.date.fromisoformat(window[0]), dt.date.fromisoformat(window[1])) if window else None
    text = data.upper()
    for marker, top in ((b"BEGIN:VEVENT", MAX_EVENTS), (b"BEGIN:VTIMEZONE", MAX_ZONES)):
        if text.count(marker) > top:  # counted before parsing: a huge file is refused at once
            raise Refused(f"more than {top} {marker[6:].decode()} components (at most {top})")
    try:
        cal = x_wr_timezone.to_standard(Calendar.from_ical(data))
    except _LIBRARY_ERRORS as exc:
        raise Refused(f"invalid iCalendar data ({exc!s:.200})") from None
    events = [_checked(c) for c in cal.walk("VEVENT")]
    if not events:
        raise Refused("no events in the calendar")
    if len(events) > MAX_EVENTS:
        raise Refused(f"{len(events)} events (at most {MAX_EVENTS} in one calendar)")
    _check_totals(events)
    occurrences, capped = _occurrences(cal, events, days, zone)
    return classify(occurrences, zone, capped=capped, cap=MAX_OCCURRENCES)


def _zone(spec: dict[str, Any]) -> dt.tzinfo:
    if "key" in spec:
        return zoneinfo.ZoneInfo(str(spec["key"]))
    return dt.timezone(dt.timedelta(seconds=int(spec["offset"])))


def _label(component: Component) -> str:
    summary = str(component.get("SUMMARY", "")).strip()
    if summary:
        return repr(short(summary))
    uid = str(component.get("UID", "")).strip()
    return f"with UID {short(uid)!r}" if uid else "(no title)"


def _values(component: Component, name: str, label: str) -> list[Any]:
    """The values of a date property (every line of it), refused if unreadable or out of range."""
    values: list[Any] = []
    for item in _lines(component, name):
        if isinstance(item, vBroken):
            problem = short(str(getattr(item, "parse_error", "")) or "unreadable", 60)
            raise Refused(
                f"event {label}: {name} {short(str(item), 30)!r} cannot be read ({problem})"
            )
        if isinstance(item, vDDDLists):
            values.extend(d.dt for d in item.dts)
        elif hasattr(item, "dt"):
            values.append(item.dt)
        else:
            raise Refused(f"event {label}: {name} is not a date or a date and time")
    for value in values:
        for part in value if isinstance(value, tuple) else (value,):
            if isinstance(part, dt.timedelta):
                if abs(part) > MAX_DURATION:
                    raise Refused(f"event {label}: {name} lasts over {MAX_DURATION.days} days")
            elif not isinstance(part, dt.date):
                raise Refused(f"event {label}: {name} is not a date or a date and time")
            elif not MIN_YEAR <= part.year <= MAX_YEAR:
                raise Refused(
                    f"event {label}: {name} {part.isoformat()} is out of range (use a year "
                    f"from {MIN_YEAR} to {MAX_YEAR})"
                )
    return values


def _lines(component: Component, name: str) -> list[Any]:
    found = component.get(name)
    return found if isinstance(found, list) else [] if found is None else [found]


def _checked(component: Component) -> _Event:
    label = _label(component)
    starts = _values(component, "DTSTART", label)
    if len(starts) != 1 or isinstance(starts[0], tuple):
        raise Refused(f"event {label}: needs one DTSTART (a date or a date and time)")
    _values(component, "DTEND", label)
    _values(component, "DURATION", label)
    recurrences = _values(component, "RECURRENCE-ID", label)
    dates = len(_values(component, "RDATE", label))
    exdates = len(_values(component, "EXDATE", label))
    if dates + exdates > MAX_DATES_PER_EVENT:
        raise Refused(
            f"event {label}: {dates + exdates} RDATE and EXDATE values "
            f"(at most {MAX_DATES_PER_EVENT} in one event)"
        )
    lines = _lines(component, "RRULE") + _lines(component, "EXRULE")
    if len(lines) > MAX_RULES_PER_EVENT:
        raise Refused(
            f"event {label}: {len(lines)} RRULE and EXRULE lines (at most {MAX_RULES_PER_EVENT})"
        )
    all_day = not isinstance(starts[0], dt.datetime)
    rules: list[Rule] = []
    for kind in ("RRULE", "EXRULE"):
        for item in _lines(component, kind):
            text = item.to_ical().decode() if isinstance(item, vRecur) else str(item)  # type: ignore[no-untyped-call]
            try:
                rule = parse_rule(text, kind=kind, all_day=all_day)
            except RuleProblem as exc:
                raise Refused(f"event {label}: {exc}") from None
            if kind == "RRULE":
                rules.append(rule)
    recurrence = recurrences[0] if recurrences else None
    return _Event(
        component, label, rules, starts[0], recurrence, len(lines), dates + exdates, exdates
    )


def _check_totals(events: list[_Event]) -> None:
    lines = dates = 0
    for event in events:
        lines += event.rule_lines
        dates += event.dates
        if lines > MAX_RULES:
            raise Refused(
                f"event {event.label}: more than {MAX_RULES} repeating rules in the calendar "
                f"(RRULE and EXRULE lines; at most {MAX_RULES})"
            )
        if dates > MAX_DATES:
            raise Refused(
                f"event {event.label}: more than {MAX_DATES} RDATE and EXDATE values in the "
                f"calendar (at most {MAX_DATES})"
            )


def _sequence(event: _Event) -> int:
    value = event.component.get("SEQUENCE", -1)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Refused(
            f"event {event.label}: SEQUENCE {short(str(value), 20)!r} is not a number"
        ) from None


def _core(members: list[_Event]) -> _Event | None:
    """The event the library expands for one UID: the unmodified one of highest SEQUENCE."""
    core = None
    for event in members:
        if event.recurrence is None and (core is None or _sequence(event) > _sequence(core)):
            core = event
    return core


def _instant(value: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """A moment to order occurrences of all zones by; floating and all-day ones are in `zone`."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(dt.UTC)


def _in(value: dt.date, days: tuple[dt.date, dt.date] | None) -> bool:
    day = value.date() if isinstance(value, dt.datetime) else value
    return days is None or days[0] <= day < days[1]


def _occurrences(
    cal: Calendar, events: list[_Event], days: tuple[dt.date, dt.date] | None, zone: dt.tzinfo
) -> tuple[list[Component], bool]:
    series: dict[str, list[_Event]] = {}
    for event in events:
        uid = event.component.get("UID")
        series.setdefault(str(id(event)) if uid is None else str(uid), []).append(event)
    # Each EXDATE value and each moved occurrence can take one occurrence away from the cap.
    limit = MAX_OCCURRENCES + sum(e.exdates + (e.recurrence is not None) for e in events)
    steps = Steps()
    keys: list[dt.datetime] = []
    expanded: list[tuple[_Event, bool]] = []
    for members in series.values():
        core = _core(members)
        if core is None:
            continue
        if core.rules:
            # One more than the cap tells whether the rule goes on past it.
            shifted = _expand(core, members, days, limit + 1, steps)
            expanded.append((core, shifted))
            if not shifted:  # moved by RANGE=THISANDFUTURE: kept whole, and not counted
                keys.extend(_instant(v, zone) for v in core.values if _in(v, days))
        elif "RDATE" not in core.component and _in(core.start, days):
            keys.append(_instant(core.start, zone))
    cut = sorted(keys)[limit - 1] if len(keys) > limit else None
    for core, shifted in expanded:
        if cut is not None and not shifted:
            core.values = [v for v in core.values if _instant(v, zone) <= cut]
        _rewrite(core)
    low = (days[0] if days else dt.date(MIN_YEAR, 1, 1)) - _MARGIN
    high = (days[1] if days else LAST_DAY) + _MARGIN
    if cut is not None:
        high = min(high, cut.date() + _MARGIN)
    try:
        found = recurring_ical_events.of(cal).between(low, high)
        inside = [e for e in found if (day := _day(e)) is None or _in(day, days)]
        inside.sort(key=lambda e: _instant(e["DTSTART"].dt, zone))
    except _LIBRARY_ERRORS as exc:
        raise Refused(f"cannot expand the calendar's events ({exc!s:.200})") from None
    capped = cut is not None or len(inside) > MAX_OCCURRENCES
    return inside[:MAX_OCCURRENCES], capped


def _expand(
    core: _Event,
    members: list[_Event],
    days: tuple[dt.date, dt.date] | None,
    limit: int,
    steps: Steps,
) -> bool:
    """Fill `core.values` with what its rules produce; True if THISANDFUTURE moves some."""
    component = core.component
    adapter = recurring_ical_events.EventAdapter(component)
    try:  # DTSTART as recurring-ical-events 3.8 expands from: in the first zone of the series
        moments = [adapter.start, adapter.end, *adapter.exdates]
        moments += [r[0] if isinstance(r, tuple) else r for r in adapter.rdates]
    except _LIBRARY_ERRORS as exc:
        raise Refused(f"event {core.label}: bad start or end ({exc!s:.100})") from None
    zone = next((m.tzinfo for m in moments if isinstance(m, dt.datetime) and m.tzinfo), None)
    all_dates = not any(isinstance(m, dt.datetime) for m in moments)
    origin: dt.datetime = convert_to_datetime(moments[0], zone)
    bounds: list[dt.datetime] = []
    for rule in core.rules:
        try:
            check_possible(rule, origin)
        except RuleProblem as exc:
            raise Refused(f"event {core.label}: {exc}") from None
        if (bound := until_bound(rule.until, origin, all_dates)) is not None:
            bounds.append(bound)
    if bounds and origin > max(bounds):
        core.last_until = max(bounds).date() if all_dates else max(bounds)
    shift, ranges = _ranges(core, members, days)
    values: set[dt.datetime] = set()
    for rule in core.rules:
        until = until_bound(rule.until, origin, all_dates)
        for first, last in ranges:
            try:
                found = expand(
                    rule, origin, until=until, first=first, last=last, limit=limit, steps=steps
                )
            except RuleProblem as exc:
                raise Refused(f"event {core.label}: RRULE {exc}") from None
            values.update(found)
    date_start = not isinstance(core.start, dt.datetime)
    core.values = [v.date() if date_start else v for v in sorted(values)]
    return shift


def _ranges(
    core: _Event, members: list[_Event], days: tuple[dt.date, dt.date] | None
) -> tuple[bool, list[tuple[dt.date | None, dt.date]]]:
    """The spans of days whose occurrences the library may look at, and whether any is moved."""
    shift = dt.timedelta(0)
    extra: list[tuple[dt.date | None, dt.date]] = []
    for member in members:
        if member.recurrence is None:
            continue
        params = getattr(member.component.get("RECURRENCE-ID"), "params", {})
        if params.get("RANGE") == "THISANDFUTURE":
            moved, original = make_comparable([member.start, member.recurrence])
            shift = max(shift, abs(moved - original))
        # A modification that has rules of its own and an older SEQUENCE is dropped when its
        # RECURRENCE-ID is not an occurrence of the core: the occurrences around it are needed.
        own_rules = any(key in member.component for key in ("RRULE", "RDATE", "EXDATE"))
        if own_rules and _sequence(member) < _sequence(core):
            day = _date(member.recurrence)
            extra.append((day - _MARGIN, day + _MARGIN))
    if days is None:
        return shift > dt.timedelta(0), [(None, LAST_DAY), *extra]
    wide = _MARGIN + dt.timedelta(days=shift.days + 1)
    return shift > dt.timedelta(0), [(days[0] - wide, days[1] + wide), *extra]


def _date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _rewrite(core: _Event) -> None:
    """The core's RRULEs become the RDATEs they produce: the library never expands a rule."""
    component = core.component
    del component["RRULE"]
    if core.values:
        component.add("RDATE", core.values)
    if core.last_until is not None:  # a rule that ends before DTSTART, so DTSTART stays out
        component.add("RRULE", {"FREQ": "YEARLY", "UNTIL": core.last_until})


def _day(event: Any) -> dt.date | None:
    start = event.get("DTSTART")
    value = getattr(start, "dt", None)
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None
