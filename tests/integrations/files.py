"""Activity and calendar files made by the reference libraries, for the import tests."""

from __future__ import annotations

import datetime as dt
import math
import struct
import xml.etree.ElementTree as ET
import zoneinfo
from typing import Any

import gpxpy.gpx
from garmin_fit_sdk import CrcCalculator, Encoder, Profile
from icalendar import Calendar, Event

UTC = dt.UTC
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
START = dt.datetime(2026, 3, 3, 17, 30, tzinfo=UTC)
MESG = Profile["mesg_num"]
TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
METRES_PER_DEGREE = 2 * math.pi * 6_378_137 / 360  # of latitude, on gpxpy's sphere


def fit_activity(
    sessions: list[tuple[str, dt.datetime, float, float, int | None]], *, with_session: bool = True
) -> bytes:
    """An activity file from Garmin's encoder: (sport, start, seconds, metres, avg HR) each."""
    enc = Encoder()
    enc.write_mesg(
        {
            "mesg_num": MESG["FILE_ID"],
            "type": "activity",
            "manufacturer": "development",
            "product": 1,
            "serial_number": 4242,
            "time_created": sessions[0][1],
        }
    )
    for index, (sport, start, seconds, metres, hr) in enumerate(sessions):
        end = start + dt.timedelta(seconds=seconds)
        for i in range(5):
            enc.write_mesg(
                {
                    "mesg_num": MESG["RECORD"],
                    "timestamp": start + (end - start) * i / 4,
                    "distance": metres * i / 4,
                    "heart_rate": hr or 0,
                }
            )
        lap: dict[str, Any] = {
            "mesg_num": MESG["LAP"],
            "message_index": index,
            "timestamp": end,
            "start_time": start,
            "total_elapsed_time": seconds,
            "total_timer_time": seconds,
            "total_distance": metres,
            "sport": sport,
        }
        enc.write_mesg(lap)
        if with_session:
            session: dict[str, Any] = {
                "mesg_num": MESG["SESSION"],
                "message_index": index,
                "timestamp": end,
                "start_time": start,
                "total_elapsed_time": seconds + 30,
                "total_timer_time": seconds,
                "total_distance": metres,
                "sport": sport,
                "sub_sport": "generic",
            }
            if hr is not None:
                session["avg_heart_rate"] = hr
            enc.write_mesg(session)
    return enc.close()


def gpx_file(
    times: list[dt.datetime | None],
    *,
    kind: str | None = "running",
    hr: bool = True,
    speed_mps: float = 3.0,
    metres_apart: float | None = None,
) -> bytes:
    """A one-track GPX from gpxpy, due north: points `metres_apart`, or where `speed_mps` (an
    easy 10.8 km/h) puts them at their times (points without a time are then 100 m apart)."""
    gpx = gpxpy.gpx.GPX()
    gpx.nsmap["gpxtpx"] = TPX
    track = gpxpy.gpx.GPXTrack(name="Lunch run")
    setattr(track, "type", kind)  # noqa: B010 (gpxpy types the field as None)
    segment = gpxpy.gpx.GPXTrackSegment()
    first = times[0] if times else None
    timed = metres_apart is None and all(t is not None for t in times)
    for i, moment in enumerate(times):
        if timed and moment is not None and first is not None:
            metres = speed_mps * (moment - first).total_seconds()
        else:
            metres = i * (metres_apart or 100.0)
        latitude = 46.0 + metres / METRES_PER_DEGREE
        point = gpxpy.gpx.GPXTrackPoint(latitude, 7.0, elevation=500.0, time=moment)
        if hr:
            ext = ET.Element(f"{{{TPX}}}TrackPointExtension")
            ET.SubElement(ext, f"{{{TPX}}}hr").text = str(140 + i % 20)
            point.extensions.append(ext)
        segment.points.append(point)
    track.segments.append(segment)
    gpx.tracks.append(track)
    return gpx.to_xml().encode("utf-8")


# --- FIT files damaged on purpose ----------------------------------------------------------------


def fit_data(messages: list[dict[str, Any]]) -> bytes:
    """The data records Garmin's encoder writes for `messages` (no header, no checksum)."""
    enc = Encoder()
    for message in messages:
        enc.write_mesg(message)
    whole = enc.close()
    return whole[whole[0] : -2]


def fit_file(data: bytes) -> bytes:
    """A FIT file around data records: a 14-byte header and both checksums (the SDK's CRC), as an
    app writes them, so the damage is in the data, not in its bytes' transmission."""
    header = bytearray(Encoder().close()[:14])  # the encoder's header, for an empty file
    header[4:8] = struct.pack("<I", len(data))
    header[12:14] = struct.pack("<H", CrcCalculator.calculate_crc(bytes(header), 0, 12))
    body = bytes(header) + data
    return body + struct.pack("<H", CrcCalculator.calculate_crc(body, 0, len(body)))


