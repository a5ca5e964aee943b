"""Plans to iCalendar (RFC 5545) and planned runs from it, with `icalendar`.

Writing a plan:

- One VEVENT per planned session. The UID comes from the athlete and the session's date only, so
  re-importing an updated plan replaces the old events instead of adding copies.
- SEQUENCE is the number of minutes since 2024-01-01 at export time: it grows with every export,
  which is what calendar apps compare to accept an update of an event they already hold.
- Without a session time the events are all-day (DATE values, transparent so they do not block
  the day); with one they are timed in the athlete's zone, with a VTIMEZONE, or in UTC.

Reading runs (`calendar_runs`, used by runs_import): repeating events are expanded with
`recurring-ical-events`; events are runs when the summary says so (run, jog, tempo, intervals,
race, ...; "easy"/"long" only with a stated distance or duration). All-day events start at
midnight in the given zone and take their duration from the summary ("90 min"), else 0 (unknown).
hamcoach's own sessions and cancelled events are skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import zoneinfo
from collections import Counter
from collections.abc import Iterable
from typing import Any

import recurring_ical_events
from icalendar import Calendar, Event

from hamcoach import __version__
from hamcoach.domain.catalogue import Catalogue, Exercise
from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import Plan, PlannedExercise, PlannedSession
from hamcoach.domain.runs import Run
from hamcoach.integrations.errors import BadFile

PRODID = f"-//hamcoach//hamcoach {__version__}//EN"
UID_DOMAIN = "hamcoach"
SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
WARM_UP_S = 600
WORK_S_PER_SET = 45  # one side of one set, at a controlled tempo
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Z", "GMT", "Etc/GMT"})

MAX_OCCURRENCES = 2000
_RUN_WORDS = frozenset(
    {"run", "runs", "running", "jog", "jogging", "tempo", "interval", "intervals", "race"}
    | {"fartlek", "parkrun", "marathon", "threshold", "strides", "lsd", "5k", "10k"}
)
_SOFT_RUN_WORDS = frozenset({"easy", "long", "recovery", "hills", "track", "reps"})
_WORD = re.compile(r"[a-z0-9]+")
_REPS = re.compile("\\b\\d+\\s*[x\u00d7]\\s*\\d+")  # 6x800: a session of repetitions
_DISTANCE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(km|k|mi|miles?)\b")
_MINUTES = re.compile(r"(\d+)\s*(?:min|mins|minutes)\b")
_HOURS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?)\b(?:\s*(\d+)\b)?")

# Malformed calendars surface as these from icalendar and recurring-ical-events (found by fuzzing).
_LIBRARY_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    LookupError,
    OverflowError,
)

_SHORT_NAMES = {
    "lying-leg-curl": "lying curl",
    "seated-leg-curl": "seated curl",
    "nordic-curl": "Nordic",
    "single-leg-curl": "single-leg curl",
    "floor-curl": "floor curl",
}


def zone(tz: str) -> dt.tzinfo:
    """The time zone named `tz` (IANA name, e.g. Europe/Paris); UTC for the UTC aliases."""
    if tz.strip() in _UTC_NAMES:
        return dt.UTC
    try:
        return zoneinfo.ZoneInfo(tz.strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"unknown time zone {tz!r} (use an IANA name like Europe/Paris)"
        ) from None


def athlete_hash(athlete_key: str) -> str:
    return hashlib.sha1(athlete_key.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


def session_uid(athlete_key: str, date: dt.date, n: int = 1) -> str:
    """Stable per athlete and day; the n-th session of a day (n > 1) gets a suffix."""
    suffix = "" if n == 1 else f"-{n}"
    return f"hamcoach-{athlete_hash(athlete_key)}-{date:%Y%m%d}{suffix}@{UID_DOMAIN}"


def _reps(ex: PlannedExercise) -> str:
    reps = str(ex.reps_min) if ex.reps_min == ex.reps_max else f"{ex.reps_min}-{ex.reps_max}"
    return f"{ex.sets}x{reps}" + ("/side" if ex.per_side else "")


def short_name(ex: PlannedExercise, catalogue: Catalogue = CATALOGUE) -> str:
    entry = catalogue.get(ex.slug)
    name = _SHORT_NAMES.get(ex.slug, entry.name)
    if ex.variant is not None:
        name = f"{name} ({entry.variant(ex.variant).name.lower()})"
    if ex.stance == "single" and not ex.per_side:
        name = f"single-leg {name}"
    return name


def summary(session: PlannedSession, catalogue: Catalogue = CATALOGUE) -> str:
    parts = [f"{short_name(ex, catalogue)} {_reps(ex)}" for ex in session.exercises]
    return "Hamstrings: " + ", ".join(parts)


def _load(ex: PlannedExercise, entry: Exercise, unit: str | None) -> str:
    if ex.load is None:
        return "body weight" if entry.bodyweight else "load: start light and find a hard 12"
    return f"{ex.load:g} {unit}" if unit else f"load {ex.load:g}"


def _target(ex: PlannedExercise, entry: Exercise, unit: str | None) -> str:
    reps = str(ex.reps_min) if ex.reps_min == ex.reps_max else f"{ex.reps_min}-{ex.reps_max}"
    side = " each side" if ex.per_side else ""
    return (
        f"{ex.sets} x {reps} reps{side}, {_load(ex, entry, unit)}, rest {ex.rest_s} s between sets"
    )


def description(
    session: PlannedSession, *, unit: str | None, catalogue: Catalogue = CATALOGUE
) -> str:
    lines: list[str] = []
    for ex in session.exercises:
        entry = catalogue.get(ex.slug)
        title = entry.name
        if ex.variant is not None:
            variant = entry.variant(ex.variant)
            title = f"{title} - {variant.name} ({variant.note})"
        if ex.stance and ex.stance != "both":
            title += f", stance: {ex.stance.replace('-', ' ')}"
        lines.append(f"{title}: {_target(ex, entry, unit)}")
        if ex.note:
            lines.append(f"  Note: {ex.note}")
        for label, cues in (
            ("Set-up", entry.cues.setup),
            ("Move", entry.cues.movement),
            ("Return", entry.cues.lowering),
            ("Avoid", entry.cues.faults),
        ):
            lines.extend(f"  {label}: {cue}" for cue in cues)
        lines.append("")
    if session.reasons:
        lines.append("Why this day and these exercises:")
        lines.extend(f"- {reason}" for reason in session.reasons)
    return "\n".join(lines).strip()


def estimated_duration(session: PlannedSession) -> dt.timedelta:
    """Warm-up, work and rests, rounded up to 5 minutes (for timed events)."""
    seconds = WARM_UP_S
    for ex in session.exercises:
        sides = 2 if ex.per_side else 1
        seconds += ex.sets * (sides * WORK_S_PER_SET + ex.rest_s)
    return dt.timedelta(minutes=5 * math.ceil(seconds / 300))


def _sequence(now: dt.datetime) -> int:
    return max(0, int((now - SEQUENCE_EPOCH).total_seconds() // 60))


def _numbered(sessions: Iterable[PlannedSession]) -> list[tuple[PlannedSession, int]]:
    seen: dict[dt.date, int] = {}
    out: list[tuple[PlannedSession, int]] = []
    for session in sorted(sessions, key=lambda s: s.date):
        seen[session.date] = seen.get(session.date, 0) + 1
        out.append((session, seen[session.date]))
    return out


def plan_to_ics(
    plan: Plan,
    *,
    athlete_key: str,
    tz: str,
    session_time: dt.time | None,
    unit: str | None,
    calendar_name: str,
    now: dt.datetime | None = None,
    catalogue: Catalogue = CATALOGUE,
) -> bytes:
    """The plan as an .ics calendar: one event per session, updatable by re-import."""
    if not athlete_key:
        raise InvalidInput("the calendar needs an athlete key for stable event ids")
    zone_info = zone(tz)
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", calendar_name)
    cal.add("x-wr-calname", calendar_name)
    dates: list[dt.date] = []
    for session, n in _numbered(plan.sessions()):
        event = Event()
        event.add("uid", session_uid(athlete_key, session.date, n))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", _sequence(stamp))
        event.add("summary", summary(session, catalogue))
        event.add("description", description(session, unit=unit, catalogue=catalogue))
        event.add("categories", ["Strength", "Hamstrings"])
        if session_time is None:
            event.add("dtstart", session.date)
            event.add("dtend", session.date + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        else:
            start = dt.datetime.combine(session.date, session_time.replace(tzinfo=None))
            local = start.replace(tzinfo=zone_info)
            event.add("dtstart", local)
            event.add("dtend", local + estimated_duration(session))
            event.add("transp", "OPAQUE")
        dates.append(session.date)
        cal.add_component(event)
    if session_time is not None and dates and zone_info is not dt.UTC:
        # Zone definitions only for the span of the plan keep the file small.
        cal.add_missing_timezones(
            first_date=min(dates) - dt.timedelta(days=1),
            last_date=max(dates) + dt.timedelta(days=2),
        )
    return bytes(cal.to_ical())


# --- reading runs from a calendar ---------------------------------------------------------


def looks_like_run(summary: str) -> bool:
    """A run word, a repetition pattern, or "easy"/"long" with a stated distance or duration."""
    words = set(_WORD.findall(summary.lower()))
    if words & _RUN_WORDS or _REPS.search(summary.lower()):
        return True
    stated = _distance_m(summary) is not None or _duration_s(summary) is not None
    return bool(words & _SOFT_RUN_WORDS) and stated


def _distance_m(summary: str) -> float | None:
    best = None
    for amount, unit in _DISTANCE.findall(summary.lower()):
        metres = float(amount.replace(",", ".")) * (1609.344 if unit.startswith("mi") else 1000)
        best = max(best or 0.0, metres)
    return best


def _duration_s(summary: str) -> float | None:
    text = summary.lower()
    hours = _HOURS.search(text)
    if hours:
        minutes = int(hours.group(2)) if hours.group(2) else 0
        return float(hours.group(1).replace(",", ".")) * 3600 + minutes * 60
    found = _MINUTES.search(text)
    return float(found.group(1)) * 60 if found else None


def _ics_run(event: Any, zone_info: dt.tzinfo) -> Run:
    summary = str(event.get("SUMMARY", "")).strip()
    start_value = event.start
    if isinstance(start_value, dt.datetime):
        start = start_value if start_value.tzinfo else start_value.replace(tzinfo=zone_info)
        duration = event.duration.total_seconds()
    else:
        start = dt.datetime.combine(start_value, dt.time(), tzinfo=zone_info)
        duration = _duration_s(summary) or 0.0
    uid = str(event.get("UID", "")).strip() or f"{start:%Y%m%dT%H%M%S}-{summary}"
    recurrence = event.get("RECURRENCE-ID")
    key = f"ics:{uid}"
    if recurrence is not None:
        original = recurrence.dt
        if isinstance(original, dt.datetime):
            if original.tzinfo is None:  # floating time: no zone to convert from
                key += f":{original:%Y%m%dT%H%M%S}"
            else:
                key += f":{original.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
        else:
            key += f":{original:%Y%m%d}"
    return Run(
        start=start,
        duration_s=max(0.0, duration),
        distance_m=_distance_m(summary),
        title=summary,
        avg_hr=None,
        source="ics",
        external_id=key,
    )


SUB_DAILY = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
MAX_SCANNED = 20 * MAX_OCCURRENCES


def _refuse_sub_daily(cal: Calendar, name: str) -> None:
    # A few lines of RRULE:FREQ=MINUTELY expand to hundreds of thousands of events; no training
    # plan repeats a run more than once a day, so such a file is refused before expanding it.
    for event in cal.walk("VEVENT"):
        rule = event.get("RRULE")
        freqs = [str(f).upper() for f in (rule.get("FREQ", []) if rule is not None else [])]
        if SUB_DAILY & set(freqs):
            summary = str(event.get("SUMMARY", "")).strip() or "(no title)"
            raise BadFile(
                name, f"event {summary!r} repeats {freqs[0].lower()}: runs repeat daily at most"
            )


def _day(event: Any) -> dt.date | None:
    start = event.get("DTSTART")
    value = getattr(start, "dt", None)
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _occurrences(
    cal: Calendar, name: str, window: tuple[dt.date, dt.date] | None
) -> tuple[list[Any], bool]:
    """Occurrences in the window (or the earliest ones), never more than MAX_OCCURRENCES, and
    never expanding more than MAX_SCANNED: the work is bounded whatever the file says."""
    _refuse_sub_daily(cal, name)
    found: list[Any] = []
    try:
        for scanned, event in enumerate(recurring_ical_events.of(cal).all()):
            if scanned >= MAX_SCANNED or len(found) >= MAX_OCCURRENCES:
                return found, True
            day = _day(event)
            if window is not None and day is not None:
                if day >= window[1]:
                    break  # occurrences come earliest first
                if day < window[0]:
                    continue
            found.append(event)
    except (recurring_ical_events.InvalidCalendar, *_LIBRARY_ERRORS) as exc:
        raise BadFile(name, f"cannot expand the calendar's events ({exc!s:.200})") from None
    return found, False


def calendar_runs(
    data: bytes, *, name: str, tz: dt.tzinfo, window: tuple[dt.date, dt.date] | None = None
) -> tuple[list[Run], list[str]]:
    """Runs planned in a calendar, and why other events were skipped.

    Repeating events are expanded (RRULE, EXDATE, moved occurrences); without a `window`, at most
    MAX_OCCURRENCES occurrences are read, earliest first.
    """
    try:
        cal = Calendar.from_ical(data)
    except _LIBRARY_ERRORS as exc:
        raise BadFile(name, f"invalid iCalendar data ({exc!s:.200})") from None
    if not cal.walk("VEVENT"):
        raise BadFile(name, "no events in the calendar")
    occurrences, capped = _occurrences(cal, name, window)
    runs: list[Run] = []
    not_runs: Counter[str] = Counter()
    ours = cancelled = 0
    for event in occurrences:
        summary = str(event.get("SUMMARY", "")).strip()
        if str(event.get("UID", "")).endswith(f"@{UID_DOMAIN}"):
            ours += 1
        elif str(event.get("STATUS", "")).upper() == "CANCELLED":
            cancelled += 1
        elif not looks_like_run(summary):
            not_runs[summary or "(no title)"] += 1
        else:
            try:
                runs.append(_ics_run(event, tz))
            except _LIBRARY_ERRORS as exc:
                raise BadFile(name, f"event {summary!r}: bad start or end ({exc})") from None
    skipped = [
        f"{title!r}: not a run" + (f" ({count} times)" if count > 1 else "")
        for title, count in sorted(not_runs.items())
    ]
    if ours:
        skipped.append(f"{ours} hamcoach session(s): strength sessions, not runs")
    if cancelled:
        skipped.append(f"{cancelled} cancelled event(s)")
    if capped:
        skipped.append(f"stopped after {MAX_OCCURRENCES} occurrences; import a date window")
    return runs, skipped
