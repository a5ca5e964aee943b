"""The FIT, GPX and TCX readers, run in the budgeted child (`runs_child`): each turns a file's
activities into runs and names what it skipped (other sports, activities without a start).

`runs_import.sniff` decides which reader a file goes to; only the child calls these.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import struct
from typing import Any
from xml.etree.ElementTree import Element

import fitdecode
import gpxpy
import gpxpy.gpx

from hamcoach.domain.runs import Run
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


def _external_id(start: dt.datetime) -> str:
    return f"recorded:{start.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def _utc(value: object) -> dt.datetime | None:
    if not isinstance(value, dt.datetime):
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and value == value else None


# --- FIT ----------------------------------------------------------------------------------------


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
        raise BadFile(name, f"unreadable FIT data ({exc})") from None
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


def _fit_run(summary: dict[str, Any], title: str, fallback_start: dt.datetime | None) -> Run | None:
    start = _utc(summary.get("start_time")) or fallback_start
    if start is None:
        return None
    duration = _number(summary.get("total_timer_time")) or _number(
        summary.get("total_elapsed_time")
    )
    return Run(
        start=start,
        duration_s=duration or 0.0,
        distance_m=_number(summary.get("total_distance")),
        title=title,
        avg_hr=_number(summary.get("avg_heart_rate")) or None,
        source="fit",
        external_id=_external_id(start),
    )


def read_fit(data: bytes, name: str) -> tuple[list[Run], list[str]]:
    msgs = _fit_messages(data, name)
    file_type = msgs["file_id"][0].get("type") if msgs["file_id"] else None
    if file_type not in (None, "activity"):
        raise BadFile(name, f"a FIT {file_type} file, not an activity")
    sport_msg = msgs["sport"][0] if msgs["sport"] else {}
    default_sport = sport_msg.get("sport")
    base_title = str(sport_msg.get("name") or "Run")
    summaries = msgs["session"]
    if not summaries and msgs["lap"]:
        summaries = _merge_laps(msgs["lap"])
    elif not summaries and msgs["record"]:
        summaries = msgs["record"]  # the records' summary (see _fit_messages)
    if not summaries:
        raise BadFile(name, "no session, lap or record messages: nothing to import")
    runs: list[Run] = []
    skipped: list[str] = []
    for n, summary in enumerate(summaries, start=1):
        sport = summary.get("sport") or default_sport
        start = _utc(summary.get("start_time"))
        when = f" ({start:%Y-%m-%d})" if start else ""
        if sport is None:
            skipped.append(f"activity {n}{when}: the file does not say which sport it records")
            continue
        if sport != "running":
            skipped.append(f"activity {n}{when}: {sport}, not a run")
            continue
        title = str(summary.get("sport_profile_name") or base_title)
        run = _fit_run(summary, title, None)
        if run is None:
            skipped.append(f"activity {n}: no start time, so the day of the run is unknown")
        else:
            runs.append(run)
    return runs, skipped


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


def read_gpx(data: bytes, name: str) -> tuple[list[Run], list[str]]:
    try:
        gpx = gpxpy.parse(_xml_text(data, name))
    except _GPX_ERRORS as exc:
        raise BadFile(name, f"invalid GPX ({exc})") from None
    if not gpx.tracks:
        extra = " (only routes or waypoints)" if gpx.routes or gpx.waypoints else ""
        raise BadFile(name, f"no tracks{extra}: a run is a recorded track")
    for track in gpx.tracks:
        if track.type and set(_WORD.findall(str(track.type).lower())) & _OTHER_SPORTS:
            return [], [f"track {track.name or ''!r} is of type {track.type!r}, not a run"]
    bounds = gpx.get_time_bounds()
    start, end = _utc(bounds.start_time), _utc(bounds.end_time)
    if start is None or end is None:
        return [], ["no timestamps: a run needs a start time, so nothing was imported"]
    title = gpx.name or next((t.name for t in gpx.tracks if t.name), None) or "Run"
    hr = [
        value
        for point in itertools.chain.from_iterable(s.points for t in gpx.tracks for s in t.segments)
        for ext in point.extensions
        for node in ext.iter()
        if node.tag.rsplit("}", 1)[-1] == "hr" and (value := _float_or_none(node.text)) is not None
    ]
    run = Run(
        start=start,
        duration_s=(end - start).total_seconds(),
        distance_m=float(gpx.length_2d()),
        title=str(title).strip() or "Run",
        avg_hr=sum(hr) / len(hr) if hr else None,
        source="gpx",
        external_id=_external_id(start),
    )
    return [run], []


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


def read_tcx(root: Element, name: str) -> tuple[list[Run], list[str]]:
    ns = root.tag[: -len(TCX_ROOT)]
    activities = root.findall(f"{ns}Activities/{ns}Activity")
    if not activities:
        raise BadFile(name, "no activities in the TCX file")
    runs: list[Run] = []
    skipped: list[str] = []
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
        weighted = [(r, s) for r, s in zip(rates, seconds, strict=True) if r and s]
        weight = sum(s for _, s in weighted)
        notes = (activity.findtext(f"{ns}Notes") or "").strip()
        runs.append(
            Run(
                start=start,
                duration_s=sum(seconds),
                distance_m=sum(m for m in metres if m) if any(metres) else None,
                title=notes[:80] or "Run",
                avg_hr=sum(r * s for r, s in weighted) / weight if weight else None,
                source="tcx",
                external_id=_external_id(start),
            )
        )
    return runs, skipped
