"""Issue 13, "a server for many": several worker processes on one PostgreSQL database.

- `hamcoach serve --workers 4` as a real process on a fresh database; 50 accounts with
  read-write API tokens made through the services while it runs; then 50 clients at once (a
  thread each), each onboarding its account and logging sets: no 5xx, and the database holds
  exactly the acknowledged sets, each once and under the account that sent it.
- A second burst during which one worker is killed with -9: no acknowledged set is lost, the
  requests the dead worker dropped are sent again with the same UUID (as the app's queue does)
  and are stored once, and uvicorn's supervisor replaces the worker.
- Four workers started together on a fresh database (uvicorn's own `--workers`, where every
  worker migrates in its start-up): the advisory lock lets one migrate while the others wait;
  all four start, none is replaced, the schema is at head.

Timings are printed (`pytest -s`), never asserted.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import create_engine, text

from hamcoach.config import Settings
from hamcoach.domain.accounts import Scope
from hamcoach.services.accounts import add_user
from hamcoach.services.tokens import create_token
from hamcoach.storage.schema import HEAD_REVISION
from hamcoach.storage.store import open_store
from tests.dbs import fresh_postgres
from tests.webapi.conftest import PROFILE
from tests.webapi.test_durability import ROOT, free_port

pytestmark = pytest.mark.postgres

WORKERS = 4
ACCOUNTS = 50
FIRST_BURST = 6  # sets per account
# The second burst: this many sets acknowledged before the kill, and as many after it.
BEFORE_KILL = 150
AFTER_KILL = 150
HAMCOACH = str(Path(sys.executable).parent / "hamcoach")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # The command name is in parentheses and may hold spaces: the parent pid follows it.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def worker_pids(server: int) -> set[int]:
    """The server's worker processes (multiprocessing's spawned children, not its resource
    tracker)."""
    workers = set()
    for child in _children(server):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            workers.add(child)
    return workers


def wait_until_ready(base: str, server: subprocess.Popen[bytes], log: Path) -> float:
    """Seconds until GET /api/v1/ready answers 200 (or fail with the server's log)."""
    started = time.monotonic()
    deadline = started + 90
    while True:
        assert server.poll() is None, f"the server exited ({server.returncode}): {log.read_text()}"
        try:
            if httpx2.get(base + "/api/v1/ready", timeout=2).status_code == 200:
                return time.monotonic() - started
        except httpx2.HTTPError:
            pass
        assert time.monotonic() < deadline, f"not ready in 90 s: {log.read_text()}"
        time.sleep(0.1)


def wait_for_workers(server: int, count: int, without: frozenset[int] = frozenset()) -> set[int]:
    """The worker pids once there are `count` of them, none of `without` (or fail after 60 s)."""
    deadline = time.monotonic() + 60
    while True:
        pids = worker_pids(server)
        if len(pids) == count and not pids & without:
            return pids
        assert time.monotonic() < deadline, f"workers: {pids}, wanted {count} without {without}"
        time.sleep(0.1)


@contextmanager
def running(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        server = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield server
    finally:
        workers = worker_pids(server.pid)
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
        for pid in workers:  # orphans, should one outlive its parent
            try:
                if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGKILL)
            except OSError:
                pass  # gone, as it should be


@dataclass
class Tally:
    """What the clients saw, shared by their threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    acknowledged: dict[str, int] = field(default_factory=dict)  # set id -> account index
    retried: set[str] = field(default_factory=set)  # sent again after a dropped connection
    already_stored: set[str] = field(default_factory=set)  # retried and answered 200
    wrong: list[tuple[int, int, str]] = field(default_factory=list)  # (account, status, text)
    dropped: int = 0  # connections that failed mid-request

    def count(self) -> int:
        with self.lock:
            return len(self.acknowledged)


def log_set(http: httpx2.Client, account: int, tally: Tally, performed_at: str) -> None:
    """One set, sent until the server acknowledges it (a dropped connection is retried with
    the same UUID, as the app's offline queue does)."""
    set_id = str(uuid.uuid4())
    body = {
        "id": set_id,
        "exercise": "lying-leg-curl",
        "reps": 10,
        "load": 30.0,
        "performed_at": performed_at,
    }
    for attempt in range(50):
        try:
            answer = http.post("/api/v1/sets", json=body)
        except httpx2.TransportError:
            with tally.lock:
                tally.dropped += 1
                tally.retried.add(set_id)
            time.sleep(0.02 * (attempt + 1))
            continue
        with tally.lock:
            if answer.status_code == 201 or (answer.status_code == 200 and attempt > 0):
                tally.acknowledged[set_id] = account
                if answer.status_code == 200:
                    tally.already_stored.add(set_id)
            else:
                tally.wrong.append((account, answer.status_code, answer.text[:200]))
        return
    raise AssertionError(f"set {set_id} of account {account} never got an answer")


def stored_sets(url: str) -> dict[str, int]:
    """Every stored set's id -> the account that owns its athlete."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT s.id, a.account_id FROM set_log s JOIN athlete a ON a.id = s.athlete_id"
                )
            ).all()
    finally:
        engine.dispose()
    return {row[0]: row[1] for row in rows}


def test_four_workers_log_sets_for_fifty_accounts_and_survive_a_worker_killed(
    tmp_path: Path,
) -> None:
    with fresh_postgres() as url:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "HAMCOACH_DATA_DIR": str(tmp_path), "HAMCOACH_DATABASE_URL": url}
        log = tmp_path / "server.log"
        args = [HAMCOACH, "serve", "--workers", str(WORKERS), "--port", str(port)]
        with running(args, env, log) as server:
            startup = wait_until_ready(base, server, log)
            workers = wait_for_workers(server.pid, WORKERS)
            print(f"\n{WORKERS} workers ready in {startup:.2f} s: {sorted(workers)}")

            # The operator adds the accounts while the server runs (no password: a token is
            # all a script needs, and no argon2 time is spent).
            began = time.monotonic()
            store = open_store(Settings(url, tmp_path))
            now = dt.datetime.now(dt.UTC)
            accounts: list[int] = []
            secrets: list[str] = []
            for n in range(ACCOUNTS):
                account = add_user(store.uow(), f"runner{n:02d}", None, now=now)
                accounts.append(account)
                secrets.append(create_token(store.uow(), account, "burst", Scope.WRITE, now))
            store.close()
            print(f"{ACCOUNTS} accounts with tokens in {time.monotonic() - began:.2f} s")

            performed = (now - dt.timedelta(hours=1)).isoformat()
            tally = Tally()
            profiles: list[int] = []
            stop = threading.Event()

            def client(n: int, burst: int | None) -> None:
                headers = {"Authorization": f"Bearer {secrets[n]}"}
                with httpx2.Client(base_url=base, headers=headers, timeout=20) as http:
                    if burst is not None:
                        answer = http.put("/api/v1/profile", json={**PROFILE, "name": f"R{n}"})
                        with tally.lock:
                            profiles.append(answer.status_code)
                        for _ in range(burst):
                            log_set(http, n, tally, performed)
                    else:
                        while not stop.is_set():
                            log_set(http, n, tally, performed)

            def burst(sets: int | None) -> list[threading.Thread]:
                threads = [
                    threading.Thread(target=client, args=(n, sets), daemon=True)
                    for n in range(ACCOUNTS)
                ]
                for thread in threads:
                    thread.start()
                return threads

            # 1. All 50 onboard and log at once.
            began = time.monotonic()
            for thread in burst(FIRST_BURST):
                thread.join(timeout=120)
                assert not thread.is_alive()
            took = time.monotonic() - began
            assert profiles == [200] * ACCOUNTS
            assert tally.wrong == [], tally.wrong[:5]
            assert tally.retried == set()  # nothing was dropped while every worker lived
            assert len(tally.acknowledged) == ACCOUNTS * FIRST_BURST
            stored = stored_sets(url)
            assert stored == {s: accounts[n] for s, n in tally.acknowledged.items()}
            print(
                f"burst 1: {ACCOUNTS} profiles + {len(stored)} sets from {ACCOUNTS} clients in "
                f"{took:.2f} s ({(ACCOUNTS + len(stored)) / took:.0f} requests/s)"
            )

            # 2. Again, and one worker killed with -9 in the middle of it.
            first = dict(tally.acknowledged)
            began = time.monotonic()
            threads = burst(None)
            deadline = time.monotonic() + 120
            while tally.count() < len(first) + BEFORE_KILL:
                assert time.monotonic() < deadline, "the second burst stalled"
                time.sleep(0.01)
            victim = min(workers)
            os.kill(victim, signal.SIGKILL)
            killed_at = time.monotonic()
            at_kill = tally.count()
            replaced = wait_for_workers(server.pid, WORKERS, frozenset({victim}))
            restart = time.monotonic() - killed_at
            while tally.count() < at_kill + AFTER_KILL:
                assert time.monotonic() < deadline, "the burst stalled after the kill"
                time.sleep(0.01)
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
                assert not thread.is_alive()
            took = time.monotonic() - began
            assert server.poll() is None  # the server lives on
            assert httpx2.get(base + "/api/v1/ready", timeout=5).status_code == 200

        assert tally.wrong == [], tally.wrong[:5]  # no 5xx, nor anything but 201 (or 200 again)
        assert tally.retried, "the kill dropped no request: it was not mid-burst"
        stored = stored_sets(url)
        # Every acknowledged set is stored once, under its own account; nothing else is.
        assert stored == {s: accounts[n] for s, n in tally.acknowledged.items()}
        assert tally.retried <= stored.keys()
        second = len(tally.acknowledged) - len(first)
        print(
            f"burst 2: {second} sets in {took:.2f} s ({second / took:.0f}/s); worker {victim} "
            f"killed after {at_kill - len(first)}, replaced in {restart:.2f} s by "
            f"{sorted(replaced - workers)}; {tally.dropped} dropped requests, "
            f"{len(tally.retried)} sets sent again ({len(tally.already_stored)} of them stored "
            "by the dead worker before it could answer)"
        )


def test_four_workers_started_together_migrate_a_fresh_database_once(tmp_path: Path) -> None:
    with fresh_postgres() as url:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "HAMCOACH_DATA_DIR": str(tmp_path), "HAMCOACH_DATABASE_URL": url}
        log = tmp_path / "uvicorn.log"
        # Not `hamcoach serve`, which migrates in its parent before the workers start: here
        # every worker opens the store itself, all at once, as under gunicorn or systemd.
        args = [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "hamcoach.web.app:app_from_env",
            "--workers",
            str(WORKERS),
            "--port",
            str(port),
            "--log-level",
            "info",
        ]
        with running(args, env, log) as server:
            first = wait_for_workers(server.pid, WORKERS)
            ready = wait_until_ready(base, server, log)
            # Every worker started: "Application startup complete" once from each, no failure,
            # and no worker was replaced (a failed start-up stops uvicorn's parent).
            deadline = time.monotonic() + 60
            while log.read_text().count("Application startup complete") < WORKERS:
                assert time.monotonic() < deadline, log.read_text()
                assert server.poll() is None, log.read_text()
                time.sleep(0.1)
            assert worker_pids(server.pid) == first
            output = log.read_text()
            assert "Traceback" not in output and "startup failed" not in output, output
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        finally:
            engine.dispose()
        assert [v[0] for v in versions] == [HEAD_REVISION]
        print(f"\n{WORKERS} workers started together, migrated and ready in {ready:.2f} s")
