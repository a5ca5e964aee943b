"""`hamcoach today --soreness 7` records the check-in and shows the lighter session; `--full`
the planned one (in-process CLI, its clock set to a session day)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from tests.cli.conftest import Result


def test_today_with_soreness(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    made = cli(
        "init", "--name", "Ana", "--equipment", "partner,towel", "--week", "tue=key,sun=long",
        "--nordic-experienced", "--timezone", "UTC",
    )  # fmt: skip
    assert made.code == 0, made.err
    day = dt.date.fromisoformat(json.loads(cli("today", "-f", "json").out)["date"])
    noon = dt.datetime.combine(day, dt.time(12), dt.UTC)
    monkeypatch.setattr("hamcoach.cli.context.now_utc", lambda: noon)
    planned = json.loads(cli("today", "-f", "json").out)
    assert "nordic-curl" in [e["slug"] for e in planned["exercises"]]
    sore = cli("today", "--soreness", "7", "-f", "json")
    assert sore.code == 0, sore.err
    light = json.loads(sore.out)
    assert "nordic-curl" not in [e["slug"] for e in light["exercises"]]
    assert light["reasons"][0].startswith("soreness 7/10: a lighter session")
    full = json.loads(cli("today", "--full", "-f", "json").out)
    assert full["soreness"] == 7 and planned["soreness"] is None
    assert {**full, "soreness": None} == planned
    text = cli("today")
    assert "soreness 7/10" in text.out  # the stored check-in still holds today
    bad = cli("today", "--soreness", "11")
    assert bad.code == 1 and "soreness is 0 (none) to 10 (worst)" in bad.err


def test_logged_sets_are_named_for_people(cli: Callable[..., Result]) -> None:
    made = cli("init", "--name", "Ana", "--equipment", "lying-curl-machine", "--week", "sun=long")
    assert made.code == 0, made.err
    logged = cli("log", "lying-leg-curl", "--set", "12x40")
    assert logged.code == 0 and "stored Lying leg curl set 1: 12 reps x 40 kg" in logged.out
    history = cli("history")
    assert "Lying leg curl" in history.out and "lying-leg-curl" not in history.out
