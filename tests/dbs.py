"""Real databases for tests: a SQLite file per test, and PostgreSQL when one can be found.

PostgreSQL: the server on 127.0.0.1:5432 (trust auth) when it answers; else a throwaway cluster
started with this machine's `initdb`/`pg_ctl`; else the tests skip with the reason printed.
Set HAMCOACH_REQUIRE_POSTGRES=1 (./test.sh does when PostgreSQL is installed) to turn that skip
into a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from hamcoach.storage.store import Store
from hamcoach.storage.tables import Base

SERVER_URLS = (
    os.environ.get("HAMCOACH_TEST_PG_URL", ""),
    "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
)


def _answers(url: str) -> bool:
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return True
    except OperationalError:
        return False


def _start_private_cluster() -> tuple[str, Path] | None:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    initdb = shutil.which("initdb") or (bins[-1] if bins else None)
    if initdb is None:
        return None
    bindir = Path(initdb).parent
    root = Path(tempfile.mkdtemp(prefix="hamcoach-pg-"))
    user = []
    if os.geteuid() == 0:
        # PostgreSQL refuses to run as root; hand the folder to the postgres account if any.
        if shutil.which("runuser") is None:
            return None
        shutil.chown(root, "postgres")
        user = ["runuser", "-u", "postgres", "--"]
    # One private cluster per xdist worker, each on its own port.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    port = str(55432 + (int(worker) if worker.isdigit() else 0))
    data = root / "data"
    try:
        subprocess.run(
            [*user, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                *user,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                f"-p {port} -k {root} -c listen_addresses=127.0.0.1",
                "-w",
                "start",
                "-l",
                str(root / "log"),
            ],
            check=True,
            capture_output=True,
        )
    except (subprocess.CalledProcessError, OSError):
        return None
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", root


_server: str | None = None
_reason = ""


def postgres_server() -> str:
    """Admin URL of a running server, or skip (or fail, when required) with the reason."""
    global _server, _reason
    if _server is None and not _reason:
        for url in SERVER_URLS:
            if url and _answers(url):
                _server = url
                break
        else:
            started = _start_private_cluster()
            if started is not None and _answers(started[0]):
                _server = started[0]
            else:
                _reason = (
                    "no PostgreSQL on 127.0.0.1:5432 and none could be started here "
                    "(initdb/pg_ctl missing or failed)"
                )
    if _server is None:
        if os.environ.get("HAMCOACH_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL is required here: " + _reason)
        pytest.skip(_reason)
    return _server


@contextmanager
def fresh_postgres() -> Iterator[str]:
    """A new empty database on the server, dropped afterwards."""
    admin_url = postgres_server()
    name = f"hamcoach_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def database(kind: str, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'hamcoach.db'}"
    else:
        with fresh_postgres() as url:
            yield url


def emptied(store: Store, keep: frozenset[str] = frozenset()) -> Store:
    """The store with every row of the app's tables but `keep` deleted (the schema stays).

    Property tests reuse one store across examples this way: a fresh database per example would
    also start with a cold statement cache, and compiling SQL would be most of the test.
    """
    with store.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in keep:
                connection.execute(table.delete())
    return store
