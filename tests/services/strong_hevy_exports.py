"""Strong and Hevy CSV exports written in their real column layouts, shared by the import tests.

Used by test_history_import.py (what gets stored) and test_history_parsing.py (what gets refused).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zoneinfo
from collections.abc import Sequence

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)

STRONG_HEADER = [
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
]
HEVY_HEADER = [
    "title",
    "start_time",
    "end_time",
    "description",
    "exercise_title",
    "superset_id",
    "exercise_notes",
    "set_index",
    "set_type",
    "weight_kg",
    "reps",
    "distance_km",
    "duration_seconds",
    "rpe",
]


def write_csv(header: list[str], rows: Sequence[Sequence[object]], delimiter: str = ",") -> bytes:
    """As the apps write them: every field quoted where needed, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def strong_row(
    date: str, exercise: str, order: object, weight: float, reps: float, **kw: object
) -> list[object]:
    return [
        date,
        "Legs",
        "55m",
        exercise,
        order,
        weight,
        reps,
        0,
        0.0,
        kw.get("notes", ""),
        "",
        kw.get("rpe", ""),
    ]


STRONG = write_csv(
    STRONG_HEADER,
    [
        strong_row("2026-10-05 18:02:11", "Lying Leg Curl (Machine)", "W", 20.0, 10.0),
        strong_row(
            "2026-10-05 18:02:11",
            "Lying Leg Curl (Machine)",
            1,
            40.0,
            12.0,
            notes='felt "good", slow',
            rpe=8,
        ),
        strong_row("2026-10-05 18:02:11", "Lying Leg Curl (Machine)", 2, 40.0, 11.0),
        strong_row("2026-10-05 18:02:11", "Lying Leg Curl (Machine)", "D", 30.0, 8.0),
        strong_row("2026-10-05 18:02:11", "Nordic Hamstring Curl", 1, 10.0, 5.0),
        strong_row("2026-10-05 18:02:11", "Squat (Barbell)", 1, 100.0, 5.0),
        strong_row("2026-10-05 18:02:11", "Squat (Barbell)", 2, 100.0, 5.0),
        strong_row("2026-10-05 18:02:11", "Leg Curl (Machine)", 1, 35.0, 10.0),
        strong_row("2026-10-05 18:02:11", "Standing Leg Curl (Machine)", 1, 15.0, 10.0),
        strong_row("2026-10-08 07:00:00", "Seated Leg Curl (Machine)", 1, 45.0, 10.0),
        strong_row("2026-10-08 07:00:00", "Seated Leg Curl (Machine)", 2, 45.0, 150.0),
        strong_row("2026-10-08 07:00:00", "Seated Leg Curl (Machine)", 3, 0.0, 10.0),
        strong_row("2026-10-08 07:00:00", "Plank", 1, 0.0, 0.0),
        strong_row("2030-01-01 07:00:00", "Seated Leg Curl (Machine)", 1, 45.0, 10.0),
    ],
)

HEVY = write_csv(
    HEVY_HEADER,
    [
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Lying Leg Curl (Machine)",
            "",
            "pad above heels",
            0,
            "warmup",
            20,
            10,
            "",
            "",
            "",
        ],
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Lying Leg Curl (Machine)",
            "",
            "pad above heels",
            1,
            "normal",
            42.5,
            12,
            "",
            "",
            9,
        ],
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Lying Leg Curl (Machine)",
            "",
            "pad above heels",
            2,
            "failure",
            42.5,
            10,
            "",
            "",
            "",
        ],
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Nordic Hamstrings Curls",
            "",
            "",
            0,
            "normal",
            "",
            6,
            "",
            "",
            "",
        ],
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Stability Ball Leg Curl",
            "",
            "",
            0,
            "normal",
            "",
            12,
            "",
            "",
            "",
        ],
        [
            "Lower A",
            "26 Oct 2026, 07:06",
            "26 Oct 2026, 08:11",
            "",
            "Leg Press (Machine)",
            "",
            "",
            0,
            "normal",
            120,
            10,
            "",
            "",
            "",
        ],
    ],
)
