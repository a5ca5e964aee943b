"""Real-browser test helpers: Debian's Chromium via Playwright, a threaded uvicorn server, axe-core.

Never runs `playwright install`: the browser is the system's /usr/bin/chromium (installed with apt
when missing and we are root), and anything unavailable skips with a printed reason.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

import hamcoach
from hamcoach.storage.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP = {
    "viewport": {"width": 1280, "height": 800},
    "device_scale_factor": 1,
    "is_mobile": False,
    "has_touch": False,
}
SIZES: dict[str, dict[str, Any]] = {"phone": PHONE, "laptop": LAPTOP}  # for open_page(size)
WEB_TESTS = Path(__file__).resolve().parent
STATIC_DIR = Path(hamcoach.__file__).resolve().parent / "web" / "static"
AXE_JS = WEB_TESTS / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def ensure_chromium() -> Path:
    """Path to Debian's Chromium, installing it with apt-get when missing; skip if impossible."""
    if CHROMIUM.exists():
        return CHROMIUM
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        pytest.skip(f"{CHROMIUM} is missing and apt-get as root is not available to install it")
    print(f"browser tests: installing Debian's chromium ({CHROMIUM} is missing)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in ([apt, "update", "-qq"], [apt, "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=900, check=False
        )
        if done.returncode != 0:
            reason = (
                f"could not install chromium ({' '.join(cmd[1:])}): {done.stderr.strip()[-300:]}"
            )
            print(f"browser tests: {reason}")
            pytest.skip(reason)
    if not CHROMIUM.exists():
        pytest.skip(f"apt-get installed chromium but {CHROMIUM} is still missing")
    return CHROMIUM


# ---- a server in a background thread ------------------------------------------------------------


def static_app(directory: Path) -> Starlette:
    """An ASGI app serving `directory` at / (index.html for directories)."""
    return Starlette(routes=[Mount("/", StaticFiles(directory=directory, html=True))])


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """Serve an ASGI app (or a directory path) on a free loopback port; yields the base URL."""
    if isinstance(app, str | Path):
        app = static_app(Path(app))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_level="warning", access_log=False, ws="none", lifespan="auto", http="h11"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@dataclass
class RealApp:
    url: str
    store: Store


@contextmanager
def real_app(folder: Path) -> Iterator[RealApp]:
    """The real app (create_app) on a fresh, empty SQLite database in `folder`, served here."""
    from hamcoach.config import Settings
    from hamcoach.storage.store import open_store
    from hamcoach.web.app import create_app

    settings = Settings(f"sqlite:///{folder / 'app.db'}", folder)
    store = open_store(settings)
    try:
        with serve_app(create_app(settings, store)) as url:
            yield RealApp(url, store)
    finally:
        store.close()


# ---- console and page errors --------------------------------------------------------------------


@dataclass
class BrowserErrors:
    """Console errors and uncaught page errors; tests may allow expected ones by regex."""

    messages: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def record(self, text: str) -> None:
        self.messages.append(text)

    def unexpected(self) -> list[str]:
        return [m for m in self.messages if not any(p.search(m) for p in self.allowed)]


# ---- accessibility with axe-core ----------------------------------------------------------------

_axe_source: str | None = None


def axe_source() -> str:
    """axe.min.js from tests/web/node_modules, running `npm ci` once if needed (else skip)."""
    global _axe_source
    if _axe_source is not None:
        return _axe_source
    if not AXE_JS.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("axe-core is not installed and npm is not available to install it")
        with open(Path(tempfile.gettempdir()) / "hamcoach-npm-ci.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # pytest-xdist workers: one npm ci at a time
            if not AXE_JS.exists():
                print("browser tests: running npm ci in tests/web for axe-core")
                done = subprocess.run(
                    [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
                    cwd=WEB_TESTS,
                    capture_output=True,
                    text=True,
                    timeout=600,
                    check=False,
                )
                if done.returncode != 0 or not AXE_JS.exists():
                    pytest.skip(f"npm ci for axe-core failed: {done.stderr.strip()[-300:]}")
    _axe_source = AXE_JS.read_text(encoding="utf-8")
    return _axe_source


def axe_violations(page: Any, *, tags: tuple[str, ...] = WCAG_TAGS) -> list[dict[str, Any]]:
    """Run axe on the page (injected via evaluate, so a strict CSP does not block it)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result: dict[str, Any] = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        list(tags),
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def assert_accessible(page: Any, *, tags: tuple[str, ...] = WCAG_TAGS) -> None:
    """Fail listing every WCAG 2 A/AA violation axe-core finds on the page."""
    violations = axe_violations(page, tags=tags)
    if violations:
        lines = []
        for v in violations:
            targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']} -> {targets}")
            lines.extend(f"    {n['failureSummary']}" for n in v["nodes"][:2])
        pytest.fail(f"axe found {len(violations)} accessibility violation(s):\n" + "\n".join(lines))


def wait_js(page: Any, expression: str, timeout_s: float = 10.0) -> None:
    """Wait until `expression` is true in the page. Polls with `evaluate` from here, because
    Playwright's own `wait_for_function(string)` evaluates the string with `eval` inside the
    page, which the app's Content-Security-Policy (no 'unsafe-eval') forbids."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(f"() => Boolean({expression})"):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_s:g} s: {expression}")
        time.sleep(0.05)
