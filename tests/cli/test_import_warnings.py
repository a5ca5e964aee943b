"""A damaged FIT file that still holds a run (issue 12, item 7) is imported, and both edges say
what was damaged and what was recovered: `hamcoach import` and the web upload's answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import Result
from tests.integrations.files import START, damaged_fit


def test_the_cli_says_the_file_was_damaged(cli: Callable[..., Result], tmp_path: Path) -> None:
    made = cli("init", "--name", "Ana", "--equipment", "partner", "--week", "sun=long")
    assert made.code == 0, made.err
    path = tmp_path / "app.fit"
    path.write_bytes(damaged_fit(START, 1800.0, 5000.0, damage="after"))
    done = cli("import", "runs", str(path))
    assert done.code == 0, done.err
    assert "app.fit: 1 new run" in done.out
    assert "note: damaged FIT file (local message 11 not defined" in done.out
