"""Property tests of the log: every valid set comes back once, in order, values intact; invalid
input leaves the database exactly as it was."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from hamcoach.config import Settings
from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.set_rules import SetInput
from hamcoach.services.profile import save_profile
from hamcoach.services.reports import history
from hamcoach.services.set_logging import log_each, log_sets
from hamcoach.storage.store import Store, open_store
from hamcoach.storage.tables import Base
from tests.dbs import emptied
from tests.services.conftest import MONDAY, runner

NOW = dt.datetime(2026, 12, 31, 23, 0, tzinfo=dt.UTC)
PROFILE_TABLES = frozenset({"athlete", "plan_state"})


@pytest.fixture(scope="module")
def one_athlete(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A database with one athlete; each example starts from it with no sets or sessions."""
    folder = tmp_path_factory.mktemp("log-properties")
    store = open_store(Settings(f"sqlite:///{folder / 'db.sqlite'}", folder))
    save_profile(
        store.uow(),
        runner(
            equipment=frozenset(
                {"lying-curl-machine", "seated-curl-machine", "partner", "towel", "sliders"}
            )
        ),
        MONDAY,
    )
    yield store
    store.close()


def dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.engine.connect() as conn:
        return {
            name: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {name} ORDER BY 1"))]
            for name in Base.metadata.tables
        }


machine = st.tuples(
    st.sampled_from(["lying-leg-curl", "seated-leg-curl"]),
    st.integers(1, 100),
    st.floats(0.5, 500).map(lambda x: round(x, 1)),
    st.none(),
    st.none(),
)
single = st.tuples(
    st.just("single-leg-curl"),
    st.integers(1, 100),
    st.floats(0.5, 500).map(lambda x: round(x, 1)),
    st.sampled_from(["left", "right"]),
    st.none(),
)
bodyweight = st.tuples(
    st.sampled_from(["nordic-curl", "floor-curl"]),
    st.integers(1, 100),
    st.none(),
    st.none(),
    st.none(),
)
floor_variant = st.tuples(
    st.just("floor-curl"),
    st.integers(1, 100),
    st.none(),
    st.none(),
    st.sampled_from(["towel", "sliders"]),
)
a_set = st.one_of(machine, single, bodyweight, floor_variant)


@given(
    sets=st.lists(st.tuples(a_set, st.integers(1, 3000)), min_size=1, max_size=25),
    batches=st.lists(st.integers(1, 5), min_size=1, max_size=25),
)
def test_history_returns_every_set_once_in_order_intact(
    one_athlete: Store,
    sets: list[tuple[tuple[str, int, float | None, str | None, str | None], int]],
    batches: list[int],
) -> None:
    store = emptied(one_athlete, keep=PROFILE_TABLES)
    start = dt.datetime(2026, 9, 1, 6, tzinfo=dt.UTC)
    items = []
    minutes = 0
    for (slug, reps, load, side, variant), gap in sets:
        minutes += gap
        items.append(
            (
                str(uuid.uuid4()),
                SetInput(slug, reps, load, variant, side),
                start + dt.timedelta(minutes=minutes),
            )
        )
    i = 0
    for size in batches:
        chunk = items[i : i + size]
        if chunk:
            log_sets(store.uow(), 1, chunk, NOW)
        i += size
    if i < len(items):
        log_sets(store.uow(), 1, items[i:], NOW)
    # Sending everything again stores nothing new.
    again = log_sets(store.uow(), 1, items, NOW)
    assert again.stored == () and len(again.duplicates) == len(items)
    got = history(store.uow(), 1, None, None)
    assert [g.id for g in got] == [x[0] for x in items]
    for g, (_, item, when) in zip(got, items, strict=True):
        assert (g.exercise, g.reps, g.load, g.side) == (
            item.exercise,
            item.reps,
            item.load,
            item.side,
        )
        assert g.performed_at == when
        assert g.target_reps_min is not None and g.target_reps_max is not None
        assert (g.target_load is None) == (item.load is None)
        if item.variant:
            assert g.variant == item.variant


