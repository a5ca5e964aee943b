"""Log-a-set with accounts on (issue 13), beside two baselines at the same worker count.

    .venv/bin/python -m bench.api_accounts [--seconds 10] [--connections 16]
        [--only sqlite|postgres] [--days N] [--nodelay] [--rounds N] [--athletes N]

`POST /api/v1/sets` (a new UUID each time, so every request is validated and durably written)
driven by wrk at 16 connections, against:
- a bare Starlette hello (`bench/hello_app.py`, GET /);
- a FastAPI route taking the same body model and touching no database (`bench/fastapi_app.py`:
  the framework's own ceiling).
Configurations: SQLite with 1 worker in local mode and in accounts mode (session cookie with
its CSRF header, and a read-write API token); PostgreSQL with 1, 2 and 4 workers (accounts
mode, token). Every server is uvicorn with access logs off, as `hamcoach serve` runs it; each
measurement follows a 2 s warm-up. PostgreSQL: HAMCOACH_BENCH_PG_URL (an admin URL; default the
server on 127.0.0.1:5432), a throwaway database per configuration.

Every set goes to the same day by default (`post_set.lua`, as `bench.api_load` sends): one
session that grows to thousands of sets. `--days N` spreads them over the N days before today
(`post_set_days.lua`), a few dozen sets a session as an athlete's. `--nodelay` starts every
server through `bench.uvicorn_nodelay`, which works around uvicorn's loss of TCP_NODELAY with
several workers (about 40 ms on every keep-alive request; one worker is not affected).

`--athletes N` (PostgreSQL) spreads the sets over N accounts, each with its own athlete and
token (`post_set.lua` signs each request with one), as a club's server sees them.
`--rounds N` repeats every configuration N times and prints medians, the ratios taken within
each round first: on a shared machine the speed drifts by a third within minutes.

Targets (issue 13): log-a-set >= 0.5 x the FastAPI route and >= 0.3 x hello, p99 < 25 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from bench.api_load import HERE, free_port, init_athlete, serve, wait_up, wrk_stats
from hamcoach.config import load_settings
from hamcoach.domain.accounts import Scope
from hamcoach.services.accounts import add_user
from hamcoach.services.auth import sign_in
from hamcoach.services.profile import save_profile
from hamcoach.services.tokens import create_token
from hamcoach.storage.store import open_store
from hamcoach.web.auth import COOKIE

POST_SET = HERE / "post_set.lua"
POST_SET_DAYS = HERE / "post_set_days.lua"
HAMCOACH_APP = ["--factory", "hamcoach.web.app:app_from_env"]
PASSWORD = "bench password 1"
PG_ADMIN = os.environ.get(
    "HAMCOACH_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@dataclass(frozen=True)
class Row:
    name: str
    workers: int
    rps: float
    p50: float
    p99: float
    stored: int | None = None  # sets in the database afterwards (hamcoach rows)


@dataclass(frozen=True)
class Target:
    """One server to start, and the ways of calling it to measure (label, headers)."""

    app: list[str]
    path: str
    script: Path | None
    calls: list[tuple[str, dict[str, str]]]
    ready: str


@dataclass(frozen=True)
class Load:
    """How every server is started and driven."""

    seconds: int
    connections: int
    script: Path  # the POST /api/v1/sets requests
    module: str  # uvicorn, or bench.uvicorn_nodelay


def measure(target: Target, workers: int, env: dict[str, str], load: Load) -> list[Row]:
    seconds, connections = load.seconds, load.connections
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = serve([*target.app, "--workers", str(workers)], env, port, load.module)
    rows = []
    try:
        wait_up(base + target.ready)
        if workers > 1:
            time.sleep(2)  # the other workers are still importing: let every one start
        for label, headers in target.calls:
            url = base + target.path
            wrk_stats(url, 2, connections, target.script, headers)  # warm-up
            rps, p50, p99, _ = wrk_stats(url, seconds, connections, target.script, headers)
            rows.append(Row(label, workers, rps, p50, p99))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return rows


def accounts_calls(
    env: dict[str, str], cookie: bool, athletes: int = 1
) -> list[tuple[str, dict[str, str]]]:
    """The first account (it takes the athlete `hamcoach init` made), its read-write token
    and, when asked, a signed-in session: the headers of each way of calling.

    With `athletes` > 1, as many accounts, each with its own athlete (the first one's profile)
    and token: the token call then carries them all in `X-Bench-Tokens`, and
    `post_set.lua` signs each request with one of them (and drops that header)."""
    settings = load_settings(env)
    store = open_store(settings)
    now = dt.datetime.now(dt.UTC)
    try:
        account = add_user(store.uow(), "bench", PASSWORD, now=now)
        token = create_token(store.uow(), account, "bench", Scope.WRITE, now)
        calls = []
        if cookie:
            session = sign_in(store.uow(), "bench", PASSWORD, "127.0.0.1", now)
            headers = {"Cookie": f"{COOKIE}={session.secret}", "X-CSRF-Token": session.csrf_token}
            calls.append(("accounts, cookie", headers))
        if athletes == 1:
            calls.append(("accounts, token", {"Authorization": f"Bearer {token}"}))
            return calls
        with store.uow() as uow:
            first = uow.accounts.users.get(account)
            assert first is not None
            assert first.athlete_id is not None
            profile = uow.athlete(first.athlete_id).profile.get()
        tokens = [token]
        for n in range(1, athletes):
            other = add_user(store.uow(), f"bench{n}", PASSWORD, now=now)
            named = dataclasses.replace(profile, name=f"Bench {n}")
            save_profile(store.uow(), named, now.date(), account_id=other)
            tokens.append(create_token(store.uow(), other, "bench", Scope.WRITE, now))
        calls.append((f"{athletes} athletes, token", {"X-Bench-Tokens": ",".join(tokens)}))
    finally:
        store.close()
    return calls


def stored_sets(env: dict[str, str]) -> int:
    engine = create_engine(load_settings(env).database_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM set_log")).scalar_one())
    finally:
        engine.dispose()


@contextmanager
def postgres_database() -> Iterator[str | None]:
    """A new database on the server (dropped afterwards), or None when there is no server."""
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"hamcoach_bench_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        admin.dispose()
        yield None
        return
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def baselines(workers: int, env: dict[str, str], load: Load) -> list[Row]:
    hello = Target(["bench.hello_app:app"], "/", None, [("starlette hello", {})], "/")
    route = Target(
        ["bench.fastapi_app:app"], "/api/v1/sets", load.script, [("FastAPI route, no DB", {})], "/"
    )
    return [*measure(hello, workers, env, load), *measure(route, workers, env, load)]


def hamcoach_rows(
    calls: list[tuple[str, dict[str, str]]],
    database: str,
    workers: int,
    env: dict[str, str],
    load: Load,
) -> list[Row]:
    target = Target(HAMCOACH_APP, "/api/v1/sets", load.script, calls, "/api/v1/ready")
    rows = measure(target, workers, env, load)
    stored = stored_sets(env)
    return [
        Row(f"{database}, {r.name}", r.workers, r.rps, r.p50, r.p99, stored if i == 0 else None)
        for i, r in enumerate(rows)
    ]


def ratios(rows: list[Row]) -> dict[tuple[str, int], tuple[float, float]]:
    """Each row's (x FastAPI route, x hello), against the baselines of its own round."""
    base = {(r.name, r.workers): r.rps for r in rows}
    return {
        (r.name, r.workers): (
            r.rps / base[("FastAPI route, no DB", r.workers)],
            r.rps / base[("starlette hello", r.workers)],
        )
        for r in rows
    }


def print_table(rounds: list[list[Row]], load: Load, days: int) -> None:
    """Medians over the rounds: of req/s and latency, and of each round's own ratios (a round
    measures a configuration beside its baselines minutes apart at most, so the machine's
    drift between rounds moves a ratio less than it moves the figures)."""
    spread = f"sets over {days} days" if days else "every set on one day"
    print(
        f"\nPOST /api/v1/sets, {load.connections} connections (wrk, {load.seconds} s), {spread}, "
        f"servers by {load.module}"
        + (f"; medians of {len(rounds)} rounds" if len(rounds) > 1 else "")
    )
    header = (
        f"{'configuration':34s} {'workers':>7s} {'req/s':>8s} {'p50 ms':>7s} {'p99 ms':>7s} "
        f"{'/FastAPI':>8s} {'/hello':>7s}"
    )
    print(header)
    print("-" * len(header))
    per_round = [ratios(rows) for rows in rounds]
    for r in rounds[0]:
        key = (r.name, r.workers)
        same = [row for rows in rounds for row in rows if (row.name, row.workers) == key]
        rps = statistics.median(row.rps for row in same)
        p50 = statistics.median(row.p50 for row in same)
        p99 = statistics.median(row.p99 for row in same)
        vs_route = statistics.median(found[key][0] for found in per_round)
        vs_hello = statistics.median(found[key][1] for found in per_round)
        route = "" if r.name == "starlette hello" else f"{vs_route:.2f}"
        print(
            f"{r.name:34s} {r.workers:7d} {rps:8.0f} {p50:7.2f} {p99:7.2f} "
            f"{route:>8s} {vs_hello:>7.2f}"
        )
    print(
        "targets: log-a-set >= 0.50 x FastAPI route, >= 0.30 x hello, p99 < 25 ms; "
        "stored sets (last round): "
        + ", ".join(
            f"{r.name} ({r.workers}w) {r.stored}" for r in rounds[-1] if r.stored is not None
        )
    )


def one_round(args: argparse.Namespace, load: Load) -> list[Row]:
    """Every configuration once, each beside its two baselines, on new databases."""
    root = Path(tempfile.mkdtemp(prefix="hamcoach-accounts-bench-"))
    plain = {**os.environ, "PYTHONPATH": str(HERE.parent), "HAMCOACH_DATA_DIR": str(root)}
    rows: list[Row] = []
    try:
        worker_counts = [1] if args.only == "sqlite" else [1, 2, 4]
        for workers in worker_counts:
            rows += baselines(workers, plain, load)
            if workers == 1 and args.only != "postgres":
                for mode in ("local", "accounts"):
                    folder = root / f"sqlite-{mode}"
                    folder.mkdir()
                    env = {**plain, "HAMCOACH_DATA_DIR": str(folder), "HAMCOACH_DATABASE_URL": ""}
                    init_athlete(env)
                    calls: list[tuple[str, dict[str, str]]] = [("local mode", {})]
                    if mode == "accounts":
                        calls = accounts_calls(env, cookie=True)
                    rows += hamcoach_rows(calls, "SQLite", workers, env, load)
            if args.only == "sqlite":
                continue
            with postgres_database() as url:
                if url is None:
                    print(f"no PostgreSQL at {PG_ADMIN}: its configurations are left out")
                    continue
                env = {**plain, "HAMCOACH_DATABASE_URL": url}
                init_athlete(env)
                calls = accounts_calls(env, cookie=False, athletes=args.athletes)
                rows += hamcoach_rows(calls, "PostgreSQL", workers, env, load)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--days", type=int, default=0, help="spread sets over this many days")
    parser.add_argument("--nodelay", action="store_true", help="uvicorn with TCP_NODELAY fixed")
    parser.add_argument(
        "--athletes",
        type=int,
        default=1,
        help="PostgreSQL: spread the sets over this many accounts, each with its athlete",
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="repeat everything; print medians (noisy machines)"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    if args.rounds < 1:
        raise SystemExit("--rounds must be 1 or more")
    if args.days:
        os.environ["DAYS"] = str(args.days)  # read by post_set_days.lua in wrk
    if args.athletes < 1 or (args.athletes > 1 and args.days):
        raise SystemExit("--athletes must be 1 or more, and is not combined with --days")
    load = Load(
        args.seconds,
        args.connections,
        POST_SET_DAYS if args.days else POST_SET,
        "bench.uvicorn_nodelay" if args.nodelay else "uvicorn",
    )
    rounds = []
    for number in range(1, args.rounds + 1):
        if args.rounds > 1:
            print(f"round {number} of {args.rounds}", flush=True)
        rounds.append(one_round(args, load))
    print_table(rounds, load, args.days)


if __name__ == "__main__":
    main()
