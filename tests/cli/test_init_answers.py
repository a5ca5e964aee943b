"""`hamcoach init` without flags asks its questions at a terminal and reads them, one per line,
when they are piped in; too few or bad piped answers store nothing and say what is expected."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Result

EXE = str(Path(sys.executable).parent / "hamcoach")
# name, units, body mass, equipment, running week, sessions, exercises per session, Nordic y/n
ANSWERS = "Ana\nlb\n150,5\npartner,towel\ntue=key,sun=long\n3\n1\ny\n"


class Terminal(io.StringIO):
    """Standard input as a person at a terminal types it."""

    def isatty(self) -> bool:
        return True


def stored_profile(cli: Callable[..., Result]) -> dict[str, Any]:
    backup = cli("export", "json")
    assert backup.code == 0, backup.err
    profile: dict[str, Any] = json.loads(backup.out)["athlete"]["profile"]
    return profile


def test_piped_answers_are_read_in_order_and_stored(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWERS))
    made = cli("init")
    assert made.code == 0, made.err
    assert "Created the profile of Ana (lb)" in made.out
    profile = stored_profile(cli)
    assert profile["name"] == "Ana"
    assert profile["units"] == "lb"
    assert profile["body_mass"] == 150.5  # a decimal comma, as typed on a phone
    assert profile["equipment"] == ["partner", "towel"]
    assert profile["week"] == "mon=rest,tue=key,wed=rest,thu=rest,fri=rest,sat=rest,sun=long"
    assert (profile["sessions"], profile["per_session"]) == (3, 1)
    assert profile["nordic_experienced"] is True


def test_blank_piped_lines_keep_the_current_values(tmp_path: Path) -> None:
    env = {**os.environ, "HAMCOACH_DATA_DIR": str(tmp_path), "HAMCOACH_DATABASE_URL": ""}

    def run(args: list[str], given: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [EXE, *args], input=given, env=env, capture_output=True, text=True, check=False
        )

    flags = ["init", "--name", "Bo", "--units", "kg", "--equipment", "towel", "--week", "sun=long"]
    assert run(flags).returncode == 0
    edited = run(["init"], "\n\n\n\n\n3\n\n\n")  # a real pipe: only the sessions change
    assert edited.returncode == 0, edited.stderr
    assert "Updated the profile of Bo (kg)" in edited.stdout
    assert "Your name" not in edited.stdout  # no prompts interleaved with the output
    profile = json.loads(run(["export", "json"]).stdout)["athlete"]["profile"]
    assert profile["sessions"] == 3
    assert (profile["name"], profile["units"], profile["equipment"]) == ("Bo", "kg", ["towel"])
    assert profile["week"].endswith("sun=long")


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("", "init: no answers on standard input, which is not a terminal"),
        ("Ana\n", "standard input ended after 1 of 8 answers, before units"),
        ("Ana\nkg\n60\ntowel\nsun=long\n2\n2\n", "after 7 of 8 answers, before Nordic"),
        ("Ana\nkilos\n", "answer 2 (units): unknown unit 'kilos'; allowed: kg, lb"),
        ("Ana\nkg\n60\ntowel\nsun=long\n4\n", "answer 6 (sessions per week): unknown"),
        ("Ana\nkg\n60\ntowel\nsun=long\n2\n2\nmaybe\n", "answer 8 (Nordic experience)"),
    ],
)
def test_too_few_or_bad_piped_answers_store_nothing(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, given: str, message: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(given))
    refused = cli("init")
    assert refused.code == 2
    assert refused.err.startswith("hamcoach: error: ") and refused.err.count("\n") == 1
    assert message in refused.err
    assert "Traceback" not in refused.err
    nothing = cli("today")
    assert nothing.code == 1 and "no profile yet" in nothing.err


def test_a_terminal_is_asked_again_after_a_bad_answer(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal("Ana\nkilos\nkg\n\n\n\n\n\nn\n"))
    made = cli("init")
    assert made.code == 0, made.err
    assert "Units (kg/lb)" in made.out and "Do you already do Nordic curls" in made.out
    assert "unknown unit 'kilos'; allowed: kg, lb; try again" in made.err
    profile = stored_profile(cli)
    assert (profile["name"], profile["units"], profile["equipment"]) == ("Ana", "kg", ["towel"])


def test_flags_ask_nothing_even_at_a_terminal(
    cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal(""))  # a question would meet the end of input
    made = cli("init", "--timezone", "UTC")
    assert made.code == 0, made.err
    assert "Your name" not in made.out
    assert stored_profile(cli)["timezone"] == "UTC"
