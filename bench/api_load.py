"""Log-a-set over HTTP against a bare Starlette "hello", in one run (DESIGN 5).

    .venv/bin/python -m bench.api_load [--seconds 10] [--connections 16] [--sync FULL|NORMAL]

Starts each server with uvicorn (one worker, access log off) on loopback, drives it with wrk
(Debian package `wrk`) at 16 connections, and prints requests/s, p99 and the ratio.
Every POST carries a new UUID, so every request is validated and durably written.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(url: str, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


def wrk(url: str, seconds: int, connections: int, script: Path | None) -> tuple[float, float]:
    rps, _, p99_ms, _ = wrk_stats(url, seconds, connections, script)
    return rps, p99_ms


def _ms(out: str, percentile: str) -> float:
    found = re.search(rf"{percentile}%\s+([\d.]+)(us|ms|s)", out)
    value, unit = found.groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk_stats(
    url: str,
    seconds: int,
    connections: int,
    script: Path | None,
    headers: dict[str, str] | None = None,
) -> tuple[float, float, float, int]:
    """(requests/s, p50 ms, p99 ms, requests answered); exits when any answer was not 2xx."""
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        cmd += ["-H", f"{name}: {value}"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    answered = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        raise SystemExit(f"{url}: {non2xx.group(1)} failed requests\n{out}")
    return rps, _ms(out, "50"), _ms(out, "99"), answered


def serve(
    args: list[str], env: dict[str, str], port: int, module: str = "uvicorn"
) -> subprocess.Popen[bytes]:
    """uvicorn (or a module with its command line: bench.uvicorn_nodelay) on loopback."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            module,
            *args,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def init_athlete(env: dict[str, str]) -> None:
    """The benchmark's athlete (`hamcoach init`) in the database `env` names."""
    subprocess.run(
        [
            str(Path(sys.executable).parent / "hamcoach"),
            "init",
            "--name",
            "Load",
            "--units",
            "kg",
            "--equipment",
            "lying-curl-machine,towel",
            "--week",
            "tue=key,sun=long",
            "--sessions",
            "2",
            "--per-session",
            "2",
            "--nordic-new",
            "--timezone",
            "UTC",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--sync", default="FULL", choices=["FULL", "NORMAL"])
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    data = Path(tempfile.mkdtemp(prefix="hamcoach-load-"))
    env = {
        **os.environ,
        "HAMCOACH_DATA_DIR": str(data),
        "HAMCOACH_DATABASE_URL": "",
        "HAMCOACH_SQLITE_SYNCHRONOUS": args.sync,
        "PYTHONPATH": str(HERE.parent),
    }
    init_athlete(env)
    results = {}
    for name, app_args, path, script in (
        ("starlette hello", ["bench.hello_app:app"], "/", None),
        (
            "POST /api/v1/sets",
            ["--factory", "hamcoach.web.app:app_from_env"],
            "/api/v1/sets",
            HERE / "post_set.lua",
        ),
    ):
        port = free_port()
        proc = serve(app_args, env, port)
        try:
            wait_up(
                f"http://127.0.0.1:{port}/"
                if name == "starlette hello"
                else f"http://127.0.0.1:{port}/api/v1/health"
            )
            wrk(f"http://127.0.0.1:{port}{path}", 2, args.connections, script)  # warm-up
            results[name] = wrk(
                f"http://127.0.0.1:{port}{path}", args.seconds, args.connections, script
            )
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    for name, (rps, p99) in results.items():
        print(f"{name:20s} {rps:9.1f} req/s   p99 {p99:7.2f} ms   ({args.connections} connections)")
    ratio = results["POST /api/v1/sets"][0] / results["starlette hello"][0]
    print(
        f"log-a-set / hello throughput = {ratio:.2f}  (target >= 0.50); p99 target < 25 ms; "
        f"SQLite synchronous={args.sync}"
    )


if __name__ == "__main__":
    main()
