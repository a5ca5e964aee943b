"""A planned session as plain data (the session a runner started, kept as it was).

Once a session has begun, later plan changes must not rewrite it; storage and backups keep the
session as it was planned at its start in this shape. Reading checks every value, because a
backup file may carry it.
"""

from __future__ import annotations

import math
from typing import Any

from hamcoach.domain.catalogue import Catalogue
from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.model import PlannedExercise, PlannedSession, Side
from hamcoach.domain.set_rules import MAX_REPS, STANCES
from hamcoach.domain.values import MAX_NOTE, check_date, check_note, parse_iso_date

MAX_EXERCISES = 10
MAX_SETS = 20
MAX_REST_S = 3600
MAX_REASONS = 20


def to_data(session: PlannedSession) -> dict[str, Any]:
    return {
        "date": session.date.isoformat(),
        "exercises": [
            {
                "slug": e.slug,
                "variant": e.variant,
                "sets": e.sets,
                "reps_min": e.reps_min,
                "reps_max": e.reps_max,
                "per_side": e.per_side,
                "rest_s": e.rest_s,
                "load": e.load,
                "stance": e.stance,
                "note": e.note,
                "side_loads": {side.value: load for side, load in e.side_loads},
            }
            for e in session.exercises
        ],
        "reasons": list(session.reasons),
        "moved_from": None if session.moved_from is None else session.moved_from.isoformat(),
        "warnings": list(session.warnings),
    }


def _int(raw: Any, what: str, low: int, high: int) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        raise InvalidInput(f"{what} must be a whole number from {low} to {high} (got {raw!r})")
    return raw


def _load(raw: Any, what: str) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise InvalidInput(f"{what} must be a number (got {str(raw)[:40]!r})")
    # Range first: a JSON integer may be too large for a float (and for math.isfinite).
    if not 0 <= raw <= 1000 or not math.isfinite(raw):
        raise InvalidInput(f"{what} must be from 0 to 1000 (got {str(raw)[:40]})")
    return float(raw)


def _exercise(raw: Any, catalogue: Catalogue) -> PlannedExercise:
    if not isinstance(raw, dict):
        raise InvalidInput("a planned exercise must be an object")
    slug = raw.get("slug")
    if not isinstance(slug, str):
        raise InvalidInput("a planned exercise needs its slug")
    ex = catalogue.get(slug)
    variant = raw.get("variant")
    if variant is not None and (
        not isinstance(variant, str) or variant not in {v.slug for v in ex.variants}
    ):
        raise InvalidInput(f"{ex.short_name} has no variant {str(variant)[:40]!r}")
    stance = raw.get("stance")
    if stance is not None and (not isinstance(stance, str) or stance not in STANCES):
        raise InvalidInput(f"stance must be one of {', '.join(STANCES)} (got {str(stance)[:40]!r})")
    reps_min = _int(raw.get("reps_min"), "reps_min", 1, MAX_REPS)
    reps_max = _int(raw.get("reps_max"), "reps_max", reps_min, MAX_REPS)
    sides = raw.get("side_loads") or {}
    if not isinstance(sides, dict):
        raise InvalidInput("side_loads must be an object of leg: load")
    side_loads = []
    for side, load in sides.items():
        value = _load(load, f"the {side} leg's load")
        if value is None:
            raise InvalidInput(f"the {side} leg's load must be a number")
        parsed = Side.parse(side)
        assert parsed is not None  # a key is never None
        side_loads.append((parsed, value))
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        raise InvalidInput("a planned exercise's note must be text")
    per_side = raw.get("per_side")
    if not isinstance(per_side, bool):
        raise InvalidInput("per_side must be true or false")
    return PlannedExercise(
        slug=ex.slug,
        variant=variant,
        sets=_int(raw.get("sets"), "sets", 1, MAX_SETS),
        reps_min=reps_min,
        reps_max=reps_max,
        per_side=per_side,
        rest_s=_int(raw.get("rest_s"), "rest_s", 0, MAX_REST_S),
        load=_load(raw.get("load"), "load"),
        stance=stance,
        note=check_note(note, "planned note"),
        side_loads=tuple(sorted(side_loads)),
    )


def from_data(raw: Any, catalogue: Catalogue) -> PlannedSession:
    """The planned session back from `to_data`'s shape; InvalidInput names what is wrong."""
    if not isinstance(raw, dict):
        raise InvalidInput("a planned session must be an object")
    when = raw.get("date")
    if not isinstance(when, str):
        raise InvalidInput("a planned session's date must be a YYYY-MM-DD text")
    date = check_date(parse_iso_date(when, "planned session date"), "planned session date")
    exercises = raw.get("exercises")
    reasons = raw.get("reasons", [])
    if not isinstance(exercises, list) or len(exercises) > MAX_EXERCISES:
        raise InvalidInput(f"a planned session holds a list of at most {MAX_EXERCISES} exercises")
    moved = raw.get("moved_from")
    if moved is not None and not isinstance(moved, str):
        raise InvalidInput("a planned session's moved_from must be a YYYY-MM-DD text or null")
    return PlannedSession(
        date=date,
        exercises=tuple(_exercise(e, catalogue) for e in exercises),
        reasons=_texts(reasons, "reasons"),
        moved_from=None
        if moved is None
        else check_date(parse_iso_date(moved, "moved_from"), "moved_from"),
        # Snapshots from before moves have no warnings.
        warnings=_texts(raw.get("warnings", []), "warnings"),
    )


def _texts(raw: Any, what: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or len(raw) > MAX_REASONS:
        raise InvalidInput(f"a planned session holds a list of at most {MAX_REASONS} {what}")
    texts = []
    for text in raw:
        if not isinstance(text, str):
            raise InvalidInput(f"a planned session's {what} are text")
        texts.append(check_note(text, "plan reason", max_len=MAX_NOTE * 2) or "")
    return tuple(t for t in texts if t)
