"""Where one athlete stands, as a coach's roster shows it (pure): a status bucket with its reasons
in words, this week's strip of planned days, adherence, sessions missed in a row, and the
measurements the programme exists for.

The buckets, in order of precedence:
- **inactive**: nothing logged yet, or no session for INACTIVE_AFTER_DAYS days;
- **needs attention**: at least one reason below;
- **on track**: none.

Reasons for attention: adherence over the last four complete weeks below 50 % (Ripley 2021,
DESIGN 3.5); MISSED_IN_A_ROW planned sessions in a row not done (missed or skipped); a left/right
gap of 15 % or more (Bourne 2015); soreness from SORE_FROM reported in the last
RECENT_SORENESS_DAYS days; a Nordic break point that came earlier by more than its noise (5.5°),
or a Nordic force that fell by more than FORCE_NOISE_PCT. A low H:Q ratio is shown but is no reason:
it is information, not an alarm (DESIGN 3.5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from hamcoach.domain.metrics import (
    ASYM_FLAG_PCT,
    BREAK_POINT_NOISE_DEG,
    LOW_ADHERENCE,
    adherence,
)
from hamcoach.domain.readiness import is_sore
from hamcoach.domain.session_state import Status as DayStatus

INACTIVE_AFTER_DAYS = 21  # no session for this long: inactive, not "needs attention"
MISSED_IN_A_ROW = 2  # planned sessions in a row not done that need the coach's eye
RECENT_SORENESS_DAYS = 2  # soreness reported this recently still counts
FORCE_NOISE_PCT = 10  # a change in Nordic force smaller than this is read as noise
ADHERENCE_WEEKS = 4

_WORKED = (DayStatus.DONE, DayStatus.PARTIAL, DayStatus.EXTRA, DayStatus.IN_PROGRESS)
_NOT_DONE = (DayStatus.MISSED, DayStatus.SKIPPED)


class Standing(StrEnum):
    ATTENTION = "needs-attention"
    ON_TRACK = "on-track"
    INACTIVE = "inactive"

    @property
    def label(self) -> str:
        return {"needs-attention": "Needs attention", "on-track": "On track"}.get(
            self.value, "Inactive"
        )


@dataclass(frozen=True)
class Facts:
    """What the roster reads of one athlete (the service gathers it; nothing here reads)."""

    today: dt.date
    plan_start: dt.date
    days: Mapping[dt.date, DayStatus]  # planned days and days with extra work, in the window
    last_session: dt.date | None
    soreness: tuple[dt.date, int] | None = None  # the latest report
    hq: tuple[dt.date, float, float | None] | None = None  # latest (date, ratio, reference)
    asymmetry: tuple[dt.date, float] | None = None  # latest (date, gap %)
    break_angles: Sequence[tuple[dt.date, float]] = ()  # by date
    forces: Sequence[tuple[dt.date, float]] = ()  # newtons per test day, by date
    next_race: dt.date | None = None


@dataclass(frozen=True)
class Trend:
    latest: float
    change: float | None  # against the test before (degrees, or % for force)
    noise: bool  # the change is within the measurement's noise


@dataclass(frozen=True)
class Row:
    standing: Standing
    reasons: tuple[str, ...]
    week: tuple[tuple[dt.date, DayStatus], ...]  # this week's planned and extra days
    week_done: int
    week_planned: int
    adherence_4w: float | None
    missed_in_a_row: int
    last_session: dt.date | None
    soreness: tuple[dt.date, int] | None
    hq: tuple[dt.date, float, float | None] | None
    hq_low: bool
    asymmetry: tuple[dt.date, float] | None
    asymmetry_flag: bool
    break_angle: Trend | None
    force: Trend | None
    next_race: dt.date | None


@dataclass(frozen=True)
class Entry:
    """One athlete on a coach's roster: who, in which group, linked since when, and their row."""

    athlete_id: int
    name: str
    group: str | None
    since: dt.datetime
    unit: str
    row: Row
    new_comments: int = 0  # comments by others the coach has not read yet


@dataclass(frozen=True)
class Stored:
    """What the roster keeps of an athlete between reads: who, their unit and time zone, the
    athlete's current revision, and the row computed last with the revision and local day it
    was computed for (None: never computed)."""

    athlete_id: int
    name: str
    unit: str
    timezone: str
    revision: int
    row: Row | None = None
    row_revision: int | None = None
    computed_on: dt.date | None = None

    def holds(self, today: dt.date) -> bool:
        """Whether the stored row still holds: nothing written since, and computed today (the
        standing moves with the day: a planned session turns missed once its day is over)."""
        return self.row_revision == self.revision and self.computed_on == today

    def fresh(self, today: dt.date) -> Row | None:
        """The stored row if it still holds."""
        return self.row if self.holds(today) else None


SORTS = ("status", "name", "adherence", "last-session")
_ORDER = {"needs-attention": 0, "on-track": 1, "inactive": 2}


