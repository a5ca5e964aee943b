"""The CLI without rough edges (issue 12, item 8): --version, metavars that say the type, the
plan's real start and one line per session, a log command for every exercise of today's
session, decimal commas in --set, and no API route in a message to a CLI user."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from collections.abc import Callable, Iterator
from importlib.metadata import version

import pytest
import typer

from hamcoach.cli.main import _register, make_app
from hamcoach.domain.exercises import CATALOGUE
from tests.cli.conftest import Result

Cli = Callable[..., Result]
WEEK = "mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def command_paths() -> Iterator[tuple[str, ...]]:
    app = make_app()
    _register(app, [])
    root = typer.main.get_command(app)

    def walk(group: object, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        for name, command in getattr(group, "commands", {}).items():
            yield (*path, name)
            yield from walk(command, (*path, name))

    yield from walk(root, ())


def test_version(cli: Cli) -> None:
    shown = cli("--version")
    assert shown.code == 0, shown.err
    assert shown.out == f"hamcoach {version('hamcoach')}\n"
    assert "--version" in cli("--help").out


def test_every_option_says_what_it_takes(cli: Cli) -> None:
    paths = list(command_paths())
    assert {("edit",), ("delete",), ("undo",), ("test", "hq"), ("import", "runs")} <= set(paths)
    for path in paths:
        shown = cli(*path, "--help")
        assert shown.code == 0, path
        assert not re.search(r"<\w+>", shown.out), (path, re.findall(r".*<\w+>.*", shown.out))
    expected = {
        ("plan",): ["--start DATE", "--weeks INTEGER", "--race DATE", "-f, --format [table|json]"],
        ("log",): ["--set REPSxLOAD", "--date DATE", "--rir INTEGER", "--note TEXT"],
        ("init",): ["--body-mass NUMBER", "--units [kg|lb]", "--sessions INTEGER"],
        ("edit",): ["--reps INTEGER", "--load NUMBER", "--note TEXT"],
        ("today",): ["--soreness INTEGER"],
        ("test", "hq"): ["--hamstring-con NUMBER", "--velocity INTEGER", "--date DATE"],
        ("export", "ics"): ["--weeks INTEGER", "--time HH:MM", "--output FILE"],
    }
    for path, options in expected.items():
        text = cli(*path, "--help").out
        for option in options:
            assert option in text, (path, option)


def test_plan_says_its_real_start_and_the_help_agrees(cli: Cli) -> None:
    this_monday = monday_of(dt.date.today())
    text = cli("plan", "--help").out
    assert "this week's Monday" in text and "next Monday" not in text
    data = json.loads(cli("plan", "-e", "towel", "-w", WEEK, "-f", "json").out)
    assert data["weeks"][0]["start"] == this_monday.isoformat()
    shown = cli("plan", "-e", "towel", "-w", WEEK, "--weeks", "2")
    assert shown.out.splitlines()[0] == (
        f"Plan: 2 weeks from {this_monday:%a %d %b %Y} (this week's Monday)"
    )
    assert cli("init", "--name", "Ana", "--equipment", "towel", "--week", WEEK).code == 0
    stored = json.loads(cli("plan", "-f", "json").out)  # a profile's plan: the same rule
    assert stored["weeks"][0]["start"] == this_monday.isoformat()
    chosen = cli("plan", "--start", "2026-11-30", "--weeks", "1")
    assert chosen.out.splitlines()[0] == "Plan: 1 week from Mon 30 Nov 2026"


def test_plan_prints_one_line_per_session_and_the_reasons_with_why(cli: Cli) -> None:
    args = ("plan", "-e", "partner,towel,lying-curl-machine", "-w", WEEK, "--start", "2026-11-30")
    data = json.loads(cli(*args, "-f", "json").out)
    sessions = [s for w in data["weeks"] for s in w["sessions"]]
    assert len(sessions) == 8
    short = cli(*args)
    assert short.code == 0, short.err
    lines = short.out.splitlines()
    for s in sessions:
        day = dt.date.fromisoformat(s["date"])
        (line,) = [ln for ln in lines if ln.startswith(f"  {day:%a %d %b}  ")]
        assert len(s["exercises"]) == 2 and line.count(";") == 1
        assert all(CATALOGUE.get(e["slug"]).short_name in line for e in s["exercises"])
    assert "Tue 01 Dec  key" in short.out
    assert "Lying leg curl 3 x 10-12" in short.out and "Nordic hamstring curl 2 x 5" in short.out
    assert "why:" not in short.out and "add --why" in short.out
    why = cli(*args, "--why")
    flat = " ".join(why.out.split())
    for s in sessions:
        for reason in s["reasons"]:
            assert f"why: {' '.join(reason.split())}" in flat
    session_lines = [ln for ln in lines if re.match(r"  \w{3} \d\d \w{3}  ", ln)]
    assert len(session_lines) == 8
    assert [ln for ln in why.out.splitlines() if ln in session_lines] == session_lines


def test_today_suggests_a_working_log_command_for_every_exercise(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = cli(
        "init", "--name", "Ana", "--body-mass", "60", "--equipment", "lying-curl-machine,towel",
        "--week", "tue=key,thu=easy,sun=long", "--sessions", "3", "--timezone", "UTC",
    )  # fmt: skip
    assert made.code == 0, made.err
    plan = json.loads(cli("plan", "--weeks", "2", "-f", "json").out)
    session = next(
        s for w in plan["weeks"] for s in w["sessions"]
        if "single-leg-curl" in [e["slug"] for e in s["exercises"]]
    )  # fmt: skip
    noon = dt.datetime.combine(dt.date.fromisoformat(session["date"]), dt.time(12), dt.UTC)
    monkeypatch.setattr("hamcoach.cli.context.now_utc", lambda: noon)
    today = json.loads(cli("today", "-f", "json").out)
    assert today["date"] == session["date"] and len(today["exercises"]) == 2
    shown = cli("today").out
    commands = [ln.strip() for ln in shown.splitlines() if ln.startswith("  hamcoach log ")]
    wanted = {(e["slug"], side) for e in today["exercises"] for side in _sides(e)}
    assert len(commands) == len(wanted) == 3  # the single-leg curl once per leg
    for command in commands:
        done = cli(*shlex.split(command)[1:])
        assert done.code == 0, (command, done.err)
    history = json.loads(cli("history", "-f", "json").out)
    assert {(s["exercise"], s["side"]) for s in history} == wanted
    for e in today["exercises"]:
        logged = [s for s in history if s["exercise"] == e["slug"]]
        assert len(logged) == e["sets"] * len(_sides(e))
        assert {s["reps"] for s in logged} == {e["reps_max"]}


def _sides(e: dict[str, object]) -> tuple[str | None, ...]:
    return ("left", "right") if e["per_side"] else (None,)


def test_decimal_commas_in_sets(cli: Cli) -> None:
    made = cli("init", "--name", "Ana", "--equipment", "lying-curl-machine", "--week", "sun=long")
    assert made.code == 0, made.err
    logged = cli("log", "lying-leg-curl", "--set", "12x17,5", "--set", "12 x 17.5", "-s", "11x17")
    assert logged.code == 0, logged.err
    history = json.loads(cli("history", "-f", "json").out)
    assert [(s["reps"], s["load"]) for s in history] == [(12, 17.5), (12, 17.5), (11, 17.0)]
    for joined in ("12x40,12x40", "12,12", "12x17,5,5", "12x,5"):
        refused = cli("log", "lying-leg-curl", "--set", joined)
        assert refused.code == 2 and refused.err.count("\n") == 1, joined
        assert "one set per --set" in refused.err
    assert len(json.loads(cli("history", "-f", "json").out)) == 3


@pytest.mark.parametrize(
    "args",
    [
        ["today"],
        ["history"],
        ["report"],
        ["log", "nordic-curl", "--set", "5"],
        ["soreness", "3"],
        ["test", "break-angle", "40"],
        ["export", "csv"],
        ["export", "json"],
        ["export", "ics"],
        ["edit", "0b9c3c8e", "--reps", "10"],
        ["delete", "0b9c3c8e"],
        ["undo"],
    ],
)
def test_no_profile_errors_name_the_cli_not_the_api(cli: Cli, args: list[str]) -> None:
    done = cli(*args)
    assert done.code == 1
    assert done.err == "hamcoach: error: no profile yet: run `hamcoach init` first\n"
    assert not re.search(r"/api|\b(GET|PUT|POST|PATCH|DELETE) /", done.err)
