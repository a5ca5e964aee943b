"""The roster in words and in JSON: the figures of each athlete's row as the Coach page, its CSV
export and `GET /api/v1/coach/roster` show them (one wording for all three)."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from hamcoach.domain.roster import Entry, Trend


class Figure(NamedTuple):
    label: str
    text: str
    flagged: bool = False  # shown as a warning (below 50 %, a 15 % gap, a real drop)


def _day(day: dt.date | None) -> str:
    return "never" if day is None else f"{day:%a %d %b %Y}"


def _trend(name: str, trend: Trend | None, unit: str, change_unit: str) -> str:
    """ "break point 42° (+3°, noise)": the latest value and its change from the test before."""
    if trend is None:
        return ""
    text = f"{name} {trend.latest:.0f}{unit}"
    if trend.change is None:
        return text
    return f"{text} ({trend.change:+.0f}{change_unit}{', noise' if trend.noise else ''})"


def figures(entry: Entry) -> list[Figure]:
    row = entry.row
    rate = row.adherence_4w
    nordic = [
        t
        for t in (
            _trend("break point", row.break_angle, "°", "°"),
            _trend("force", row.force, " N", " %"),
        )
        if t
    ]
    drop = any(
        t is not None and t.change is not None and not t.noise and t.change < 0
        for t in (row.break_angle, row.force)
    )
    return [
        Figure("This week", f"{row.week_done} of {row.week_planned} sessions"),
        Figure(
            "Last 4 weeks",
            "no complete week yet" if rate is None else f"{rate:.0%} of planned sessions",
            rate is not None and rate < 0.5,
        ),
        Figure("Not done in a row", str(row.missed_in_a_row), row.missed_in_a_row >= 2),
        Figure("Last session", _day(row.last_session)),
        Figure(
            "Soreness",
            "" if row.soreness is None else f"{row.soreness[1]}/10 on {row.soreness[0]:%d %b}",
        ),
        Figure(
            "H:Q",
            ""
            if row.hq is None
            else f"{row.hq[1]:.2f}" + (" (below the usual reference)" if row.hq_low else ""),
        ),
        Figure(
            "Left/right gap",
            "" if row.asymmetry is None else f"{row.asymmetry[1]:.0f} %",
            row.asymmetry_flag,
        ),
        Figure("Nordic", "; ".join(nordic), drop),
        Figure("Next race", "" if row.next_race is None else f"{row.next_race:%d %b %Y}"),
    ]


def _cell(text: str) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading quote
    (names and groups are typed by people)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_rows(entries: list[Entry]) -> list[list[str]]:
    """The roster as CSV rows, the header first (labels as the page shows them)."""
    labels = [
        "This week",
        "Last 4 weeks",
        "Not done in a row",
        "Last session",
        "Soreness",
        "H:Q",
        "Left/right gap",
        "Nordic",
        "Next race",
    ]
    rows = [["Athlete", "Group", "Status", "Reasons", *labels, "Linked since"]]
    for e in entries:
        shown = {f.label: f.text for f in figures(e)}
        rows.append(
            [
                _cell(e.name),
                _cell(e.group or ""),
                e.row.standing.label,
                "; ".join(e.row.reasons),
                *[_cell(shown[label]) for label in labels],
                f"{e.since:%Y-%m-%d}",
            ]
        )
    return rows


def entry_json(e: Entry) -> dict[str, Any]:
    row = e.row
    return {
        "athlete_id": e.athlete_id,
        "name": e.name,
        "group": e.group,
        "linked_since": e.since.isoformat(),
        "status": row.standing.value,
        "reasons": list(row.reasons),
        "week": [{"date": d.isoformat(), "status": s.value} for d, s in row.week],
        "week_done": row.week_done,
        "week_planned": row.week_planned,
        "adherence_4w": row.adherence_4w,
        "missed_in_a_row": row.missed_in_a_row,
        "last_session": None if row.last_session is None else row.last_session.isoformat(),
        "soreness": None
        if row.soreness is None
        else {"date": row.soreness[0].isoformat(), "score": row.soreness[1]},
        "hq": None
        if row.hq is None
        else {"date": row.hq[0].isoformat(), "ratio": row.hq[1], "reference": row.hq[2]},
        "asymmetry_pct": None if row.asymmetry is None else row.asymmetry[1],
        "asymmetry_flag": row.asymmetry_flag,
        "break_angle": _trend_json(row.break_angle),
        "nordic_force": _trend_json(row.force),
        "next_race": None if row.next_race is None else row.next_race.isoformat(),
    }


def _trend_json(t: Trend | None) -> dict[str, Any] | None:
    return None if t is None else {"latest": t.latest, "change": t.change, "noise": t.noise}