def select(
    entries: Sequence[Entry],
    status: str | None = None,
    group: str | None = None,
    search: str | None = None,
    sort: str = "status",
) -> list[Entry]:
    """The entries a roster view shows: filtered by status and group, searched by name (any
    part, any case), sorted (status: who needs attention first; then by name)."""
    needle = (search or "").strip().casefold()
    found = [
        e
        for e in entries
        if (not status or e.row.standing.value == status)
        and (not group or e.group == group)
        and needle in e.name.casefold()
    ]
    by_name = sorted(found, key=lambda e: (e.name.casefold(), e.athlete_id))
    if sort == "name":
        return by_name
    if sort == "adherence":  # lowest first: the coach looks for who slips; unknown last
        return sorted(by_name, key=lambda e: (e.row.adherence_4w is None, e.row.adherence_4w or 0))
    if sort == "last-session":  # longest ago first; never logged first of all
        return sorted(by_name, key=lambda e: e.row.last_session or dt.date.min)
    return sorted(by_name, key=lambda e: _ORDER[e.row.standing.value])


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def window_start(today: dt.date) -> dt.date:
    """The first day the roster looks at: the Monday four complete weeks before this one."""
    return monday(today) - dt.timedelta(days=7 * ADHERENCE_WEEKS)


def _adherence(facts: Facts) -> float | None:
    this_week = monday(facts.today)
    planned, done = [], []
    for k in range(ADHERENCE_WEEKS, 0, -1):
        start = this_week - dt.timedelta(days=7 * k)
        if start < monday(facts.plan_start):
            continue  # the plan had not begun: nothing was asked
        days = [(d, s) for d, s in facts.days.items() if start <= d < start + dt.timedelta(7)]
        planned.append(sum(1 for _, s in days if s is not DayStatus.EXTRA))
        done.append(sum(1 for _, s in days if s in _WORKED))
    if not planned or not sum(planned):
        return None
    return adherence(planned, done).overall


def _missed_in_a_row(facts: Facts) -> int:
    count = 0
    for day in sorted(facts.days, reverse=True):
        status = facts.days[day]
        if day >= facts.today or status is DayStatus.EXTRA:
            continue  # today is still open; extra work neither breaks nor extends the run
        if status in _NOT_DONE:
            count += 1
        else:
            break
    return count


def _trend(points: Sequence[tuple[dt.date, float]], percent: bool) -> Trend | None:
    if not points:
        return None
    latest = points[-1][1]
    if len(points) < 2:
        return Trend(latest, None, True)
    before = points[-2][1]
    if percent:
        change = (latest - before) / before * 100 if before else 0.0
        return Trend(latest, change, abs(change) < FORCE_NOISE_PCT)
    change = latest - before
    return Trend(latest, change, abs(change) < BREAK_POINT_NOISE_DEG)


def standing(facts: Facts) -> Row:
    """The athlete's row on the roster."""
    today = facts.today
    start = monday(today)
    week = tuple(
        (d, facts.days[d]) for d in sorted(facts.days) if start <= d < start + dt.timedelta(7)
    )
    week_planned = sum(1 for _, s in week if s is not DayStatus.EXTRA)
    week_done = sum(1 for _, s in week if s in _WORKED)
    rate = _adherence(facts)
    missed = _missed_in_a_row(facts)
    angle = _trend(facts.break_angles, percent=False)
    force = _trend(facts.forces, percent=True)
    asym_flag = facts.asymmetry is not None and facts.asymmetry[1] >= ASYM_FLAG_PCT
    hq_low = facts.hq is not None and facts.hq[2] is not None and facts.hq[1] < facts.hq[2]

    reasons: list[str] = []
    if facts.last_session is None:
        standing_, reasons = Standing.INACTIVE, ["nothing logged yet"]
    elif (today - facts.last_session).days >= INACTIVE_AFTER_DAYS:
        days = (today - facts.last_session).days
        standing_, reasons = Standing.INACTIVE, [f"no session for {days} days"]
    else:
        if rate is not None and rate < LOW_ADHERENCE:
            reasons.append(f"{rate:.0%} of planned sessions over 4 weeks (below 50 %)")
        if missed >= MISSED_IN_A_ROW:
            reasons.append(f"{missed} planned sessions in a row not done")
        if asym_flag and facts.asymmetry is not None:
            reasons.append(f"left/right gap {facts.asymmetry[1]:.0f} %")
        if facts.soreness is not None:
            day, score = facts.soreness
            if 0 <= (today - day).days <= RECENT_SORENESS_DAYS and is_sore(score):
                reasons.append(f"sore ({score}/10) on {day:%a %d %b}")
        if angle is not None and angle.change is not None and not angle.noise and angle.change < 0:
            reasons.append(f"Nordic break point {-angle.change:.0f}° earlier")
        if force is not None and force.change is not None and not force.noise and force.change < 0:
            reasons.append(f"Nordic force down {-force.change:.0f} %")
        standing_ = Standing.ATTENTION if reasons else Standing.ON_TRACK
        if not reasons:
            reasons = [f"{week_done} of {week_planned} sessions this week"]
    return Row(
        standing=standing_,
        reasons=tuple(reasons),
        week=week,
        week_done=week_done,
        week_planned=week_planned,
        adherence_4w=rate,
        missed_in_a_row=missed,
        last_session=facts.last_session,
        soreness=facts.soreness,
        hq=facts.hq,
        hq_low=hq_low,
        asymmetry=facts.asymmetry,
        asymmetry_flag=asym_flag,
        break_angle=angle,
        force=force,
        next_race=facts.next_race if facts.next_race and facts.next_race >= today else None,
    )
