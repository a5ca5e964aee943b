"""Every logged set as CSV (standard-library `csv`), one row per set, oldest first.

Columns (documented in the README; add new ones at the end only):

| column | meaning |
|---|---|
| date | the session's date in the athlete's time zone (YYYY-MM-DD) |
| performed_at | when the set was done, ISO 8601 in UTC |
| exercise | exercise slug (lying-leg-curl, seated-leg-curl, nordic-curl, ...) |
| variant | floor-curl implement (towel, sliders, stability-ball), else empty |
| stance | floor-curl ladder step (both, two-up-one-down, single), else empty |
| side | left or right for the single-leg curl, else empty |
| set_number | 1, 2, ... within the exercise (and side) that day |
| reps | reps done |
| load | load done, in `unit`; empty for body weight |
| unit | kg or lb |
| target_reps_min, target_reps_max, target_load | what was prescribed; empty when unknown |
| rir | reps in reserve, if logged |
| note | the set's note |
| id | the set's UUID |

A note that starts with =, +, -, @, a tab or a carriage return, also after leading spaces or
line breaks (spreadsheets skip those before reading a formula), gets a leading apostrophe, so
spreadsheet programs show it as text instead of running it (OWASP's CSV-injection advice).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from hamcoach.domain.records import LoggedSet

COLUMNS = (
    "date",
    "performed_at",
    "exercise",
    "variant",
    "stance",
    "side",
    "set_number",
    "reps",
    "load",
    "unit",
    "target_reps_min",
    "target_reps_max",
    "target_load",
    "rir",
    "note",
    "id",
    "kind",
    "hips_up",  # floor curl: yes, no, or empty when not said
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SKIPPED = " \n\r\t\u00a0\u3000"  # whitespace a spreadsheet may skip before a formula


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value)


def _text(value: str | None) -> str:
    if not value:
        return ""
    risky = value.startswith(_FORMULA_START) or value.lstrip(_SKIPPED).startswith(_FORMULA_START)
    return "'" + value if risky else value


def row(s: LoggedSet) -> list[str]:
    return [
        s.session_date.isoformat(),
        s.performed_at.isoformat(),
        s.exercise,
        s.variant or "",
        s.stance or "",
        s.side or "",
        str(s.set_number),
        str(s.reps),
        _number(s.load),
        s.unit,
        _number(s.target_reps_min),
        _number(s.target_reps_max),
        _number(s.target_load),
        _number(s.rir),
        _text(s.note),
        s.id,
        s.kind.value,
        "" if s.hips_up is None else ("yes" if s.hips_up else "no"),
    ]


def sets_to_csv(sets: Iterable[LoggedSet]) -> str:
    """RFC 4180 CSV (CRLF line ends, quotes where needed) with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for s in sets:
        writer.writerow(row(s))
    return buffer.getvalue()
