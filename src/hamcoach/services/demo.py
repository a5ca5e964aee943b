"""A realistic demo runner: 8 weeks of sessions with progression, a few missed, two tests."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable

from hamcoach.domain.assessment import HqEntry, NordicForceEntry
from hamcoach.domain.model import RunningWeek, Side
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.set_rules import SetInput
from hamcoach.domain.targets import compute_targets
from hamcoach.services.assessments import record as record_assessment
from hamcoach.services.ports import UnitOfWorkPort
from hamcoach.services.profile import monday_of
from hamcoach.services.set_logging import log_sets
from hamcoach.services.training import current_plan

DEMO = Profile(
    name="Demo runner",
    units=Units.KG,
    body_mass=64.0,
    equipment=frozenset({"lying-curl-machine", "seated-curl-machine", "partner", "towel", "mat"}),
    week=RunningWeek.parse("mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long"),
    sessions=2,
    per_session=2,
    nordic_experienced=False,
    timezone="UTC",
)


def seed_demo(
    make: Callable[[], UnitOfWorkPort], today: dt.date, weeks: int = 8, seed: int = 7
) -> int:
    """Create the demo athlete and log `weeks` weeks of training ending before `today`."""
    rng = random.Random(seed)
    start = monday_of(today) - dt.timedelta(days=7 * weeks)
    uow: UnitOfWorkPort = make()
    with uow:
        athlete = uow.athletes.add(DEMO)
        uow.athlete(athlete).profile.set_plan_start(start)
        uow.commit()
    missed = {3, 10}  # a busy week and a cold
    index = 0
    for week in range(weeks):
        monday = start + dt.timedelta(days=7 * week)
        u: UnitOfWorkPort = make()
        with u:
            view = current_plan(u.athlete(athlete), monday, weeks=1, start=monday)
        for session in view.plan.weeks[0].sessions:
            index += 1
            if index in missed or session.date >= today:
                continue
            when = dt.datetime.combine(session.date, dt.time(18, 30), dt.UTC)
            items: list[tuple[str, SetInput, dt.datetime]] = []
            u2: UnitOfWorkPort = make()
            with u2:
                scope = u2.athlete(athlete)
                targets = compute_targets(
                    DEMO, scope.sets.all(), scope.assessments.all(), session.date
                )
            for ex in session.exercises:
                sides = [*Side] if ex.per_side else [None]
                for number in range(ex.sets):
                    for side in sides:
                        reps = (
                            ex.reps_max
                            if ex.load is None
                            else rng.choice(
                                [ex.reps_max, ex.reps_max, ex.reps_max - 1, ex.reps_min]
                            )
                        )
                        if number == 0 and ex.load is not None:
                            reps = ex.reps_max
                        load = targets.load_for(ex.slug, side) if ex.load is not None else None
                        # The demo athlete keeps the hips up on floor curls (and says so).
                        hips = True if ex.slug == "floor-curl" else None
                        items.append(
                            (
                                str(uuid.UUID(int=rng.getrandbits(128))),
                                SetInput(ex.slug, reps, load, ex.variant, side, hips_up=hips),
                                when + dt.timedelta(minutes=3 * len(items)),
                            )
                        )
            log_sets(make(), athlete, items, when + dt.timedelta(hours=2), with_next=False)
    first_test = start + dt.timedelta(days=2)
    last_test = monday_of(today) - dt.timedelta(days=3)
    record_assessment(make(), athlete, HqEntry(118, 205, 160), first_test, today)
    record_assessment(make(), athlete, NordicForceEntry(300, 248), first_test, today)
    record_assessment(make(), athlete, HqEntry(129, 207, 178), last_test, today)
    record_assessment(make(), athlete, NordicForceEntry(322, 290), last_test, today)
    return athlete
