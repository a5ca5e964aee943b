"""A batch of sets inserted in one statement (`SetRepository.add_many`: one array per column on
PostgreSQL, a VALUES list on SQLite) reads back exactly as each set went in, whatever its
values: notes with quotes, braces, commas or the word NULL, missing values, any time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamcoach.config import Settings
from hamcoach.domain.profile import Profile
from hamcoach.domain.records import LoggedSet
from hamcoach.storage.store import Store, open_store
from tests.dbs import database, emptied
from tests.services.backup_histories import logged_sets

# Text an array literal must quote or escape, beside any other text.
AWKWARD = st.sampled_from(["NULL", "a,b", "{x}", 'say "hi"', "back\\slash", " ", "", "ü ✓"])
BATCHES = st.lists(
    st.tuples(logged_sets(), st.none() | AWKWARD),
    min_size=1,
    max_size=15,
    unique_by=lambda pair: pair[0].id,
)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp(f"batches-{request.param}")
    with database(request.param, folder) as url:
        opened = open_store(Settings(url, folder))
        try:
            yield opened
        finally:
            opened.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=BATCHES)
def test_a_batch_reads_back_as_it_went_in(
    store: Store, batch: list[tuple[LoggedSet, str | None]]
) -> None:
    emptied(store)
    day = dt.date(2026, 11, 3)
    sets = [replace(s, note=awkward if awkward is not None else s.note) for s, awkward in batch]
    with store.uow() as uow:
        athlete = uow.athletes.add(Profile(name="Ana"))
        scope = uow.athlete(athlete)
        session = scope.sessions.id_for(day)
        assert scope.sets.add_many([(s, session) for s in sets]) == {s.id for s in sets}
        assert scope.sets.add_many([(sets[0], session)]) == set()  # stored already: skipped
        uow.commit()
    with store.uow() as uow:
        scope = uow.athlete(athlete)
        for sent in sets:
            stored = scope.sets.get(sent.id)
            assert stored == replace(sent, session_date=day)  # a set is dated by its session


# Sets of three athletes over two days: (athlete, day, set). Several share a session, an
# exercise and a side (a head with many sets); side NULL and side given both come up.
SPREAD = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 1), logged_sets()),
    max_size=20,
    unique_by=lambda sent: sent[2].id,
)
DAYS = [dt.date(2026, 11, 3), dt.date(2026, 11, 4)]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(spread=SPREAD, asked=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2))))
def test_many_athletes_read_at_once_as_each_reads_alone(
    store: Store, spread: list[tuple[int, int, LoggedSet]], asked: list[tuple[int, int]]
) -> None:
    """`SetBatches` (the set writer's reads for a whole batch) answers what each athlete's own
    repositories answer: profiles, the sessions of (athlete, day) pairs, and each session's
    first set and highest number per exercise and side (a LATERAL read on PostgreSQL)."""
    emptied(store)
    with store.uow() as uow:
        athletes = [uow.athletes.add(Profile(name=f"Runner {n}", timezone="UTC")) for n in range(3)]
        for who, day, sent in spread:
            scope = uow.athlete(athletes[who])
            scope.sets.add_many([(sent, scope.sessions.id_for(DAYS[day]))])
        uow.commit()
    missing = max(athletes) + 1  # an athlete id with no profile: left out of every answer
    with store.uow() as uow:
        pairs = {([*athletes, missing][who], DAYS[day % 2]) for who, day in asked}
        sessions = uow.batches.session_ids(pairs)
        assert sessions == {
            (a, d): sid
            for a, d in pairs
            if a != missing
            for day, sid in uow.athlete(a).sessions.known_ids([d]).items()
        }
        every = {(a, d) for a in athletes for d in DAYS}
        session_of = uow.batches.session_ids(every)
        keys = {(session_of[(athletes[w], DAYS[d])], s.exercise, s.side) for w, d, s in spread}
        keys |= {(sid, "nordic-curl", None) for sid in session_of.values()}  # some have no sets
        heads = uow.batches.heads(keys)
        owner = {sid: a for (a, _), sid in session_of.items()}
        assert heads == {k: uow.athlete(owner[k[0]]).sets.head(*k) for k in keys}
        assert uow.batches.profiles([*athletes, missing]) == {
            a: uow.athlete(a).profile.get() for a in athletes
        }
