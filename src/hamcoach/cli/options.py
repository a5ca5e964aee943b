"""Parsers for command-line values; each error names the value and what is allowed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

from hamcoach.domain.errors import InvalidInput, UnknownChoice, excerpt


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def parse_format(value: str) -> OutputFormat:
    try:
        return OutputFormat(value.lower())
    except ValueError:
        raise UnknownChoice("format", value, (f.value for f in OutputFormat)) from None


def parse_date(value: str) -> dt.date:
    """A date written YYYY-MM-DD (a usage error otherwise). Its range is the domain's rule
    (2000-2099), checked where the date is used, so an out-of-range date is refused input."""
    text = value.strip()
    try:
        if len(text) != 10 or text[4] != "-" or text[7] != "-":
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{excerpt(value)} is not a date; use YYYY-MM-DD, e.g. 2026-12-01"
        ) from None


def parse_choice_int(value: str, allowed: Sequence[int], what: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number not in allowed:
        raise UnknownChoice(what, value, (str(a) for a in allowed))
    return number


def parse_int_range(value: str, low: int, high: int, what: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise InvalidInput(
            f"{what} {excerpt(value)} is not a whole number ({low}-{high})"
        ) from None
    if not low <= number <= high:
        raise InvalidInput(f"{what} must be {low}-{high} (got {number})")
    return number


def split_list(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in value.split(",") if v.strip()]
