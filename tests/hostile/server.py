"""A real hamcoach server process for hostile-input tests: uvicorn on a free port, on SQLite or
PostgreSQL, with a profile and a few sets; a dump of every table to prove nothing changed, and
the process's peak memory (VmHWM) to prove no input made it grow."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
from sqlalchemy import create_engine, inspect, text

from tests.webapi.conftest import PROFILE  # one profile for the API tests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory so far, in MiB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM in /proc status")


@dataclass
class Server:
    base: str
    url: str  # the database
    env: dict[str, str]
    process: subprocess.Popen[bytes]

    def client(self, **kwargs: Any) -> httpx2.Client:
        return httpx2.Client(base_url=self.base, timeout=30, **kwargs)

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, sorted: equal dumps mean nothing was written."""
        engine = create_engine(self.url.replace("postgresql://", "postgresql+psycopg://"))
        try:
            tables = sorted(inspect(engine).get_table_names())
            out: dict[str, list[tuple[Any, ...]]] = {}
            with engine.connect() as conn:
                for table in tables:
                    rows = conn.execute(text(f'SELECT * FROM "{table}"')).all()
                    out[table] = sorted((tuple(r) for r in rows), key=repr)
            return out
        finally:
            engine.dispose()

    def peak_rss_mb(self) -> float:
        return peak_rss_mb(self.process.pid)

    def healthy(self) -> bool:
        with self.client() as http:
            return http.get("/api/v1/health").status_code == 200


def _wait(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}")
        try:
            if httpx2.get(base + "/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.05)
    raise AssertionError("the server did not answer within 30 s")


@contextmanager
def running_server(url: str, data_dir: Path) -> Iterator[Server]:
    env = {**os.environ, "HAMCOACH_DATA_DIR": str(data_dir), "HAMCOACH_DATABASE_URL": url}
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "hamcoach.web.app:app_from_env",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, process)
        server = Server(base, url, env, process)
        _seed(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _seed(server: Server) -> None:
    at = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).isoformat()
    with server.client() as http:
        assert http.put("/api/v1/profile", json=PROFILE).status_code == 200
        for n in range(3):
            answer = http.post(
                "/api/v1/sets",
                json={
                    "id": str(uuid.uuid4()),
                    "exercise": "lying-leg-curl",
                    "reps": 12,
                    "load": 40.0,
                    "performed_at": at,
                    "note": f"set {n + 1}",
                },
            )
            assert answer.status_code == 201, answer.text
        assert http.post("/api/v1/soreness", json={"score": 3}).status_code == 201
