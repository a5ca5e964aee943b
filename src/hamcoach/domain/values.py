"""The rules every stored value obeys, in one place: text, dates, times, time zones, ids, numbers.

Every edge (API, pages, CLI, backup import, undo) reaches these through the same domain checks
(`Profile.validate`, `check_set`, `check_logged`, ...), so a value refused in one place is refused
everywhere, and nothing that would later break a page, a feed or an export is ever stored.

Why each rule:
- Text: control characters (NUL above all: PostgreSQL cannot store it) break calendar feeds,
  CSV files and terminals; lone surrogates cannot be encoded as UTF-8 at all. Notes may hold
  line breaks and tabs; names and titles are one line.
- Dates: a training log lives in this century. Year 1 or 9999 made date arithmetic overflow
  (a race on 0001-01-01 took every plan down), so dates are kept well inside both ends.
- Time zones: names from the tz database only, so every later conversion succeeds.
- Ids: UUIDs in their canonical form (lower case, hyphens), so one set has one id however a
  client spells it.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import unicodedata
import uuid

from hamcoach.domain.errors import InvalidInput, excerpt

EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)
MAX_NAME = 100
MAX_NOTE = 500
MAX_TIMEZONE = 64
MAX_RACES = 50
UTC_ALIASES = frozenset({"UTC", "Etc/UTC"})
# Refused in any text: control characters and lone surrogates. Unassigned code points stay
# allowed: an emoji newer than this Python's Unicode tables is still someone's note.
_REFUSED = frozenset({"Cc", "Cs"})
_LINE_BREAKS = frozenset({"Zl", "Zp"})


def _describe_char(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == "\x00":
        return f"a NUL byte ({code})"
    if unicodedata.category(char) == "Cs":
        return f"a lone surrogate ({code})"
    return f"the control character {code}"


def check_text(value: str, what: str, *, max_len: int, multiline: bool = False) -> str:
    """`value` if it is printable text of at most `max_len` characters."""
    if len(value) > max_len:
        raise InvalidInput(f"{what} can be at most {max_len} characters (got {len(value)})")
    for index, char in enumerate(value):
        if char.isprintable() or char == " ":
            continue
        category = unicodedata.category(char)
        # A textarea sends CR LF; old Macs wrote CR alone: all are line breaks in a note.
        allowed_break = multiline and (char in "\r\n\t" or category in _LINE_BREAKS)
        if allowed_break or category not in _REFUSED | _LINE_BREAKS:
            continue  # format characters (e.g. the joiners inside emoji) are fine
        where = "line breaks" if char in "\r\n" or category in _LINE_BREAKS else "it"
        if where == "line breaks":
            raise InvalidInput(f"{what} must be one line: remove the line break at {index + 1}")
        raise InvalidInput(f"{what} contains {_describe_char(char)} at {index + 1}: remove {where}")
    return value


def check_name(value: str, what: str = "name", max_len: int = MAX_NAME) -> str:
    """A one-line name: 1 to `max_len` printable characters, surrounding spaces dropped."""
    value = check_text(value.strip(), what, max_len=max_len)
    if not value:
        raise InvalidInput(f"{what} must be 1-{max_len} characters")
    return value


def check_note(value: str | None, what: str = "note", max_len: int = MAX_NOTE) -> str | None:
    """An optional note of at most `max_len` characters; line breaks allowed."""
    if value is None:
        return None
    return check_text(value, what, max_len=max_len, multiline=True)


def check_date(value: dt.date, what: str = "date") -> dt.date:
    """A date this century (2000-01-01 to 2099-12-31)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInput(f"{what} must be a date (YYYY-MM-DD)")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise InvalidInput(
            f"{what} {value.isoformat()} is out of range: use a date from "
            f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"
        )
    return value


def check_moment(value: dt.datetime, what: str = "time") -> dt.datetime:
    """A time with its UTC offset whose date, as written, passes `check_date` (and which
    converts to UTC: year 1 at +05:00 does not)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidInput(f"{what} needs a time zone offset (e.g. 2026-11-27T18:30:00Z)")
    try:
        value.astimezone(dt.UTC)
    except OverflowError:
        raise InvalidInput(
            f"{what} is out of range: use a time from {EARLIEST_DATE.year} to {LATEST_DATE.year}"
        ) from None
    check_date(value.date(), what)
    return value


def parse_iso_date(text: str, what: str = "date") -> dt.date:
    """A date written YYYY-MM-DD (nothing else: no numbers, no week dates), in range."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise InvalidInput(f"{what} must be a date written YYYY-MM-DD (got {excerpt(text)})")
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{what} {excerpt(text)} is not a date (YYYY-MM-DD)") from None
    return check_date(value, what)


@functools.cache
def _zones() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones()) | UTC_ALIASES


def time_zones() -> frozenset[str]:
    """Every time-zone name `check_timezone` accepts (the pages offer them as a list)."""
    return _zones()


def check_timezone(name: str) -> str:
    """An IANA time-zone name from the tz database (e.g. Europe/Paris), or UTC."""
    name = name.strip()
    if len(name) > MAX_TIMEZONE or name not in _zones():
        raise InvalidInput(
            f"unknown time zone {excerpt(name)}: use an IANA name like Europe/Paris, or UTC"
        )
    return name


def check_uuid(value: str, what: str = "id") -> str:
    """The canonical spelling (lower case, hyphenated) of a UUID, or InvalidInput."""
    try:
        if len(value) > 45:  # the longest spelling uuid.UUID accepts: {urn:uuid:...}
            raise ValueError
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise InvalidInput(f"{what} {excerpt(value)} is not a UUID") from None


def check_finite(value: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(f"{what} must be a finite number (got {excerpt(value)})")
    return float(value)


def clean_line(value: str, max_len: int) -> str:
    """`value` made storable as one line: refused characters and line breaks become spaces,
    runs of spaces collapse, and it is cut to `max_len`. For text read from devices and files
    (a run's title), where refusing a whole file for one odd character would help nobody."""
    kept = []
    for char in value:
        category = unicodedata.category(char)
        kept.append(" " if category in _REFUSED or category in _LINE_BREAKS else char)
    return " ".join("".join(kept).split())[:max_len]


def is_clean_line(value: str) -> bool:
    return all(unicodedata.category(c) not in _REFUSED | _LINE_BREAKS for c in value)


def whole_number(text: str, digits: int = 9) -> int | None:
    """`text` as a whole number when it is 1 to `digits` ASCII digits, else None. Not
    `str.isdigit`, which passes "²" and other digits `int` refuses."""
    if not 0 < len(text) <= digits or not text.isascii() or not text.isdigit():
        return None
    return int(text)
