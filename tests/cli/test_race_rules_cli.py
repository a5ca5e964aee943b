"""`hamcoach init --race-rules` and `--progression-rules` change how race weeks and breaks are
planned; bad rules are refused in one line (in-process CLI on a fresh SQLite file)."""

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


def test_progression_rules_from_the_command_line(
    cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HAMCOACH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("HAMCOACH_DATABASE_URL", raising=False)
    base = ("init", "--name", "Ana", "--equipment", "lying-curl-machine", "--week", "sun=long")
    assert cli(*base, "--progression-rules", "break_days=10").code == 0
    long_ago = (dt.date.today() - dt.timedelta(days=12)).isoformat()
    assert (
        cli("log", "lying-leg-curl", "--set", "12x40", "--set", "12x40", "--date", long_ago).code
        == 0
    )
    # This week's plan, which holds a session whatever the weekday (`today` shows next week's
    # once this week's are behind, and that week is planned as if this one were done).
    week = cli("plan", "--weeks", "1", "-f", "json")
    assert week.code == 0, week.err
    plan = json.loads(week.out)
    reasons = " ".join(r for w in plan["weeks"] for s in w["sessions"] for r in s["reasons"])
    assert "days since the last session: load -10 % and one set fewer" in reasons
    bad = cli(*base, "--progression-rules", "break_days=30,long_break_days=20")
    assert bad.code == 2 and "a long break must be longer than a break" in bad.err
