"""DESIGN 6: no acknowledged set is lost when the server is killed (-9) under load."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx2
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_acknowledged_sets_survive_kill_9(tmp_path: Path) -> None:
    env = {**os.environ, "HAMCOACH_DATA_DIR": str(tmp_path), "HAMCOACH_DATABASE_URL": ""}
    exe = str(Path(sys.executable).parent / "hamcoach")
    subprocess.run(
        [
            exe,
            "init",
            "--name",
            "K",
            "--units",
            "kg",
            "--equipment",
            "lying-curl-machine",
            "--week",
            "tue=key,sun=long",
            "--sessions",
            "2",
            "--per-session",
            "1",
            "--timezone",
            "UTC",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    server = subprocess.Popen(
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
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()
    performed = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat()

    def client() -> None:
        with httpx2.Client(base_url=base, timeout=5) as http:
            while not stop.is_set():
                set_id = str(uuid.uuid4())
                body = {
                    "id": set_id,
                    "exercise": "lying-leg-curl",
                    "reps": 12,
                    "load": 40.0,
                    "performed_at": performed,
                }
                try:
                    response = http.post("/api/v1/sets", json=body)
                except httpx2.HTTPError:
                    return  # the server is gone
                if response.status_code == 201:
                    with lock:
                        acknowledged.append(set_id)

    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx2.get(base + "/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx2.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.1)
        threads = [threading.Thread(target=client) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(1.5)
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=10)
    finally:
        if server.poll() is None:
            server.kill()
    assert len(acknowledged) > 50  # there was real load
    engine = create_engine(f"sqlite:///{tmp_path / 'hamcoach.db'}")
    with engine.connect() as conn:
        stored = set(conn.execute(text("SELECT id FROM set_log")).scalars())
    assert set(acknowledged) <= stored
