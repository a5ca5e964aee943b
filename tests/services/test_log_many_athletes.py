"""The set writer's transaction holds many athletes' sets (`log_many`): each set gets the
outcome that logging it alone, in the same order, gives; an id one athlete stored is refused
to another, in the same batch or not; each athlete's log ends up as if logged one by one."""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import event, given
from hypothesis import strategies as st

from hamcoach.domain.errors import HamcoachError
from hamcoach.domain.records import LoggedSet
from hamcoach.domain.set_rules import SetInput
from hamcoach.services.reports import history
from hamcoach.services.set_logging import SetGroup, log_each, log_many
from tests.fakes import FakeUnitOfWork
from tests.services.conftest import runner
from tests.services.test_log_properties import NOW, machine

START = dt.datetime(2026, 11, 2, 6, tzinfo=dt.UTC)
ATHLETES = 3


def _kind(outcome: tuple[bool, LoggedSet] | HamcoachError) -> str:
    if isinstance(outcome, HamcoachError):
        return type(outcome).__name__
    return "new" if outcome[0] else "duplicate"


def _install() -> tuple[FakeUnitOfWork, list[int]]:
    uow = FakeUnitOfWork()
    with uow:
        ids = [uow.athletes.add(runner(name=f"Runner {n}")) for n in range(ATHLETES)]
        uow.commit()
    return uow, ids


@given(
    sets=st.lists(
        st.tuples(st.integers(0, ATHLETES - 1), machine, st.integers(0, 2), st.integers(0, 7)),
        min_size=1,
        max_size=16,
    ),
    shared=st.lists(st.tuples(st.integers(0, 15), st.integers(0, 15)), max_size=4),
    cut=st.integers(0, 16),
)
def test_a_batch_of_many_athletes_answers_as_one_set_at_a_time(
    sets: list[tuple[int, tuple[str, int, float | None, str | None, str | None], int, int]],
    shared: list[tuple[int, int]],
    cut: int,
) -> None:
    ids = [str(uuid.uuid4()) for _ in sets]
    for source, target in shared:  # the same id from two sets: a retry, or someone else's id
        if source < len(ids) and target < len(ids):
            ids[target] = ids[source]
    batch_uow, athletes = _install()
    alone_uow, _ = _install()
    per_athlete: dict[int, list[tuple[str, SetInput, dt.datetime]]] = {a: [] for a in athletes}
    order: list[int] = []
    for set_id, (who, (slug, reps, load, side, variant), day, minute) in zip(
        ids, sets, strict=True
    ):
        athlete = athletes[who]
        at = START + dt.timedelta(days=day, minutes=minute * 5 + len(order))
        per_athlete[athlete].append((set_id, SetInput(slug, reps, load, variant, side), at))
        order.append(athlete)
    # An athlete may come in two groups (their sets cut in two, the second half after every
    # athlete's first): the second continues the first's session, as logged one by one.
    halves = [(a, items[:cut]) for a, items in per_athlete.items()]
    halves += [(a, items[cut:]) for a, items in per_athlete.items()]
    groups = [SetGroup(a, items) for a, items in halves if items]
    batched = log_many(batch_uow, groups, NOW)
    # The same sets, one transaction each, in the batch's order (athlete by athlete).
    alone = [
        log_each(alone_uow, group.athlete_id, [item], NOW)[0]
        for group in groups
        for item in group.items
    ]
    kinds = [_kind(o) for outcomes in batched for o in outcomes]
    for kind in set(kinds):
        event(kind)  # --hypothesis-show-statistics: conflicts and retries do come up
    assert kinds == [_kind(o) for o in alone]
    for athlete in athletes:
        assert history(batch_uow, athlete, None, None) == history(alone_uow, athlete, None, None)
