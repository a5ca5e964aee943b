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

An uploaded calendar is read in a child process with a budget (`sandbox`, `READ_BUDGET`): the
checks of `ics_read` and `ics_rules` bound the work of every rule before it is expanded, and the
budget stops whatever they miss. Anything over a bound or the budget is a `BadFile`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import zoneinfo
from collections.abc import Iterable

from icalendar import Calendar, Event

from hamcoach import __version__
from hamcoach.domain.catalogue import Catalogue, Exercise
from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import Plan, PlannedExercise, PlannedSession
from hamcoach.domain.profile import Profile
from hamcoach.domain.runs import Run
from hamcoach.domain.values import clean_line
from hamcoach.integrations import sandbox
from hamcoach.integrations.errors import BadFile
from hamcoach.integrations.ics_read import MAX_OCCURRENCES as MAX_OCCURRENCES
from hamcoach.integrations.ics_runs import UID_DOMAIN
from hamcoach.integrations.ics_runs import looks_like_run as looks_like_run

PRODID = f"-//hamcoach//hamcoach {__version__}//EN"
SEQUENCE_EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
WARM_UP_S = 600
WORK_S_PER_SET = 45  # one side of one set, at a controlled tempo
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Z", "GMT", "Etc/GMT"})

# About 1 s of CPU time after start-up (an ordinary calendar needs a few milliseconds, the
# largest accepted ones about half of it) and 256 MB of address space (they use under 60 MB).
READ_BUDGET = sandbox.Budget(cpu_s=1.0, memory_mb=256, wall_s=1.8)
# icalendar parses about 3 MB a second: a larger calendar cannot fit the budget anyway.
MAX_CALENDAR_BYTES = 4 * 1024 * 1024
_READER = "hamcoach.integrations.ics_read:read_calendar"
_OVER_BUDGET = {
    "cpu": "too many or too intricate repeating events",
    "memory": "too large or too many events",
    "time": "too many events, or a busy server: try again",
}

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
    if ex.stance == "single":
        name = f"single-leg {name}"
    return name


def summary(session: PlannedSession, catalogue: Catalogue = CATALOGUE) -> str:
    parts = [f"{short_name(ex, catalogue)} {_reps(ex)}" for ex in session.exercises]
    return "Hamstrings: " + ", ".join(parts)


def _load(ex: PlannedExercise, entry: Exercise, unit: str | None) -> str:
    if ex.load is None:
        return "body weight" if entry.bodyweight else "load: start light and find a hard 12"
    if len({load for _, load in ex.side_loads}) > 1:  # each leg its own load
        legs = ", ".join(f"{side.value} {load:g}" for side, load in ex.side_loads)
        return f"{legs} {unit}" if unit else f"load {legs}"
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


def athlete_calendar(
    plan: Plan,
    profile: Profile,
    *,
    athlete_key: str,
    session_time: dt.time | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The athlete's plan in their zone and units, named after them (feed, download, CLI)."""
    return plan_to_ics(
        plan,
        athlete_key=athlete_key,
        tz=profile.timezone,
        session_time=session_time,
        unit=profile.units.value,
        # One line whatever is stored: a line break in a name would end the property early.
        calendar_name=clean_line(f"Hamstrings - {profile.name}", 200),
        now=now,
    )


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


def _zone_spec(tz: dt.tzinfo) -> dict[str, object]:
    if isinstance(tz, zoneinfo.ZoneInfo) and tz.key:
        return {"key": tz.key}
    if isinstance(tz, dt.timezone):
        offset = tz.utcoffset(None)
        return {"offset": int(offset.total_seconds())}
    raise InvalidInput(f"time zone {tz!r} is neither an IANA zone nor a fixed offset")


def _start(when: dict[str, object]) -> dt.datetime:
    if "zone" in when:
        wall = dt.datetime.fromisoformat(str(when["wall"]))
        return wall.replace(
            tzinfo=zoneinfo.ZoneInfo(str(when["zone"])), fold=int(str(when["fold"]))
        )
    return dt.datetime.fromisoformat(str(when["iso"]))


def calendar_runs(
    data: bytes,
    *,
    name: str,
    tz: dt.tzinfo,
    window: tuple[dt.date, dt.date] | None = None,
    budget: sandbox.Budget = READ_BUDGET,
) -> tuple[list[Run], list[str]]:
    """Runs planned in a calendar, and why other events were skipped.

    Repeating events are expanded (RRULE, EXDATE, moved occurrences); at most MAX_OCCURRENCES
    occurrences are read, the earliest in the window (or in the calendar, without a window).
    Raises BadFile, naming the file and what is wrong, and nothing else.
    """
    if len(data) > MAX_CALENDAR_BYTES:
        raise BadFile(
            name,
            f"a calendar over {MAX_CALENDAR_BYTES // (1024 * 1024)} MB: export only the training "
            "calendar, or a shorter span",
        )
    args = {"tz": _zone_spec(tz), "window": [d.isoformat() for d in window] if window else None}
    try:
        reply = sandbox.run(_READER, data, args, budget)
    except sandbox.Refused as exc:
        raise BadFile(name, str(exc)) from None
    except sandbox.OverBudget as exc:
        why = _OVER_BUDGET[exc.resource]
        raise BadFile(name, f"reading it needs more than {exc.limit} ({why})") from None
    except sandbox.Crashed as exc:
        raise BadFile(name, f"cannot read the calendar ({exc})") from None
    try:
        runs = [
            Run(
                start=_start(found["start"]),
                duration_s=float(found["duration_s"]),
                distance_m=found["distance_m"],
                title=found["title"],
                avg_hr=None,
                source="ics",
                external_id=found["external_id"],
            )
            for found in reply["runs"]
        ]
        skipped = [str(reason) for reason in reply["skipped"]]
    except InvalidInput as exc:  # a run the calendar describes is impossible
        raise BadFile(name, exc.message) from None
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise BadFile(name, f"cannot read the calendar (unexpected reply: {exc!s:.100})") from None
    return runs, skipped
