"""`hamcoach serve` refuses what would expose or break a local install, with a reason and no
traceback: a network address or --lan without accounts, several workers on SQLite, half a TLS
pair. (Serving itself is tested in tests/hostile/test_cli_and_serve.py.)"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.cli.conftest import Result

Cli = Callable[..., Result]


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--host", "192.0.2.7"], "without accounts hamcoach serves this machine only"),
        # Without a network at all, --lan says that first.
        (["--lan"], "without accounts hamcoach serves this machine only|has no network address"),
        (["--workers", "2"], "needs PostgreSQL"),
        (["--workers", "0"], "use 1-64"),
        (["--certfile", "cert.pem"], "--certfile and --keyfile go together"),
        (["--demo", "--lan"], "--demo is a local, single-process app"),
    ],
)
def test_serve_refuses_with_the_reason(cli: Cli, args: list[str], reason: str) -> None:
    found = cli("serve", "--port", "8999", *args)
    assert found.code != 0
    assert re.search(reason, found.err + found.out)
    assert "Traceback" not in found.err


def test_serve_help_shows_the_network_options(cli: Cli) -> None:
    text = cli("serve", "--help").out
    for option in ("--lan", "--workers", "--certfile", "--keyfile", "--user"):
        assert option in text