def damaged_fit(
    start: dt.datetime, seconds: float, metres: float, *, damage: str, sport: str = "running"
) -> bytes:
    """An activity whose records point at local message 11, never defined (as some apps write
    them): `damage` "after" the session summary (which stays readable) or "before" it."""
    end = start + dt.timedelta(seconds=seconds)
    file_id = {
        "mesg_num": MESG["FILE_ID"],
        "type": "activity",
        "manufacturer": "development",
        "product": 1,
        "serial_number": 4242,
        "time_created": start,
    }
    records = [
        {
            "mesg_num": MESG["RECORD"],
            "timestamp": start + (end - start) * i / 4,
            "distance": metres * i / 4,
            "heart_rate": 150,
        }
        for i in range(5)
    ]
    summary = [
        {
            "mesg_num": MESG["LAP"],
            "message_index": 0,
            "timestamp": end,
            "start_time": start,
            "total_elapsed_time": seconds,
            "total_timer_time": seconds,
            "total_distance": metres,
            "sport": sport,
        },
        {
            "mesg_num": MESG["SESSION"],
            "message_index": 0,
            "timestamp": end,
            "start_time": start,
            "total_elapsed_time": seconds,
            "total_timer_time": seconds,
            "total_distance": metres,
            "sport": sport,
            "sub_sport": "generic",
            "avg_heart_rate": 150,
        },
    ]
    # One more record, encoded as Garmin's encoder writes it; its header then names local
    # message 11 (a data message: bits 7 and 6 clear), which no definition message declares.
    head = fit_data([file_id, *records])
    extra = fit_data([file_id, *records, records[-1]])[len(head) :]
    assert extra[0] & 0xF0 == 0 and extra[0] != 11
    bad_record = bytes([11]) + extra[1:]
    whole = fit_data([file_id, *records, *summary])
    if damage == "after":
        return fit_file(whole + bad_record * 3)
    if damage == "before":
        return fit_file(head + bad_record + whole[len(head) :])
    raise ValueError(f"damage is 'after' or 'before', not {damage!r}")


def tcx_file(activities: list[tuple[str, dt.datetime, list[tuple[float, float, int]]]]) -> bytes:
    """TCX has no maintained library: written with the standard library's ElementTree."""
    ns = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}TrainingCenterDatabase")
    acts = ET.SubElement(root, f"{{{ns}}}Activities")
    for sport, start, laps in activities:
        act = ET.SubElement(acts, f"{{{ns}}}Activity", Sport=sport)
        ET.SubElement(act, f"{{{ns}}}Id").text = start.isoformat().replace("+00:00", "Z")
        at = start
        for seconds, metres, hr in laps:
            lap = ET.SubElement(act, f"{{{ns}}}Lap", StartTime=at.isoformat())
            ET.SubElement(lap, f"{{{ns}}}TotalTimeSeconds").text = str(seconds)
            ET.SubElement(lap, f"{{{ns}}}DistanceMeters").text = str(metres)
            avg = ET.SubElement(lap, f"{{{ns}}}AverageHeartRateBpm")
            ET.SubElement(avg, f"{{{ns}}}Value").text = str(hr)
            at += dt.timedelta(seconds=seconds)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def event(uid: str, summary: str, start: dt.date | dt.datetime, **props: Any) -> Event:
    ev = Event()
    ev.add("uid", uid)
    ev.add("summary", summary)
    ev.add("dtstamp", dt.datetime(2026, 2, 1, tzinfo=UTC))
    ev.add("dtstart", start)
    for key, value in props.items():
        ev.add(key.replace("_", "-"), value)
    return ev


def training_calendar() -> bytes:
    """Four weeks from Monday 2 March 2026, Berlin time, as a coach's calendar app writes it."""
    cal = Calendar()
    cal.add("prodid", "-//test//coach//EN")
    cal.add("version", "2.0")
    first_tue = dt.datetime(2026, 3, 3, 18, 0, tzinfo=BERLIN)
    cal.add_component(
        event(
            "intervals@coach",
            "Intervals 6x800m",
            first_tue,
            dtend=first_tue + dt.timedelta(hours=1),
            rrule={"freq": "weekly", "count": 4},
            exdate=first_tue + dt.timedelta(days=14),  # week 3: no intervals
        )
    )
    # Week 2's intervals move from Tuesday to Wednesday morning.
    moved = event(
        "intervals@coach",
        "Intervals 6x800m (moved)",
        dt.datetime(2026, 3, 11, 7, 0, tzinfo=BERLIN),
        dtend=dt.datetime(2026, 3, 11, 8, 0, tzinfo=BERLIN),
        recurrence_id=first_tue + dt.timedelta(days=7),
    )
    cal.add_component(moved)
    first_thu = dt.datetime(2026, 3, 5, 7, 0, tzinfo=BERLIN)
    cal.add_component(
        event(
            "easy@coach",
            "Easy run",
            first_thu,
            duration=dt.timedelta(minutes=45),
            rrule={"freq": "weekly", "count": 4},
        )
    )
    cal.add_component(
        event(
            "long@coach",
            "Long run 22 km",
            dt.date(2026, 3, 8),
            dtend=dt.date(2026, 3, 9),
            rrule={"freq": "weekly", "count": 4},
        )
    )
    cal.add_component(event("dentist@me", "Dentist", dt.datetime(2026, 3, 4, 9, 0, tzinfo=BERLIN)))
    cal.add_component(
        event(
            "gone@coach",
            "Tempo run",
            dt.datetime(2026, 3, 6, 7, 0, tzinfo=BERLIN),
            status="CANCELLED",
        )
    )
    cal.add_component(event("floating@coach", "Parkrun", dt.datetime(2026, 3, 14, 9, 0)))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
