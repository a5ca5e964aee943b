"""Group commit: concurrent sets share a commit; each gets its own answer; ids stay unique."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from concurrent.futures import Future

import pytest
from sqlalchemy import text

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.set_rules import SetInput
from hamcoach.services.profile import save_profile
from hamcoach.storage.store import Store
from hamcoach.web.set_writer import Outcome, SetWriter
from tests.services.conftest import runner

AT = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)


def test_a_batch_with_a_bad_set_refuses_only_that_set(store: Store) -> None:
    athlete = save_profile(store.uow(), runner(), AT.date())
    writer = SetWriter(store)
    writer.start()
    try:
        ids = [str(uuid.uuid4()) for _ in range(20)]
        futures: list[Future[Outcome]] = []
        gate = threading.Barrier(4)

        def send(chunk: list[str]) -> None:
            gate.wait()
            for set_id in chunk:
                futures.append(
                    writer.submit(athlete, set_id, SetInput("lying-leg-curl", 12, 40.0), AT)
                )
                # the same id again, at once: must be a duplicate, not a second row
                futures.append(
                    writer.submit(athlete, set_id, SetInput("lying-leg-curl", 12, 40.0), AT)
                )

        threads = [threading.Thread(target=send, args=(ids[i::4],)) for i in range(4)]
        for t in threads:
            t.start()
        bad = writer.submit(athlete, str(uuid.uuid4()), SetInput("lying-leg-curl", 500, 40.0), AT)
        for t in threads:
            t.join()
        results = [f.result(timeout=10) for f in futures]
        with pytest.raises(InvalidInput, match="reps must be 1-100"):
            bad.result(timeout=10)
    finally:
        writer.stop()
    assert sum(1 for new, _ in results if new) == len(ids)
    assert sum(1 for new, _ in results if not new) == len(ids)
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT id FROM set_log")).scalars().all()
    assert sorted(stored) == sorted(ids)


def test_submit_after_stop_is_refused(store: Store) -> None:
    writer = SetWriter(store)
    with pytest.raises(RuntimeError, match="not running"):
        writer.submit(1, str(uuid.uuid4()), SetInput("lying-leg-curl", 12, 40.0), AT)
