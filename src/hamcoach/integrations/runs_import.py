"""Runs from activity files and training-plan calendars, read with the format's own library.

Formats are told apart by content, not by name: FIT (`fitdecode`), GPX (`gpxpy`), TCX (XML read
with `defusedxml`; no maintained TCX library exists) and iCalendar (`icalendar` and
`recurring-ical-events`); gzip-compressed files are unpacked first. A file whose content does not
match its extension is refused. Every XML file is parsed with defusedxml before any other parser
sees it, so entity tricks are refused up front.

Rules worth knowing:
- A run needs a start time: a GPX without timestamps is reported as skipped, not stored.
- A GPX file is one activity (as devices and apps export them): start = first timestamp,
  duration = last - first timestamp, distance = 2D length of all its tracks.
- FIT: one run per `session` message whose sport is running; laps, then records, stand in when a
  file has no session. Other sports are skipped with a reason. A file that breaks the FIT rules
  part-way is read up to the damage with Garmin's SDK (`fit_recovery`): its complete sessions
  are imported with a warning, and it is refused when none came before the damage.
- Recorded activities that cannot be runs are skipped with the reason (a start before 2000 or
  in the future, below walking pace); a GPX whose times cover under half its points is stored
  without a duration, with a warning (`activity_checks`).
- Recorded runs (FIT, GPX, TCX) get the external id `recorded:<UTC start>`, shared by the three
  formats so one run exported twice is stored once. Calendar runs get `ics:<UID>`, plus the
  occurrence's RECURRENCE-ID for repeating events, so a moved occurrence keeps its id.
- Calendars are read by `ics.calendar_runs` (see its module for which events count as runs).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.runs import Run
from hamcoach.integrations.errors import LIBRARY_ERRORS, BadFile, read_bounded
from hamcoach.integrations.file_kinds import sniff
from hamcoach.integrations.ics import calendar_runs, zone

MAX_BYTES = 64 * 1024 * 1024
_LIBRARY_ERRORS = LIBRARY_ERRORS


@dataclass(frozen=True)
class ImportResult:
    """One file's runs; what was skipped and why; warnings about runs stored with less than the
    file claims (a GPX without a duration, a damaged FIT file read up to the damage)."""

    runs: list[Run]
    skipped: list[str] = field(default_factory=list)
    kind: str = ""
    warnings: list[str] = field(default_factory=list)


def read_runs(
    path: str | Path, *, tz: str = "UTC", window: tuple[dt.date, dt.date] | None = None
) -> ImportResult:
    """Runs in a FIT, GPX, TCX or iCalendar file, and what was skipped and why.

    `tz` places all-day and floating calendar events; `window` (first day, day after the last)
    limits which occurrences of a calendar's repeating events are read.
    """
    path = Path(path)
    data = read_bounded(path, MAX_BYTES)
    return parse_runs(data, name=path.name, tz=tz, window=window)


def parse_runs(
    data: bytes, *, name: str, tz: str = "UTC", window: tuple[dt.date, dt.date] | None = None
) -> ImportResult:
    """Like `read_runs`, for content already in memory (an upload); `name` is used in messages."""
    if window is not None and window[0] >= window[1]:
        raise InvalidInput(f"the date window {window[0]} to {window[1]} is empty")
    if len(data) > MAX_BYTES:
        raise BadFile(name, f"too large (over {MAX_BYTES // (1024 * 1024)} MB)")
    if data[:2] == b"\x1f\x8b":
        data, name = _gunzip(data, name), name.removesuffix(".gz")
    if not data.strip():
        raise BadFile(name, "empty file")
    zone_info = zone(tz)
    warnings: list[str] = []
    if _is_activity(data):
        from hamcoach.integrations.runs_child import read_in_child

        kind, runs, skipped, warnings = read_in_child(data, name)
    else:
        kind, _ = sniff(data, name)  # not XML: nothing is parsed here but the first bytes
        try:
            runs, skipped = calendar_runs(data, name=name, tz=zone_info, window=window)
        except BadFile:
            raise
        except InvalidInput as exc:  # a run the file describes is impossible: name the file
            raise BadFile(name, exc.message) from None
    unique = {run.external_id: run for run in runs}
    return ImportResult(sorted(unique.values(), key=lambda r: r.start), skipped, kind, warnings)


def _is_activity(data: bytes) -> bool:
    text = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    fit = len(data) >= 12 and data[0] in (12, 14) and data[8:12] == b".FIT"
    return fit or text.startswith(b"<")


def _gunzip(data: bytes, name: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            inner = handle.read(MAX_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise BadFile(name, f"broken gzip data ({exc})") from None
    if len(inner) > MAX_BYTES:
        raise BadFile(name, f"too large once unpacked (over {MAX_BYTES // (1024 * 1024)} MB)")
    return inner
