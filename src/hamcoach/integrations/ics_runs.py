"""Which occurrences of a calendar are runs, and what the run is: the summary tells.

Events are runs when the summary says so (run, jog, tempo, intervals, race, ...; "easy" or
"long" only with a stated distance or duration). All-day events start at midnight in the given
zone and take their duration from the summary ("90 min"), else 0 (unknown). hamcoach's own
sessions and cancelled events are skipped. Runs go back to the parent process as JSON fields.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections import Counter
from typing import Any

from icalendar import Component

from hamcoach.domain.errors import excerpt
from hamcoach.integrations.sandbox import Refused

UID_DOMAIN = "hamcoach"
MAX_SKIPPED_TITLES = 20
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

# A bad start or end surfaces as these from icalendar.
_EVENT_ERRORS = (ValueError, KeyError, TypeError, AttributeError, OverflowError)


def looks_like_run(summary: str) -> bool:
    """A run word, a repetition pattern, or "easy"/"long" with a stated distance or duration."""
    words = set(_WORD.findall(summary.lower()))
    if words & _RUN_WORDS or _REPS.search(summary.lower()):
        return True
    stated = distance_m(summary) is not None or duration_s(summary) is not None
    return bool(words & _SOFT_RUN_WORDS) and stated


def distance_m(summary: str) -> float | None:
    best = None
    for amount, unit in _DISTANCE.findall(summary.lower()):
        metres = float(amount.replace(",", ".")) * (1609.344 if unit.startswith("mi") else 1000)
        best = max(best or 0.0, metres)
    return best


def duration_s(summary: str) -> float | None:
    text = summary.lower()
    hours = _HOURS.search(text)
    if hours:
        minutes = int(hours.group(2)) if hours.group(2) else 0
        return float(hours.group(1).replace(",", ".")) * 3600 + minutes * 60
    found = _MINUTES.search(text)
    return float(found.group(1)) * 60 if found else None


def _when(moment: dt.datetime) -> dict[str, Any]:
    """A start time as JSON: the wall time in its named zone, else the time with its offset."""
    key = moment.tzinfo.key if isinstance(moment.tzinfo, zoneinfo.ZoneInfo) else None
    if key:
        wall = moment.replace(tzinfo=None).isoformat()
        return {"wall": wall, "fold": moment.fold, "zone": key}
    return {"iso": moment.isoformat()}


def _run(event: Any, zone: dt.tzinfo) -> dict[str, Any]:
    summary = str(event.get("SUMMARY", "")).strip()
    start_value = event.start
    if isinstance(start_value, dt.datetime):
        start = start_value if start_value.tzinfo else start_value.replace(tzinfo=zone)
        duration = event.duration.total_seconds()
    else:
        start = dt.datetime.combine(start_value, dt.time(), tzinfo=zone)
        duration = duration_s(summary) or 0.0
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
    return {
        "start": _when(start),
        "duration_s": max(0.0, duration),
        "distance_m": distance_m(summary),
        "title": summary,
        "external_id": key,
    }


def classify(
    occurrences: list[Component], zone: dt.tzinfo, *, capped: bool, cap: int
) -> dict[str, Any]:
    """Runs as JSON fields and why the other occurrences were skipped."""
    runs: list[dict[str, Any]] = []
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
                runs.append(_run(event, zone))
            except _EVENT_ERRORS as exc:
                raise Refused(
                    f"event {excerpt(summary)}: bad start or end ({exc!s:.100})"
                ) from None
    # Titles are quoted short and the list is kept short: a folded 600 000-line SUMMARY once
    # made a 600 KB answer.
    titles = sorted(not_runs.items())
    skipped = [
        f"{excerpt(title)}: not a run" + (f" ({count} times)" if count > 1 else "")
        for title, count in titles[:MAX_SKIPPED_TITLES]
    ]
    if len(titles) > MAX_SKIPPED_TITLES:
        rest = sum(count for _, count in titles[MAX_SKIPPED_TITLES:])
        skipped.append(f"{rest} more events with other titles: not runs")
    if ours:
        skipped.append(f"{ours} hamcoach session(s): strength sessions, not runs")
    if cancelled:
        skipped.append(f"{cancelled} cancelled event(s)")
    if capped:
        skipped.append(f"stopped after {cap} occurrences; import a date window")
    return {"runs": runs, "skipped": skipped}
