"""Reading one object of a JSON backup: typed fields whose errors name the field's path.

`backup.from_json` reads every record through these, so a bad file is refused with the first
bad field named (`athlete.sets[3].reps: expected a whole number`) before anything is stored.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any, TypeVar

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.values import (
    MAX_NOTE,
    check_moment,
    check_note,
    check_text,
    check_uuid,
    parse_iso_date,
)
from hamcoach.integrations.errors import BadFile

MAX_INT = 2**31 - 1  # the databases' INTEGER
T = TypeVar("T")


class Fields:
    """A JSON object being read: typed accessors whose errors name the field's path."""

    def __init__(self, value: object, path: str, name: str) -> None:
        if not isinstance(value, dict):
            raise BadFile(name, f"{path}: expected an object")
        self.value: dict[str, Any] = value
        self.path = path
        self.name = name

    def only(self, *keys: str) -> Fields:
        """Refuse fields this version does not write: a typo must not pass as "not given"."""
        unknown = sorted(set(self.value) - set(keys))
        if unknown:
            # Escaped and short: the message is printed to a terminal.
            key = ascii(unknown[0][:40])[1:-1] + ("..." if len(unknown[0]) > 40 else "")
            raise BadFile(self.name, f"{self.path}.{key}: unknown field")
        return self

    def fail(self, key: str, expected: str) -> BadFile:
        return BadFile(self.name, f"{self.path}.{key}: expected {expected}")

    def get(self, key: str, kind: type[T] | tuple[type, ...], expected: str) -> T:
        if key not in self.value:
            raise BadFile(self.name, f"{self.path}.{key}: missing")
        value = self.value[key]
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(key, expected)  # JSON true is not the number 1 here
        if not isinstance(value, kind):
            raise self.fail(key, expected)
        return value  # type: ignore[return-value]

    def opt(self, key: str, read: Callable[[str], T]) -> T | None:
        return None if self.value.get(key, None) is None else read(key)

    def text(self, key: str, limit: int) -> str:
        value: str = self.get(key, str, "text")
        if len(value) > limit:
            raise self.fail(key, f"at most {limit} characters")
        try:
            return check_text(value, f"{self.path}.{key}", max_len=limit)
        except InvalidInput as exc:
            raise BadFile(self.name, exc.message) from None

    def integer(self, key: str) -> int:
        value = int(self.get(key, int, "a whole number"))
        if abs(value) > MAX_INT:
            raise self.fail(key, f"a whole number within +-{MAX_INT}")
        return value

    def number(self, key: str) -> float:
        try:
            value = float(self.get(key, (int, float), "a number"))
        except OverflowError:  # an integer with hundreds of digits
            raise self.fail(key, "a finite number") from None
        if not math.isfinite(value):  # 1e400 parses as infinity
            raise self.fail(key, "a finite number")
        return value

    def note(self, key: str) -> str | None:
        value = self.opt(key, lambda k: self.get(k, str, "text"))
        try:
            return check_note(value, f"{self.path}.{key}", max_len=MAX_NOTE)
        except InvalidInput as exc:
            raise BadFile(self.name, exc.message) from None

    def flag(self, key: str) -> bool:
        return bool(self.get(key, bool, "true or false"))

    def date(self, key: str) -> dt.date:
        try:
            return parse_iso_date(self.text(key, 10), f"{self.path}.{key}")
        except InvalidInput as exc:
            raise BadFile(self.name, exc.message) from None

    def checked(self, key: str, check: Callable[[str], str]) -> str:
        """A text field passed through a domain rule; its refusal names the field."""
        try:
            return check(self.text(key, 200))
        except BadFile:
            raise
        except InvalidInput as exc:
            raise BadFile(self.name, f"{self.path}.{key}: {exc.message}") from None

    def uuid(self, key: str) -> str:
        try:
            return check_uuid(self.text(key, 45), f"{self.path}.{key}")
        except InvalidInput as exc:
            raise BadFile(self.name, exc.message) from None

    def moment(self, key: str) -> dt.datetime:
        text = self.text(key, 40)
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            raise self.fail(key, "a time (ISO 8601)") from None
        if value.tzinfo is None:
            raise self.fail(key, "a time with its UTC offset")
        try:
            return check_moment(value, f"{self.path}.{key}")
        except InvalidInput as exc:
            raise BadFile(self.name, exc.message) from None

    def items(self, key: str) -> list[Fields]:
        found: list[object] = self.get(key, list, "a list")
        return [Fields(v, f"{self.path}.{key}[{i}]", self.name) for i, v in enumerate(found)]
