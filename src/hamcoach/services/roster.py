"""A coach's roster: one row per linked athlete, from what each athlete logged (read-only).

Each row's facts are gathered here (the plan of the roster's five weeks as the athlete sees it,
with moved and started sessions; the sets and sessions of those weeks; the latest soreness and
tests) and judged by `domain.roster.standing`. Every athlete is read in their own time zone:
"this week" is the athlete's week.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from hamcoach.domain.coaching import CoachLink
from hamcoach.domain.errors import NotFound
from hamcoach.domain.profile import Profile, Units, to_kg
from hamcoach.domain.programme import ProgrammeChange, plan_races
from hamcoach.domain.records import LoggedSet, Measure, Measurement
from hamcoach.domain.roster import Entry, Facts, Row, monday, select, standing, window_start
from hamcoach.domain.session_state import Status, session_state
from hamcoach.domain.started_sessions import keep_started
from hamcoach.domain.targets import Targets
from hamcoach.services.coaching import require_coach, visible_link
from hamcoach.services.ports import AthleteScopePort, UnitOfWorkPort
from hamcoach.services.reports import asymmetry_points, hq_points
from hamcoach.services.runs import imported_week_overrides
from hamcoach.services.training import moved_plan, plan_request

G = 9.80665
log = logging.getLogger(__name__)


def _forces(tests: Sequence[Measurement]) -> list[tuple[dt.date, float]]:
    """Nordic force per test day in newtons, the mean of the sides tested that day."""
    by_day: dict[dt.date, list[float]] = {}
    for t in tests:
        if t.kind is Measure.NORDIC_FORCE:
            newtons = t.value if t.unit == "N" else to_kg(t.value, Units(t.unit)) * G
            by_day.setdefault(t.tested_on, []).append(newtons)
    return [(d, sum(v) / len(v)) for d, v in sorted(by_day.items())]


def _days(
    scope: AthleteScopePort,
    profile: Profile,
    sets: Sequence[LoggedSet],
    first: dt.date,
    today: dt.date,
    changes: Sequence[ProgrammeChange],
) -> dict[dt.date, Status]:
    last = monday(today) + dt.timedelta(days=6)
    weeks = (last - first).days // 7 + 1
    # The weeks as the athlete's own plan has them: imported runs replace the typical week.
    overrides = imported_week_overrides(scope.runs, profile, first, weeks)
    request = plan_request(profile, Targets(), first, weeks, overrides, changes)
    plan = keep_started(moved_plan(scope, request, last), scope.sessions.started(first, last))
    records = {r.date: r for r in scope.sessions.all(since=first) if r.date <= last}
    by_day: dict[dt.date, list[LoggedSet]] = {}
    for s in sets:
        by_day.setdefault(s.session_date, []).append(s)
    days = {
        p.date: session_state(p.date, p, by_day.get(p.date, ()), records.get(p.date)).status(today)
        for p in plan.sessions()
    }
    for day, logged in by_day.items():
        if day not in days and any(s.kind.counts_as_work for s in logged):
            days[day] = Status.EXTRA
    return days


def athlete_row(scope: AthleteScopePort, now: dt.datetime) -> Row:
    """One athlete's roster row, inside an open unit of work."""
    profile = scope.profile.get()
    today = now.astimezone(ZoneInfo(profile.timezone)).date()
    plan_start = scope.profile.plan_start() or monday(today)
    first = max(window_start(today), monday(plan_start))
    sets = scope.sets.all(since=first) if first <= today else []
    changes = scope.programme.all()
    days = _days(scope, profile, sets, first, today, changes) if first <= today else {}
    last = scope.sessions.dates_with_sets(None, 1)
    tests = scope.assessments.all()
    soreness = scope.soreness.all()
    hq = hq_points(tests)
    asym = asymmetry_points(sets, tests)
    races = [d for d in plan_races(profile.race_dates, changes, today) if d >= today]
    facts = Facts(
        today=today,
        plan_start=plan_start,
        days=days,
        last_session=last[0] if last else None,
        soreness=(soreness[-1][0], soreness[-1][1]) if soreness else None,
        hq=(hq[-1].date, hq[-1].ratio, hq[-1].reference) if hq else None,
        asymmetry=(asym[-1].date, asym[-1].pct) if asym else None,
        break_angles=[(t.tested_on, t.value) for t in tests if t.kind is Measure.BREAK_ANGLE],
        forces=_forces(tests),
        next_race=races[0] if races else None,
    )
    return standing(facts)


