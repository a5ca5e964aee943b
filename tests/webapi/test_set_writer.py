"""Group commit: concurrent sets share a commit; each gets its own answer; ids stay unique."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from concurrent.futures import Future
from pathlib import Path

import pytest
from sqlalchemy import text

from hamcoach.domain.accounts import SESSION_IDLE, Scope
from hamcoach.domain.errors import InvalidInput, Unauthorized
from hamcoach.domain.set_rules import SetInput
from hamcoach.services.accounts import add_user
from hamcoach.services.auth import sign_in
from hamcoach.services.credentials import Credential
from hamcoach.services.profile import save_profile
from hamcoach.services.tokens import create_token, token_for
from hamcoach.storage.store import Store
from hamcoach.web.set_writer import Outcome, SetWriter
from tests.hashers import CountingHasher
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


POISON_SQL = {
    # A rule the app does not know, so only the database refuses the set: the way a set that
    # passed every check could still fail inside a batch of others.
    "sqlite": (
        "CREATE TRIGGER poison BEFORE INSERT ON set_log WHEN NEW.note = 'poison' "
        "BEGIN SELECT RAISE(ABORT, 'poisoned set'); END"
    ),
    "postgresql": (
        "ALTER TABLE set_log ADD CONSTRAINT poison CHECK (note IS NULL OR note <> 'poison')"
    ),
}


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_set_the_database_refuses_fails_alone_and_its_batch_is_stored(
    kind: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from hamcoach.config import Settings
    from hamcoach.storage.store import open_store
    from tests.dbs import database

    with database(kind, tmp_path) as url:
        store = open_store(Settings(url, tmp_path))
        try:
            athlete = save_profile(store.uow(), runner(), AT.date())
            with store.engine.begin() as conn:
                conn.execute(text(POISON_SQL[kind]))
            writer = SetWriter(store)
            # Hold the writer inside its first batch until the others are queued: they then
            # make one batch of 30 with the poisoned set among them.
            gate, inside = threading.Lock(), threading.Event()
            gate.acquire()
            original = writer._write

            def held(batch: list[object]) -> None:
                inside.set()
                with gate:
                    original(batch)  # type: ignore[arg-type]

            writer._write = held  # type: ignore[method-assign, assignment]
            writer.start()
            try:
                good = [str(uuid.uuid4()) for _ in range(31)]
                first = writer.submit(athlete, good[0], SetInput("lying-leg-curl", 12, 40.0), AT)
                assert inside.wait(timeout=10)
                futures = [
                    writer.submit(athlete, set_id, SetInput("lying-leg-curl", 12, 40.0), AT)
                    for set_id in good[1:15]
                ]
                poisoned = writer.submit(
                    athlete,
                    str(uuid.uuid4()),
                    SetInput("lying-leg-curl", 12, 40.0, note="poison"),
                    AT,
                )
                futures += [
                    writer.submit(athlete, set_id, SetInput("lying-leg-curl", 12, 40.0), AT)
                    for set_id in good[15:]
                ]
                gate.release()
                outcomes = [first.result(timeout=20), *(f.result(timeout=20) for f in futures)]
                with pytest.raises(InvalidInput, match="database refused"):
                    poisoned.result(timeout=20)
            finally:
                writer.stop()
            assert all(new for new, _ in outcomes)
            assert "a batch of 31 sets failed" in caplog.text  # they did share one batch
            with store.engine.connect() as conn:
                stored = conn.execute(text("SELECT id FROM set_log")).scalars().all()
            assert sorted(stored) == sorted(good)
        finally:
            store.close()


def test_a_set_is_written_only_while_its_credential_is_live_at_its_request(
    store: Store,
) -> None:
    save_profile(store.uow(), runner(), AT.date())
    now = dt.datetime.now(dt.UTC)
    account = add_user(store.uow(), "ana", "correct horse battery", now=now)
    secret = create_token(store.uow(), account, "script", Scope.WRITE, now)
    athlete = token_for(store.uow(), secret, now, touch=False)
    assert athlete is not None and athlete.athlete_id is not None
    token = Credential.of(secret, via_token=True)
    writer = SetWriter(store)
    writer.start()
    try:
        curl = SetInput("lying-leg-curl", 12, 40.0)
        live = writer.submit(athlete.athlete_id, str(uuid.uuid4()), curl, AT, credential=token)
        assert live.result(timeout=10)[0]
        unknown = Credential.of("never handed out", via_token=True)
        dead = writer.submit(athlete.athlete_id, str(uuid.uuid4()), curl, AT, credential=unknown)
        with pytest.raises(Unauthorized, match="unknown or revoked"):
            dead.result(timeout=10)
        # A session live now, but idle past its expiry at the moment the request says it
        # was made: the request's moment decides.
        session = sign_in(
            store.uow(), "ana", "correct horse battery", "192.0.2.1", now, hasher=CountingHasher()
        )
        cookie = Credential.of(session.secret, via_token=False)
        late = writer.submit(
            athlete.athlete_id,
            str(uuid.uuid4()),
            curl,
            AT,
            credential=cookie,
            asked_at=now + SESSION_IDLE + dt.timedelta(minutes=1),
        )
        with pytest.raises(Unauthorized, match="sign in first"):
            late.result(timeout=10)
        on_time = writer.submit(
            athlete.athlete_id, str(uuid.uuid4()), curl, AT, credential=cookie, asked_at=now
        )
        assert on_time.result(timeout=10)[0]
    finally:
        writer.stop()
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM set_log")).scalar_one() == 2


def test_a_cancelled_wait_does_not_stop_the_batch_being_answered(store: Store) -> None:
    athlete = save_profile(store.uow(), runner(), AT.date())
    writer = SetWriter(store)
    writer.start()
    try:
        curl = SetInput("lying-leg-curl", 12, 40.0)
        futures = [writer.submit(athlete, str(uuid.uuid4()), curl, AT) for _ in range(30)]
        abandoned = futures[::3]
        for future in abandoned:
            future.cancel()  # the caller went away; a cancelled one stays unanswered
        kept = [f for f in futures if f not in abandoned]
        assert all(f.result(timeout=10)[0] for f in kept if not f.cancelled())
        later = writer.submit(athlete, str(uuid.uuid4()), curl, AT)
        assert later.result(timeout=10)[0]  # the writer thread is still alive
    finally:
        writer.stop()
