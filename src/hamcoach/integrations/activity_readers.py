"""The FIT, GPX and TCX readers, run in the budgeted child (`runs_child`): each turns a file's
activities into runs, names what it skipped (other sports, activities without a start, starts
before 2000 or in the future, walking pace: `activity_checks`) and warns about what it stored
with less than the file claims (a GPX whose times cover a fraction of its points, a damaged FIT
file read up to the damage: `fit_recovery`).

`runs_import.sniff` decides which reader a file goes to; only the child calls these.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

import fitdecode
import gpxpy
import gpxpy.gpx

from hamcoach.domain.runs import Run
from hamcoach.integrations import fit_recovery
from hamcoach.integrations.activity_checks import (
    duration_text,
    own_times,
    pace_problem,
    start_problem,
    times_cover,
)
from hamcoach.integrations.errors import LIBRARY_ERRORS, BadFile
from hamcoach.integrations.file_kinds import TCX_ROOT

MAX_FIT_SUMMARIES = 10_000  # sessions or laps in one file; a track session has a few hundred
_FIT_ERRORS: tuple[type[Exception], ...] = (fitdecode.FitError, struct.error, *LIBRARY_ERRORS)
_GPX_ERRORS: tuple[type[Exception], ...] = (gpxpy.gpx.GPXException, *LIBRARY_ERRORS)
_OTHER_SPORTS = frozenset(
    {"cycling", "biking", "bike", "ride", "swim", "swimming", "ski", "skiing", "rowing"}
    | {"walk", "walking", "hike", "hiking", "1", "2"}  # Strava's numeric 1 = ride, 2 = ski
)
_WORD = re.compile(r"[a-z0-9]+")
_FITDECODE_AT = re.compile(r"^FIT parsing error @ (\d+): (.*)$", re.DOTALL)


@dataclass
class Found:
    """One file's runs, what was skipped and why, and warnings about runs stored with less."""

    runs: list[Run] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _external_id(start: dt.datetime) -> str:
    return f"recorded:{start.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def _utc(value: object) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    try:
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    except OverflowError:  # year 1 at +05:00: before 2000 in any case
        return dt.datetime.min.replace(tzinfo=dt.UTC)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and value == value else None


# --- FIT ----------------------------------------------------------------------------------------


class _BrokenFit(Exception):
    """fitdecode met data that breaks the FIT rules (not a cut, a checksum or a header)."""


def _fit_messages(data: bytes, name: str) -> dict[str, list[dict[str, Any]]]:
    wanted = {"file_id", "sport", "session", "lap"}
    found: dict[str, list[dict[str, Any]]] = {key: [] for key in wanted}
    # Records (one a second) are only a fallback summary: fold them as they come, keep none.
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    farthest: float | None = None
    count = 0
    try:
        with fitdecode.FitReader(
            io.BytesIO(data),
            check_crc=fitdecode.CrcCheck.RAISE,
            error_handling=fitdecode.ErrorHandling.RAISE,
        ) as reader:
            for frame in reader:
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                if frame.name == "record":
                    count += 1
                    fields = {f.name: f.value for f in frame.fields}
                    moment = _utc(fields.get("timestamp"))
                    if moment is not None:
                        first = moment if first is None else min(first, moment)
                        last = moment if last is None else max(last, moment)
                    distance = _number(fields.get("distance"))
                    if distance is not None:
                        farthest = distance if farthest is None else max(farthest, distance)
                elif frame.name in wanted:
                    if len(found[frame.name]) >= MAX_FIT_SUMMARIES:
                        raise BadFile(name, f"over {MAX_FIT_SUMMARIES} {frame.name} messages")
                    found[frame.name].append({f.name: f.value for f in frame.fields})
    except fitdecode.FitEOFError:
        raise BadFile(name, "truncated FIT file (it ends before its declared size)") from None
    except fitdecode.FitCRCError:
        raise BadFile(name, "corrupt FIT file (checksum mismatch)") from None
    except fitdecode.FitHeaderError:
        raise BadFile(name, "not a FIT file (bad header)") from None
    except _FIT_ERRORS as exc:
        at = _FITDECODE_AT.match(str(exc))
        raise _BrokenFit(f"{at[2]} at byte {at[1]}" if at else f"{exc}"[:200]) from None
    found["record"] = (
        []
        if not count
        else [
            {
                "start_time": first,
                "total_elapsed_time": (last - first).total_seconds() if first and last else None,
                "total_distance": farthest,
            }
        ]
    )
    return found


def _fit_duration(summary: dict[str, Any]) -> float | None:
    return _number(summary.get("total_timer_time")) or _number(summary.get("total_elapsed_time"))


def _fit_run(summary: dict[str, Any], title: str, start: dt.datetime) -> Run:
    return Run(
        start=start,
        duration_s=_fit_duration(summary) or 0.0,
        distance_m=_number(summary.get("total_distance")),
        title=title,
        avg_hr=_number(summary.get("avg_heart_rate")) or None,
        source="fit",
        external_id=_external_id(start),
    )


