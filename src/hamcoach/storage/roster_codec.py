"""A roster row as stored JSON (`roster_row.body`) and back: explicit keys, dates as ISO text.

A stored row is a cache of what `domain/roster.py::standing` computed; a body this version
cannot read (an older shape, a hand edit) reads as no row, and the roster computes it again.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

from hamcoach.domain.roster import Row, Standing, Trend
from hamcoach.domain.session_state import Status as DayStatus

SHAPE = 1  # bumped when the keys change: older rows then read as absent and are recomputed


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(str(value))


def _trend(t: Trend | None) -> list[Any] | None:
    return None if t is None else [t.latest, t.change, t.noise]


def _from_trend(value: Any) -> Trend | None:
    if value is None:
        return None
    latest, change, noise = value
    return Trend(float(latest), None if change is None else float(change), bool(noise))


def encode(row: Row) -> str:
    body = {
        "shape": SHAPE,
        "standing": row.standing.value,
        "reasons": list(row.reasons),
        "week": [[d.isoformat(), s.value] for d, s in row.week],
        "week_done": row.week_done,
        "week_planned": row.week_planned,
        "adherence_4w": row.adherence_4w,
        "missed_in_a_row": row.missed_in_a_row,
        "last_session": _day(row.last_session),
        "soreness": None if row.soreness is None else [_day(row.soreness[0]), row.soreness[1]],
        "hq": None if row.hq is None else [_day(row.hq[0]), row.hq[1], row.hq[2]],
        "hq_low": row.hq_low,
        "asymmetry": None if row.asymmetry is None else [_day(row.asymmetry[0]), row.asymmetry[1]],
        "asymmetry_flag": row.asymmetry_flag,
        "break_angle": _trend(row.break_angle),
        "force": _trend(row.force),
        "next_race": _day(row.next_race),
    }
    return json.dumps(body, separators=(",", ":"))


@lru_cache(maxsize=8192)
def decode(text: str) -> Row | None:
    """The row, or None when the body is not one this version wrote. Cached by the text (rows
    are immutable): a coach's reloads read the same bodies, and a club's roster is 1 000 of
    them, which would otherwise cost most of the read."""
    try:
        b = json.loads(text)
        if b.get("shape") != SHAPE:
            return None
        hq, soreness, asym = b["hq"], b["soreness"], b["asymmetry"]
        return Row(
            standing=Standing(b["standing"]),
            reasons=tuple(str(r) for r in b["reasons"]),
            week=tuple((dt.date.fromisoformat(d), DayStatus(s)) for d, s in b["week"]),
            week_done=int(b["week_done"]),
            week_planned=int(b["week_planned"]),
            adherence_4w=None if b["adherence_4w"] is None else float(b["adherence_4w"]),
            missed_in_a_row=int(b["missed_in_a_row"]),
            last_session=_date(b["last_session"]),
            soreness=None
            if soreness is None
            else (dt.date.fromisoformat(soreness[0]), int(soreness[1])),
            hq=None
            if hq is None
            else (
                dt.date.fromisoformat(hq[0]),
                float(hq[1]),
                None if hq[2] is None else float(hq[2]),
            ),
            hq_low=bool(b["hq_low"]),
            asymmetry=None if asym is None else (dt.date.fromisoformat(asym[0]), float(asym[1])),
            asymmetry_flag=bool(b["asymmetry_flag"]),
            break_angle=_from_trend(b["break_angle"]),
            force=_from_trend(b["force"]),
            next_race=_date(b["next_race"]),
        )
    # LookupError: a key or a list item missing; ArithmeticError: int() of an infinity; the
    # rest: a value of another type.
    except (ValueError, LookupError, TypeError, AttributeError, ArithmeticError):
        return None
