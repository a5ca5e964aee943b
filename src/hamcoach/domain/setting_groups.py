"""Groups of whole-number settings on a profile (race rules, progression rules): each name has
one range and one meaning, checked the same way everywhere and read from `name=value,...` text
(the CLI's form; the API and the settings page send the fields themselves)."""

from __future__ import annotations

from collections.abc import Mapping

from hamcoach.domain.errors import InvalidInput, UnknownChoice, excerpt

Limits = Mapping[str, tuple[int, int, str]]  # name -> (lowest, highest, what it means)


def check(values: object, limits: Limits) -> None:
    """Refuse a value outside its range, with the setting's meaning in the message."""
    for name, (low, high, meaning) in limits.items():
        value = getattr(values, name)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidInput(f"{meaning} must be {low} to {high} (got {value!r})")


def changes_from_text(text: str, limits: Limits, what: str) -> dict[str, int]:
    """`quiet_days=2, nordic-after-days=0` -> {"quiet_days": 2, "nordic_after_days": 0}."""
    changes: dict[str, int] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        key, sep, raw = part.partition("=")
        key = key.strip().replace("-", "_")
        if key not in limits:
            raise UnknownChoice(what, key, limits)
        try:
            changes[key] = int(raw.strip()) if sep else int("no value")
        except ValueError:
            example = next(iter(limits))
            raise InvalidInput(
                f"{what} {excerpt(part)} needs the form name=number, e.g. {example}=2"
            ) from None
    return changes