def roster(uow: UnitOfWorkPort, coach_id: int, now: dt.datetime) -> list[Entry]:
    """Every athlete linked to the coach, those needing attention first, then by name."""
    with uow:
        require_coach(uow, coach_id)
        entries = entries_for_links(uow, uow.coaching.links.of_coach(coach_id), now)
    return select(entries)


def entries_for_links(
    uow: UnitOfWorkPort, links: Sequence[CoachLink], now: dt.datetime
) -> list[Entry]:
    """Inside an open unit of work: the roster entries of the links' athletes.

    Each athlete's row comes from the stored rows when nothing was written since and it was
    computed for the athlete's today; the others are computed and stored (and committed: a
    cache, written even by a read). The revision is read before the data it is stored with,
    so a write that lands meanwhile leaves the stored row older than the athlete: computed
    again next time, never kept stale.
    """
    if not links:
        return []
    ids = [link.athlete_id for link in links]
    stored = uow.coaching.roster.read(ids)
    coaches = {link.coach_id for link in links}
    unread = {c: uow.coaching.roster.unread(c, ids) for c in coaches}
    entries: list[Entry] = []
    computed: list[tuple[int, int, dt.date, Row]] = []
    for link in links:
        known = stored.get(link.athlete_id)
        if known is None:  # deleted meanwhile
            continue
        today = now.astimezone(ZoneInfo(known.timezone)).date()
        row = known.fresh(today)
        if row is None:
            row = athlete_row(uow.athlete(link.athlete_id), now)
            computed.append((link.athlete_id, known.revision, today, row))
        entries.append(
            Entry(
                link.athlete_id,
                known.name,
                link.group,
                link.started_at,
                known.unit,
                row,
                unread[link.coach_id].get(link.athlete_id, 0),
            )
        )
    _keep(uow, computed)
    return entries


def _keep(uow: UnitOfWorkPort, computed: list[tuple[int, int, dt.date, Row]]) -> None:
    """Store the rows computed by a read, in a short write at the end: on SQLite the write lock
    is taken at the first write, so rows stored while others are computed would hold every
    writer (a set being logged) for the whole computation. In athlete order, as the refresh
    stores them, so two on PostgreSQL lock the rows in the same order."""
    if not computed:
        return
    for athlete_id, revision, today, row in sorted(computed, key=lambda c: c[0]):
        uow.coaching.roster.put(athlete_id, revision, today, row)
    uow.commit()


def entry_of(uow: UnitOfWorkPort, coach_id: int, athlete_id: int, now: dt.datetime) -> Entry:
    """One linked athlete's roster entry; NotFound unless the coach's link to them is live."""
    with uow:
        require_coach(uow, coach_id)
        link = visible_link(uow, coach_id, athlete_id)
        if link is None:
            raise NotFound(f"no athlete {athlete_id} on your roster")
        for entry in entries_for_links(uow, [link], now):
            return entry
        raise NotFound(f"no athlete {athlete_id} on your roster")


def refresh_stale(uow: UnitOfWorkPort, now: dt.datetime, limit: int = 200) -> int:
    """Compute up to `limit` stored rows that no longer hold (a write since, or a new local
    day), so a coach's next look finds them ready: run in the background by the web server.
    How many were tried (0 when another worker holds the turn); one that fails is logged
    and skipped."""
    with uow:
        if not uow.coaching.roster.claim_refresh():
            return 0
        tried = 0
        computed: list[tuple[int, int, dt.date, Row]] = []
        for known in uow.coaching.roster.linked():
            if tried >= limit:
                break
            today = now.astimezone(ZoneInfo(known.timezone)).date()
            if known.holds(today):
                continue
            tried += 1
            try:
                row = athlete_row(uow.athlete(known.athlete_id), now)
            except Exception:  # one athlete's data must not stop every other row's refresh
                log.exception("roster row of athlete %s not computed", known.athlete_id)
                continue
            computed.append((known.athlete_id, known.revision, today, row))
        _keep(uow, computed)
    return tried
