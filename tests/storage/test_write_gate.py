"""SQLite's one writer at a time is taken at a unit of work's first write: a reader never waits
for a writer (WAL), and two writers still take turns instead of failing with "locked"."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from hamcoach.config import Settings
from hamcoach.domain.profile import Profile
from hamcoach.storage.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(Settings(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path))
    yield opened
    opened.close()


def _writer_holding(store: Store, wrote: threading.Event, release: threading.Event) -> None:
    with store.uow() as uow:
        uow.athletes.add(Profile(name="Held"))
        uow.session.flush()  # the INSERT runs now: this unit of work holds the write turn
        wrote.set()
        release.wait(10)
        uow.commit()


def test_a_reader_reads_while_a_writer_holds_its_turn(store: Store) -> None:
    wrote, release = threading.Event(), threading.Event()
    writer = threading.Thread(target=_writer_holding, args=(store, wrote, release))
    writer.start()
    try:
        assert wrote.wait(10)
        read = threading.Event()

        def reader() -> None:
            with store.uow() as uow:
                assert uow.athletes.first_id() is None  # the write is not committed yet
            read.set()

        threading.Thread(target=reader).start()
        assert read.wait(5), "a reader waited for an uncommitted writer"
    finally:
        release.set()
        writer.join(10)
    with store.uow() as uow:
        assert uow.athletes.first_id() is not None


def test_a_second_writer_waits_for_the_first_then_writes(store: Store) -> None:
    wrote, release = threading.Event(), threading.Event()
    first = threading.Thread(target=_writer_holding, args=(store, wrote, release))
    first.start()
    assert wrote.wait(10)
    second_done = threading.Event()
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with store.uow() as uow:
                uow.athletes.first_id()  # a read first: no turn needed yet
                uow.athletes.add(Profile(name="Second"))
                uow.commit()
        except BaseException as exc:  # reported below: a thread cannot fail the test itself
            errors.append(exc)
        second_done.set()

    waiter = threading.Thread(target=second)
    waiter.start()
    assert not second_done.wait(0.5), "the second writer did not wait for its turn"
    release.set()
    first.join(10)
    assert second_done.wait(10) and errors == []
    waiter.join(10)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM athlete")).scalar_one() == 2
