"""`hamcoach init --race-rules` changes how race weeks are planned; bad rules are refused in one
line (in-process CLI on a fresh SQLite file)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import Result


def test_race_rules_from_the_command_line(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMCOACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("HAMCOACH_DATABASE_URL", raising=False)
    today = dt.date.today()
    race = today + dt.timedelta(days=(5 - today.weekday()) % 7 + 7)  # Saturday next week
    base = ("init", "--name", "Ana", "--equipment", "partner,towel", "--week", "sun=long")
    made = cli(*base, "--race", race.isoformat(), "--race-rules", "quiet_days=1,week_sessions=1")
    assert made.code == 0, made.err
    plan = json.loads(cli("plan", "--weeks", "3", "-f", "json").out)
    reasons = {r for w in plan["weeks"] for s in w["sessions"] for r in s["reasons"]}
    assert any("at most 1 session and none in the 1 day before the race" in r for r in reasons)
    unknown = cli(*base, "--race-rules", "quiet=2")
    assert unknown.code == 2 and "unknown race rule 'quiet'" in unknown.err
    assert "Traceback" not in unknown.err
    out_of_range = cli(*base, "--race-rules", "nordic_after_days=30")
    assert out_of_range.code == 2
    assert "days after a race without a Nordic must be 0 to 7 (got 30)" in out_of_range.err