invalid = st.one_of(
    st.builds(
        lambda r: SetInput("lying-leg-curl", r, 40.0),
        st.one_of(st.integers(-5, 0), st.integers(101, 10**6)),
    ),
    st.builds(
        lambda w: SetInput("seated-leg-curl", 10, w),
        st.one_of(st.floats(-100, 0), st.floats(500.01, 1e6)),
    ),
    st.builds(lambda w: SetInput("nordic-curl", 5, w), st.floats(0.5, 100)),
    st.just(SetInput("lying-leg-curl", 10, 40.0, side="left")),
    st.just(SetInput("single-leg-curl", 10, 20.0)),
    st.builds(
        lambda s: SetInput(s, 10, 40.0),
        st.text(min_size=1, max_size=12).filter(
            lambda s: (
                s
                not in {
                    "lying-leg-curl",
                    "seated-leg-curl",
                    "nordic-curl",
                    "single-leg-curl",
                    "floor-curl",
                }
            )
        ),
    ),
    st.just(SetInput("floor-curl", 10, None, variant="stability-ball-x")),
)


@given(prefix=st.lists(machine, min_size=0, max_size=5), bad=invalid, position=st.integers(0, 3))
def test_invalid_input_leaves_the_database_unchanged(
    one_athlete: Store,
    prefix: list[tuple[str, int, float, None, None]],
    bad: SetInput,
    position: int,
) -> None:
    store = emptied(one_athlete, keep=PROFILE_TABLES)
    start = dt.datetime(2026, 10, 1, 6, tzinfo=dt.UTC)
    stored = [
        (str(uuid.uuid4()), SetInput(slug, reps, load), start + dt.timedelta(minutes=i))
        for i, (slug, reps, load, _, _) in enumerate(prefix)
    ]
    if stored:
        log_sets(store.uow(), 1, stored, NOW)
    before = dump(store)
    batch = [
        (
            str(uuid.uuid4()),
            SetInput("lying-leg-curl", 12, 40.0),
            start + dt.timedelta(days=1, minutes=i),
        )
        for i in range(3)
    ]
    batch.insert(position, (str(uuid.uuid4()), bad, start + dt.timedelta(days=1, minutes=10)))
    with pytest.raises(InvalidInput):
        log_sets(store.uow(), 1, batch, NOW)
    assert dump(store) == before


@given(
    sets=st.lists(st.tuples(a_set, st.integers(0, 4), st.integers(0, 3)), min_size=1, max_size=20),
    repeat=st.lists(st.integers(0, 19), max_size=4),
)
def test_one_batch_stores_what_one_set_at_a_time_stores(
    sets: list[tuple[tuple[str, int, float | None, str | None, str | None], int, int]],
    repeat: list[int],
) -> None:
    """The set writer's batch (one transaction, lookups shared, one insert) prescribes, numbers
    and stores each set as logging them one by one does, across days and sessions, with ids
    repeated inside the batch answered as duplicates of the first."""
    from tests.fakes import FakeUnitOfWork

    start = dt.datetime(2026, 11, 2, 6, tzinfo=dt.UTC)
    items = [
        (
            str(uuid.uuid4()),
            SetInput(slug, reps, load, variant, side),
            start + dt.timedelta(days=day, minutes=minute),
        )
        for i, ((slug, reps, load, side, variant), day, minute) in enumerate(sets)
        for minute in [minute * 7 + i]
    ]
    items += [items[i] for i in repeat if i < len(items)]
    one_by_one, batched = FakeUnitOfWork(), FakeUnitOfWork()
    for uow in (one_by_one, batched):
        save_profile(
            uow,
            runner(
                equipment=frozenset(
                    {"lying-curl-machine", "seated-curl-machine", "partner", "towel", "sliders"}
                )
            ),
            MONDAY,
        )
    singly = [log_sets(one_by_one, 1, [item], NOW, with_next=False) for item in items]
    outcomes = log_each(batched, 1, items, NOW)
    assert [isinstance(o, tuple) and o[0] for o in outcomes] == [bool(s.stored) for s in singly]
    assert history(batched, 1, None, None) == history(one_by_one, 1, None, None)