def read_fit(data: bytes, name: str, *, now: dt.datetime) -> Found:
    try:
        msgs = _fit_messages(data, name)
    except _BrokenFit as exc:
        return _read_damaged_fit(data, name, str(exc), now)
    return _fit_found(msgs, name, now)


def _fit_found(msgs: dict[str, list[dict[str, Any]]], name: str, now: dt.datetime) -> Found:
    file_type = msgs["file_id"][0].get("type") if msgs["file_id"] else None
    if file_type not in (None, "activity"):
        raise BadFile(name, f"a FIT {file_type} file, not an activity")
    sport_msg = msgs["sport"][0] if msgs["sport"] else {}
    default_sport = sport_msg.get("sport")
    base_title = str(sport_msg.get("name") or "Run")
    summaries = msgs["session"]
    if not summaries and msgs["lap"]:
        summaries = _merge_laps(msgs["lap"])
    elif not summaries and msgs.get("record"):
        summaries = msgs["record"]  # the records' summary (see _fit_messages)
    if not summaries:
        raise BadFile(name, "no session, lap or record messages: nothing to import")
    found = Found()
    for n, summary in enumerate(summaries, start=1):
        sport = summary.get("sport") or default_sport
        start = _utc(summary.get("start_time"))
        when = f" ({start.date().isoformat()})" if start else ""
        if sport is None:
            found.skipped.append(
                f"activity {n}{when}: the file does not say which sport it records"
            )
            continue
        if sport != "running":
            found.skipped.append(f"activity {n}{when}: {sport}, not a run")
            continue
        if start is None:
            found.skipped.append(f"activity {n}: no start time, so the day of the run is unknown")
            continue
        if (problem := start_problem(start, now)) is not None:
            found.skipped.append(f"activity {n}: {problem}")
            continue
        duration, distance = _fit_duration(summary), _number(summary.get("total_distance"))
        if (problem := pace_problem(duration or 0.0, distance)) is not None:
            found.skipped.append(f"activity {n}{when}: {problem}")
            continue
        title = str(summary.get("sport_profile_name") or base_title)
        found.runs.append(_fit_run(summary, title, start))
    return found


def _complete_session(session: dict[str, Any]) -> bool:
    return (
        session.get("sport") is not None
        and _utc(session.get("start_time")) is not None
        and _fit_duration(session) is not None
    )


def _session_text(session: dict[str, Any]) -> str:
    start = _utc(session.get("start_time"))
    day = start.date().isoformat() if start else "?"
    metres = _number(session.get("total_distance"))
    km = f", {metres / 1000:.2f} km" if metres is not None else ""
    return f"{session.get('sport')} on {day}{km} in {duration_text(_fit_duration(session) or 0)}"


def _read_damaged_fit(data: bytes, name: str, problem: str, now: dt.datetime) -> Found:
    """A file fitdecode refuses mid-way: its complete sessions before the damage (SDK)."""
    msgs, damage = fit_recovery.read_until_damage(data)
    for kind, found_msgs in msgs.items():
        if len(found_msgs) > MAX_FIT_SUMMARIES:
            raise BadFile(name, f"over {MAX_FIT_SUMMARIES} {kind} messages")
    if damage is None:  # the reference decoder reads it all: not damaged, fitdecode too strict
        return _fit_found(msgs, name, now)
    sessions = [s for s in msgs["session"] if _complete_session(s)]
    if not sessions:
        raise BadFile(
            name,
            f"damaged FIT file ({problem}): no complete session summary before the damage, "
            "so nothing can be imported",
        )
    found = _fit_found({**msgs, "session": sessions}, name, now)
    recovered = "; ".join(_session_text(s) for s in sessions)
    found.warnings.insert(
        0,
        f"damaged FIT file ({problem}): read up to the damage with Garmin's FIT SDK, which "
        f"recovered the session summary ({recovered}); the rest of the file is lost",
    )
    return found


