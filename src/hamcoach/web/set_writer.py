"""Group commit for logged sets: one writer thread turns concurrent requests into one
transaction and one disk flush, and answers each request only after that commit.

Why: with SQLite's `synchronous=FULL` each commit waits for the disk, and one writer at a time
is all SQLite allows anyway. Sets queued while a commit runs are written together by the next,
so throughput grows with load instead of requests queueing behind each other's flushes.
Requests from the event loop (`write`) are answered with one callback per batch, not one per
set: each hand-over to the loop is a system call that also lets the loop thread take the
interpreter lock from the writer, so a batch of sixteen answered one by one waited its turn
sixteen times (bench/api_accounts.py).
In accounts mode each set carries its request's credential, and a batch confirms its distinct
credentials inside its own transaction (services/credentials.py): the request may have taken
its caller from a worker's memory of recent ones, and a dead credential stores nothing.

A batch is one transaction for every athlete in it (a club's sets share the commit too). One bad
set never fails its neighbours: every set is checked by the domain rules before its insert (a
refused set gets its own 422 and writes nothing), and should the database still refuse something
in a batch, the batch is written again one set per transaction, so only the set the
database refuses fails (422 when the database calls the value invalid, 503 when it was
unavailable and a retry may succeed).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import queue
import threading
from collections import defaultdict
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import DataError, IntegrityError

from hamcoach.domain.errors import HamcoachError, InvalidInput
from hamcoach.domain.records import LoggedSet
from hamcoach.domain.set_rules import SetInput
from hamcoach.services.credentials import Credential
from hamcoach.services.set_logging import SetGroup, log_many
from hamcoach.storage.store import Store

log = logging.getLogger(__name__)

Outcome = tuple[bool, LoggedSet]  # (newly stored?, the stored set)


class SetNotStored(RuntimeError):
    """An unexpected failure while writing: the set was not stored (the client may retry)."""


@dataclass(frozen=True, slots=True)
class _Job:
    athlete_id: int
    set_id: str
    item: SetInput
    performed_at: dt.datetime
    future: Future[Outcome] | asyncio.Future[Outcome]
    loop: asyncio.AbstractEventLoop | None = None  # whose future it is (None: a thread's)
    credential: Credential | None = None  # confirmed live before the set is written
    asked_at: dt.datetime | None = None  # the request's moment, which the credential is checked at


def _settle(done: list[tuple[asyncio.Future[Outcome], Outcome | BaseException]]) -> None:
    """On the event loop: answer every request of a batch at once."""
    for future, result in done:
        if future.done():  # the request went away (its client hung up) meanwhile
            continue
        if isinstance(result, BaseException):
            future.set_exception(result)
        else:
            future.set_result(result)


class SetWriter:
    def __init__(self, store: Store, max_batch: int = 128) -> None:
        self._store = store
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="hamcoach-set-writer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Finish what is queued, then end the thread."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=30)
            self._thread = None

    def submit(
        self,
        athlete_id: int,
        set_id: str,
        item: SetInput,
        performed_at: dt.datetime,
        *,
        credential: Credential | None = None,
        asked_at: dt.datetime | None = None,
    ) -> Future[Outcome]:
        """From any thread: a future that holds the outcome once the set's batch committed.

        With a credential, the set is stored only if it still signs in `athlete_id` and may
        write (else Unauthorized, with the words a request with it would get)."""
        self._running()
        future: Future[Outcome] = Future()
        self._queue.put(
            _Job(athlete_id, set_id, item, performed_at, future, None, credential, asked_at)
        )
        return future

    async def write(
        self,
        athlete_id: int,
        set_id: str,
        item: SetInput,
        performed_at: dt.datetime,
        *,
        credential: Credential | None = None,
        asked_at: dt.datetime | None = None,
    ) -> Outcome:
        """From the event loop: the outcome, once the set's batch committed (as `submit`)."""
        self._running()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Outcome] = loop.create_future()
        job = _Job(athlete_id, set_id, item, performed_at, future, loop, credential, asked_at)
        self._queue.put(job)
        return await future

    def _running(self) -> None:
        if self._thread is None:
            raise RuntimeError("the set writer is not running")

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is None:
                break
            batch = [first]
            while len(batch) < self._max_batch:
                try:
                    job = self._queue.get_nowait()
                except queue.Empty:
                    break
                if job is None:
                    stopping = True
                    break
                batch.append(job)
            self._write(batch)

    def _write(self, batch: list[_Job]) -> None:
        now = dt.datetime.now(dt.UTC)
        by_athlete: dict[int, list[_Job]] = defaultdict(list)
        for job in batch:
            by_athlete[job.athlete_id].append(job)
        # In athlete order: two workers' transactions then meet in the same order (PostgreSQL).
        groups = [by_athlete[a] for a in sorted(by_athlete)]
        try:
            self._commit(groups, now)  # every athlete's sets in one transaction
            return
        except Exception as exc:
            if len(batch) == 1:
                self._fail(batch, exc)
                return
            log.warning("a batch of %d sets failed (%s); writing them one by one", len(batch), exc)
        for job in batch:
            try:
                self._commit([[job]], now)
            except Exception as alone:
                self._fail([job], alone)

    def _commit(self, groups: list[list[_Job]], now: dt.datetime) -> None:
        signed = [job.asked_at or now for jobs in groups for job in jobs if job.credential]
        results = log_many(
            self._store.uow(),
            [
                SetGroup(
                    jobs[0].athlete_id,
                    [(j.set_id, j.item, j.performed_at) for j in jobs],
                    [j.credential for j in jobs],
                )
                for jobs in groups
            ],
            now,
            # As of the latest request (the server's clock, or a test's): a credential live
            # then was live when its earlier requests were made too.
            signed_at=max(signed, default=None),
        )
        _answer(
            [
                (job, outcome)
                for jobs, outcomes in zip(groups, results, strict=True)
                for job, outcome in zip(jobs, outcomes, strict=True)
            ]
        )

    @staticmethod
    def _fail(jobs: list[_Job], exc: Exception) -> None:
        if isinstance(exc, DataError | IntegrityError):
            # The database itself calls the value invalid: sending it again would not help.
            exc = InvalidInput("the database refused this set's values; check and correct them")
        elif not isinstance(exc, HamcoachError):
            log.error("writing %d set(s) failed", len(jobs), exc_info=exc)
            exc = SetNotStored(str(exc))
        _answer([(job, exc) for job in jobs])


def _answer(done: list[tuple[_Job, Outcome | BaseException]]) -> None:
    """Each job's outcome: a thread's future at once, the event loops' in one call each."""
    by_loop: dict[asyncio.AbstractEventLoop, list[Any]] = defaultdict(list)
    for job, result in done:
        if job.loop is not None:
            by_loop[job.loop].append((job.future, result))
        elif not job.future.set_running_or_notify_cancel():  # type: ignore[union-attr]
            continue  # cancelled by its caller: nobody waits for it
        elif isinstance(result, BaseException):
            job.future.set_exception(result)
        else:
            job.future.set_result(result)
    for loop, settled in by_loop.items():
        try:
            loop.call_soon_threadsafe(_settle, settled)
        except RuntimeError:  # the loop closed (the server stopped): nobody is waiting
            log.warning("%d set answers had no event loop to go to", len(settled))
