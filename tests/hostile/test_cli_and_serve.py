"""Issue 8, classes 4 and 6 at the command line: a hostile backup is refused in one line
without a traceback and stores nothing; `serve` answers the address it printed (127.0.0.2,
[::1]); the demo database is gone after the server stops."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import httpx2
import pytest

from tests.hostile.server import Server, free_port

EXE = str(Path(sys.executable).parent / "hamcoach")


def _cli(server: Server, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *args], env=server.env, capture_output=True, text=True, timeout=60)


def _backup(server: Server) -> dict[str, Any]:
    done = _cli(server, "export", "json", "-o", "-")
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def _broken(document: dict[str, Any], how: str) -> str:
    athlete = document["athlete"]
    sets = athlete["sets"]
    if how == "lone surrogate":
        return json.dumps(document).replace('"set 1"', '"set \\udc80"')
    if how == "uuid spelled twice":
        twin = {**sets[0], "id": sets[0]["id"].upper()}
        athlete["sets"] = [*sets, twin]
    elif how == "unknown key":
        sets[0]["admin"] = True
    elif how == "integer date":
        athlete["profile"]["race_dates"] = [20270110]
    elif how == "NUL in a note":
        sets[0]["note"] = "a\x00b"
    elif how == "infinite load":
        return json.dumps(document).replace('"load": 40.0', '"load": 1e999', 1)
    elif how == "unknown test unit":
        athlete["tests"] = [
            {
                "group_id": "0b9c3c8e-8a4f-4d0e-9a55-5f0c1e2d3a4b",
                "kind": "nordic-force",
                "side": "left",
                "exercise": None,
                "value": 300.0,
                "unit": "furlong",
                "velocity_deg_s": None,
                "tested_on": "2026-11-20",
            }
        ]
    elif how == "a key that paints the terminal":
        sets[0]["\x1b]0;pwned\x07\x1b[2J"] = 1
    elif how == "year 2":
        sets[0]["performed_at"] = "0002-01-01T10:00:00+00:00"
        sets[0]["session_date"] = "0002-01-01"
    return json.dumps(document)


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("lone surrogate", "surrogate"),
        ("uuid spelled twice", "appears twice"),
        ("unknown key", "admin: unknown field"),
        ("integer date", "race_dates"),
        ("NUL in a note", "NUL"),
        ("infinite load", "finite number"),
        ("year 2", "out of range"),
        ("unknown test unit", "furlong"),
        ("a key that paints the terminal", "unknown field"),
    ],
)
def test_a_hostile_backup_is_refused_in_one_line(
    server: Server, tmp_path: Path, how: str, message: str
) -> None:
    path = tmp_path / f"{how.replace(' ', '-')}.json"
    path.write_text(_broken(_backup(server), how), encoding="utf-8", errors="surrogatepass")
    before = server.dump()
    done = _cli(server, "import", "json", str(path), "--replace")
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert message in done.stderr, done.stderr
    assert "\x1b" not in done.stderr
    assert server.dump() == before


def _serve(args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [EXE, "serve", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert "serving on" in line, line
    url = line.split("serving on ", 1)[1].split(" ", 1)[0]
    return process, url


def _answers(url: str) -> int:
    deadline = time.monotonic() + 20
    while True:
        try:
            return httpx2.get(url + "api/v1/health", timeout=2).status_code
        except httpx2.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _stop(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    finally:
        if process.stdout is not None:
            process.stdout.close()


def test_serve_answers_the_loopback_address_it_printed(tmp_path: Path) -> None:
    env = {**os.environ, "HAMCOACH_DATA_DIR": str(tmp_path), "HAMCOACH_DATABASE_URL": ""}
    process, url = _serve(["--host", "127.0.0.2", "--port", str(free_port())], env)
    try:
        assert url.startswith("http://127.0.0.2:")
        assert _answers(url) == 200
    finally:
        _stop(process)


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def test_serve_on_ipv6_loopback_prints_a_bracketed_url(tmp_path: Path) -> None:
    if not _has_ipv6_loopback():
        pytest.skip("this machine has no IPv6 loopback (::1) to bind")
    env = {**os.environ, "HAMCOACH_DATA_DIR": str(tmp_path), "HAMCOACH_DATABASE_URL": ""}
    process, url = _serve(["--host", "::1", "--port", str(free_port())], env)
    try:
        assert url.startswith("http://[::1]:")
        assert _answers(url) == 200
    finally:
        _stop(process)


def test_the_demo_database_is_removed_on_exit(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {
        **os.environ,
        "HAMCOACH_DATA_DIR": str(tmp_path / "data"),
        "HAMCOACH_DATABASE_URL": "",
        "TMPDIR": str(temp),
    }
    process, url = _serve(["--demo", "--port", str(free_port())], env)
    try:
        assert _answers(url) == 200
        made = [p for p in temp.iterdir() if p.name.startswith("hamcoach-demo-")]
        assert len(made) == 1 and (made[0] / "demo.db").exists()
    finally:
        _stop(process)
    assert not any(p.name.startswith("hamcoach-demo-") for p in temp.iterdir())
    assert not (tmp_path / "data" / "hamcoach.db").exists()  # the real one was never touched


def test_an_unknown_uuid_spelling_is_not_a_new_set_from_the_cli(server: Server) -> None:
    set_id = uuid.uuid4()
    with server.client() as http:
        sets = http.get("/api/v1/sets").json()
    assert all(s["id"] == str(uuid.UUID(s["id"])) for s in sets)
    assert str(set_id) == str(uuid.UUID(set_id.hex.upper()))
