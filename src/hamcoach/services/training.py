"""Use-cases of the plan: the plan with its targets and moves, today's session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from zoneinfo import ZoneInfo

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.model import Plan, PlannedSession, RunningWeek
from hamcoach.domain.planning import (
    FIRST_START,
    LAST_START,
    PlanRequest,
    build_plan,
    move_rules,
)
from hamcoach.domain.profile import Profile
from hamcoach.domain.programme import ProgrammeChange, plan_races
from hamcoach.domain.readiness import is_sore, lighter_session
from hamcoach.domain.session_moves import apply_moves
from hamcoach.domain.started_sessions import keep_started
from hamcoach.domain.targets import Targets, compute_targets
from hamcoach.services.ports import AthleteScopePort, UnitOfWorkPort
from hamcoach.services.profile import monday_of
from hamcoach.services.runs import imported_week_overrides


def local_date(at: dt.datetime, profile: Profile) -> dt.date:
    return at.astimezone(ZoneInfo(profile.timezone)).date()


def plan_request(
    profile: Profile,
    targets: Targets,
    start: dt.date,
    weeks: int,
    week_overrides: Mapping[int, RunningWeek] | None = None,
    programme: Sequence[ProgrammeChange] = (),
) -> PlanRequest:
    return PlanRequest(
        equipment=profile.equipment,
        week=profile.week,
        start=start,
        weeks=weeks,
        sessions=profile.sessions,
        per_session=profile.per_session,
        nordic_ramp=True,
        nordic_ramp_start_week=targets.nordic_ramp_week,
        nordic_ramp_start_done=targets.nordic_ramp_done,
        race_dates=plan_races(profile.race_dates, programme, start),
        race_rules=profile.race_rules,
        keep_rest_days=profile.keep_rest_days,
        maintenance=profile.sessions == 1,
        rest_s=profile.rest_s,
        asymmetry_pct=targets.asymmetry_pct,
        floor_rung=targets.floor_rung,
        loads=targets.loads,
        side_loads=targets.side_loads,
        first_week_sets_delta=targets.sets_delta,
        first_week_note=targets.break_note,
        week_overrides=week_overrides or {},
        programme=tuple(programme),
    )


@dataclass(frozen=True)
class PlanView:
    profile: Profile
    plan: Plan
    targets: Targets
    request: PlanRequest  # what the plan was built from (moves are checked against it)


def current_plan(
    scope: AthleteScopePort,
    today: dt.date,
    weeks: int = 4,
    week_overrides: Mapping[int, RunningWeek] | None = None,
    start: dt.date | None = None,
    changes: Mapping[str, Any] | None = None,
) -> PlanView:
    """The plan from this week's Monday (or `start`), with targets from what was logged before.

    `changes` overrides profile fields for this plan only (e.g. other equipment).
    """
    profile = scope.profile.get()
    if changes:
        profile = replace(profile, **changes)
    first = start or monday_of(today)
    # Everything logged so far counts, today's sets included: the plan shows what comes next.
    on = max(today + dt.timedelta(days=1), first)
    targets = compute_targets(profile, scope.sets.all(), scope.assessments.all(), on)
    request = plan_request(profile, targets, first, weeks, week_overrides, scope.programme.all())
    last = first + dt.timedelta(days=7 * weeks - 1)
    started = scope.sessions.started(first, last)
    plan = keep_started(moved_plan(scope, request, last), started)
    return PlanView(profile, plan, targets, request)


def moved_plan(scope: AthleteScopePort, request: PlanRequest, last: dt.date) -> Plan:
    """The plan with the sessions the athlete moved on their new days (`session_moves`)."""
    plan = build_plan(request)
    return apply_moves(plan, scope.moves.all(request.start, last), move_rules(request))


def plan_for(
    uow: UnitOfWorkPort,
    athlete_id: int,
    today: dt.date,
    weeks: int = 4,
    start: dt.date | None = None,
    changes: Mapping[str, Any] | None = None,
) -> PlanView:
    if start is not None and not FIRST_START <= start <= LAST_START:
        # Checked before the imported runs are read for the weeks from `start`.
        raise InvalidInput(f"start must be between {FIRST_START} and {LAST_START} (got {start})")
    with uow:
        scope = uow.athlete(athlete_id)
        overrides = None
        if not changes or "week" not in changes:  # a running week given for this plan wins
            first = start or monday_of(today)
            overrides = imported_week_overrides(scope.runs, scope.profile.get(), first, weeks)
        return current_plan(scope, today, weeks, overrides, start, changes)


def today_session(
    uow: UnitOfWorkPort, athlete_id: int, today: dt.date, *, full: bool = False
) -> tuple[PlanView, PlannedSession]:
    """The session due today, or else the next one. When today's soreness check-in says sore
    (6+), today's session is the lighter one, unless the athlete asks for the full one."""
    view = plan_for(uow, athlete_id, today, weeks=2)
    upcoming = [s for s in view.plan.sessions() if s.date >= today]
    if not upcoming:  # only possible if every session this fortnight fell away
        raise InvalidInput(
            "no session planned in the next two weeks: check the plan and its warnings"
        )
    session = upcoming[0]
    if session.date == today and not full:
        with uow:
            begun = uow.athlete(athlete_id).sessions.get(today)
        if begun is None or begun.started_at is None:  # a begun session keeps its plan
            score = todays_soreness(uow, athlete_id, today)
            if score is not None and is_sore(score):
                session = lighter_session(session, score)
    return view, session


def todays_soreness(uow: UnitOfWorkPort, athlete_id: int, today: dt.date) -> int | None:
    """Today's soreness check-in, if the athlete made one."""
    with uow:
        found = [score for day, score, _ in uow.athlete(athlete_id).soreness.all() if day == today]
    return found[-1] if found else None


def planned_on(
    scope: AthleteScopePort,
    profile: Profile,
    day: dt.date,
    *,
    full: bool = False,
    targets: Targets | None = None,
) -> PlannedSession | None:
    """The session planned for `day` as the athlete sees it now: this week's plan (imported
    runs counted, the week's other begun sessions kept), lighter when that day's soreness
    check-in says sore, unless `full`. `day`'s own begun plan is left out: this is what it
    would begin with now."""
    first = monday_of(day)
    overrides = imported_week_overrides(scope.runs, profile, first, 1)
    if targets is None:
        targets = compute_targets(profile, scope.sets.all(), scope.assessments.all(), day)
    request = plan_request(profile, targets, first, 1, overrides, scope.programme.all())
    last = first + dt.timedelta(days=6)
    begun = scope.sessions.started(first, last)
    plan = keep_started(
        moved_plan(scope, request, last), {d: p for d, p in begun.items() if d != day}
    )
    session = next((s for s in plan.sessions() if s.date == day), None)
    if session is not None and not full:
        scores = [score for d, score, _ in scope.soreness.all() if d == day]
        if scores and is_sore(scores[-1]):
            session = lighter_session(session, scores[-1])
    return session
