"""Parsers for command-line values; each error names the value and what is allowed.

Many options are declared `str` and parsed here by hand, for errors that name the value and
what is allowed; their `metavar` says what they take (DATE, INTEGER, NUMBER), not `<str>`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated

import typer

from hamcoach.domain.errors import InvalidInput, UnknownChoice, excerpt

FORMAT_METAVAR = "[table|json]"

FormatOpt = Annotated[
    str,
    typer.Option(
        "--format", "-f", metavar=FORMAT_METAVAR, help="Output: a table to read, or JSON."
    ),
]


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


_NUMBER = re.compile(r"^\s*[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)\s*$")


def parse_number(value: str, what: str) -> float:
    """A decimal number, written with a point or a comma (17.5 or 17,5)."""
    if not _NUMBER.match(value):
        raise InvalidInput(f"{what} {excerpt(value)} is not a number (e.g. 17.5 or 17,5)")
    number = float(value.strip().replace(",", "."))
    if not math.isfinite(number):  # 400 digits are digits, and too many for a float
        raise InvalidInput(f"{what} {excerpt(value)} is not a finite number")
    return number


def split_list(value: str | None) -> list[str]:
    if not value:
        return []
    return [v.strip() for v in value.split(",") if v.strip()]