def _merge_laps(laps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def total(key: str) -> float | None:
        values = [v for lap in laps if (v := _number(lap.get(key))) is not None]
        return sum(values) if values else None

    starts = [s for lap in laps if (s := _utc(lap.get("start_time"))) is not None]
    return [
        {
            "start_time": min(starts) if starts else None,
            "total_timer_time": total("total_timer_time"),
            "total_elapsed_time": total("total_elapsed_time"),
            "total_distance": total("total_distance"),
            "sport": laps[0].get("sport"),
        }
    ]


# --- GPX ----------------------------------------------------------------------------------------


def _xml_text(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = re.search(rb"""encoding=["']([A-Za-z0-9._-]+)["']""", data[:200])
        try:
            return data.decode(declared.group(1).decode("ascii") if declared else "utf-8")
        except (LookupError, UnicodeDecodeError):
            raise BadFile(name, "the text is not in the encoding it declares") from None


def read_gpx(data: bytes, name: str, *, now: dt.datetime) -> Found:
    try:
        gpx = gpxpy.parse(_xml_text(data, name))
    except _GPX_ERRORS as exc:
        raise BadFile(name, f"invalid GPX ({exc})") from None
    if not gpx.tracks:
        extra = " (only routes or waypoints)" if gpx.routes or gpx.waypoints else ""
        raise BadFile(name, f"no tracks{extra}: a run is a recorded track")
    for track in gpx.tracks:
        if track.type and set(_WORD.findall(str(track.type).lower())) & _OTHER_SPORTS:
            return Found(
                skipped=[f"track {track.name or ''!r} is of type {track.type!r}, not a run"]
            )
    bounds = gpx.get_time_bounds()
    start, end = _utc(bounds.start_time), _utc(bounds.end_time)
    if start is None or end is None:
        return Found(skipped=["no timestamps: a run needs a start time, so nothing was imported"])
    title = str(gpx.name or next((t.name for t in gpx.tracks if t.name), None) or "").strip()
    label = f"track {title!r}" if title else "the track"
    if (problem := start_problem(start, now)) is not None:
        return Found(skipped=[f"{label}: {problem}"])
    points = [p for t in gpx.tracks for s in t.segments for p in s.points]
    duration = (end - start).total_seconds()
    distance = float(gpx.length_2d())
    warnings: list[str] = []
    timed = own_times(p.time for p in points)
    if not times_cover(timed, len(points)):
        warnings.append(
            f"{label}: only {timed} of {len(points)} track points have a time of their own, so "
            f"its times do not cover the track ({distance / 1000:.1f} km "
            f"'in {duration_text(duration)}'): stored with its day and distance, without a "
            "duration or pace"
        )
        duration = 0.0
    elif (problem := pace_problem(duration, distance)) is not None:
        return Found(skipped=[f"{label}: {problem}"])
    hr = [
        value
        for point in points
        for ext in point.extensions
        for node in ext.iter()
        if node.tag.rsplit("}", 1)[-1] == "hr" and (value := _float_or_none(node.text)) is not None
    ]
    run = Run(
        start=start,
        duration_s=duration,
        distance_m=distance,
        title=title or "Run",
        avg_hr=sum(hr) / len(hr) if hr else None,
        source="gpx",
        external_id=_external_id(start),
    )
    return Found([run], [], warnings)


def _float_or_none(text: str | None) -> float | None:
    try:
        value = float((text or "").strip())
    except ValueError:
        return None
    return value if value > 0 and value == value and value != float("inf") else None


# --- TCX ----------------------------------------------------------------------------------------


def _tcx_time(text: str | None, name: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat((text or "").strip())
    except ValueError:
        raise BadFile(name, f"bad time {text!r} in a TCX lap") from None
    result = _utc(value)
    assert result is not None
    return result


def read_tcx(root: Element, name: str, *, now: dt.datetime) -> Found:
    ns = root.tag[: -len(TCX_ROOT)]
    activities = root.findall(f"{ns}Activities/{ns}Activity")
    if not activities:
        raise BadFile(name, "no activities in the TCX file")
    found = Found()
    skipped = found.skipped
    for n, activity in enumerate(activities, start=1):
        sport = activity.get("Sport", "")
        laps = activity.findall(f"{ns}Lap")
        if sport.lower() != "running":
            skipped.append(f"activity {n}: {sport or 'no sport given'}, not a run")
            continue
        if not laps:
            skipped.append(f"activity {n}: no laps, so no time or distance")
            continue
        start = min(_tcx_time(lap.get("StartTime"), name) for lap in laps)
        seconds = [_float_or_none(lap.findtext(f"{ns}TotalTimeSeconds")) or 0.0 for lap in laps]
        metres = [_float_or_none(lap.findtext(f"{ns}DistanceMeters")) for lap in laps]
        rates = [_float_or_none(lap.findtext(f"{ns}AverageHeartRateBpm/{ns}Value")) for lap in laps]
        distance = sum(m for m in metres if m) if any(metres) else None
        if (problem := start_problem(start, now)) is not None:
            skipped.append(f"activity {n}: {problem}")
            continue
        if (problem := pace_problem(sum(seconds), distance)) is not None:
            skipped.append(f"activity {n} ({start.date().isoformat()}): {problem}")
            continue
        weighted = [(r, s) for r, s in zip(rates, seconds, strict=True) if r and s]
        weight = sum(s for _, s in weighted)
        notes = (activity.findtext(f"{ns}Notes") or "").strip()
        found.runs.append(
            Run(
                start=start,
                duration_s=sum(seconds),
                distance_m=distance,
                title=notes[:80] or "Run",
                avg_hr=sum(r * s for r, s in weighted) / weight if weight else None,
                source="tcx",
                external_id=_external_id(start),
            )
        )
    return found
