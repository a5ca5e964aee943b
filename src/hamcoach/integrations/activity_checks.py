"""Is a recorded activity (FIT, GPX, TCX) a run that can be stored? Checks of what a file says.

Run in the budgeted child with the readers (`activity_readers`); pure functions of their inputs.

- **Start**: recorded runs start from 2000-01-01 up to one day after the time of the import. A
  receiver that has no GPS time yet writes 1901 or 1980, a watch whose clock was never set
  1989-12-31; a clock far ahead gives a run that has not happened. The day of such a run is
  unknown, and the day is what the plan needs: **not stored**, skipped with the reason.
- **Walking pace**: slower than `WALK_KMH` (3 km/h, 20 min/km) on average is not running. The
  slowest mountain-ultra finishers average about 3.7 km/h with their stops (171 km in UTMB's
  46.5 h cut-off), so nothing a race calls running is refused. Such a file is a walk or a hike
  labelled as a run, or a recording left running long after the run: **not stored**, skipped with
  the reason. Ordinary walking (4-6 km/h) overlaps the slowest trail runs, so pace alone cannot
  tell them apart: those are stored unless the file's sport or type says walking or hiking.
- **Partial times** (GPX): when fewer than half of a track's points carry a time of their own
  (no time, or the same time as the point before), the times do not cover the track: 4.6 km
  "in 1 min". The day and the distance stand, the duration does not: **stored without a
  duration** (so without a pace), with a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hamcoach.domain.runs import MAX_RUN_SECONDS

EARLIEST_START = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
FUTURE_SLACK = dt.timedelta(days=1)  # a device clock a little ahead, not a run next year
WALK_KMH = 3.0
MIN_TIMED_SHARE = 0.5


def start_problem(start: dt.datetime, now: dt.datetime) -> str | None:
    """Why a recorded activity's start cannot be its real start, or None."""
    day = start.date().isoformat()
    if start < EARLIEST_START:
        return (
            f"its times start on {day}, out of range (before 2000): the device's clock was "
            "not set (no GPS time yet?), so the day of the run is unknown"
        )
    if start > now + FUTURE_SLACK:
        return (
            f"its times start on {day}, out of range (in the future): the device's clock is "
            "wrong, so the day of the run is unknown"
        )
    return None


def duration_text(seconds: float) -> str:
    minutes = round(seconds / 60)
    if minutes < 1:
        return f"{seconds:.0f} s"
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def pace_problem(duration_s: float, distance_m: float | None) -> str | None:
    """Why an activity's average speed is not a run's (below walking pace), or None.

    Durations no run has (over `MAX_RUN_SECONDS`) are left to `Run`, which refuses the file.
    """
    if not distance_m or not 0 < duration_s <= MAX_RUN_SECONDS:
        return None
    kmh = distance_m / duration_s * 3.6
    if kmh >= WALK_KMH:
        return None
    return (
        f"{distance_m / 1000:.1f} km in {duration_text(duration_s)} is {kmh:.1f} km/h, slower "
        f"than {WALK_KMH:g} km/h: a walk or a hike (or a recording left running), not a run"
    )


def own_times(times: Iterable[dt.datetime | None]) -> int:
    """How many points carry a time of their own: set, and not the time of the point before."""
    count = 0
    previous: dt.datetime | None = None
    for moment in times:
        if moment is not None and moment != previous:
            count += 1
            previous = moment
    return count


def times_cover(timed: int, points: int) -> bool:
    """Whether `timed` points with their own time (of `points`) can time the whole track."""
    return timed >= MIN_TIMED_SHARE * points
