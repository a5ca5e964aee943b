from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest

WEEK = "mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long"


def test_exercises_table_lists_all_five(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("exercises")
    assert result.code == 0
    for slug in (
        "lying-leg-curl",
        "seated-leg-curl",
        "nordic-curl",
        "single-leg-curl",
        "floor-curl",
    ):
        assert slug in result.out


def test_exercises_json_keys_and_equipment_filter(cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("exercises", "--format", "json").out)
    assert [d["slug"] for d in data][:2] == ["lying-leg-curl", "seated-leg-curl"]
    for d in data:
        assert {"slug", "name", "equipment", "per_side", "prescription", "cues", "fit"} <= set(d)
    nordic = next(d for d in data if d["slug"] == "nordic-curl")
    assert nordic["equipment"] == [["nordic-bench"], ["partner"], ["anchor"]]
    assert nordic["fit"]["step_name"] == "Nordic hamstring curl"
    only = json.loads(cli("exercises", "--equipment", "towel,partner", "--format", "json").out)
    assert [d["slug"] for d in only] == ["nordic-curl", "floor-curl"]


def test_one_exercise_shows_its_cues(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("exercises", "seated-leg-curl")
    assert result.code == 0
    assert "pivot" in result.out
    assert "Watch out for" in result.out
    data = json.loads(cli("exercises", "floor-curl", "-f", "json").out)
    assert [v["slug"] for v in data["variants"]] == ["towel", "sliders", "stability-ball"]


def test_plan_json_shape(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        "plan",
        "--equipment",
        "seated-curl-machine,nordic-bench,towel",
        "--week",
        WEEK,
        "--start",
        "2026-11-30",
        "--weeks",
        "5",
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert set(data) == {"weeks", "warnings"}
    assert [w["week"] for w in data["weeks"]] == [1, 2, 3, 4, 5]
    assert data["weeks"][0]["start"] == "2026-11-30"
    session = data["weeks"][0]["sessions"][0]
    assert set(session) == {"date", "day", "exercises", "reasons", "moved_from", "warnings"}
    assert session["day"] == dt.date.fromisoformat(session["date"]).strftime("%a").lower()
    ex = session["exercises"][0]
    assert {"slug", "variant", "sets", "reps_min", "reps_max", "per_side", "rest_s"} <= set(ex)
    week5 = [e for s in data["weeks"][4]["sessions"] for e in s["exercises"]]
    nordic = next(e for e in week5 if e["slug"] == "nordic-curl")
    assert (nordic["sets"], nordic["reps_min"], nordic["reps_max"]) == (3, 10, 12)


def test_plan_defaults_start_this_monday_two_sessions_four_weeks(cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(cli("plan", "--equipment", "towel", "--week", WEEK, "-f", "json").out)
    start = dt.date.fromisoformat(data["weeks"][0]["start"])
    assert start.weekday() == 0
    assert 0 <= (dt.date.today() - start).days < 7  # this week is week 1, as with a profile
    assert len(data["weeks"]) == 4
    assert all(len(w["sessions"]) == 2 for w in data["weeks"])


def test_plan_lists_sessions_by_week_with_reasons_on_request(cli) -> None:  # type: ignore[no-untyped-def]
    args = ("plan", "--equipment", "partner,towel", "--week", WEEK, "--start", "2026-11-30")
    result = cli(*args)
    assert result.code == 0
    assert "Week 1, from Mon 30 Nov" in result.out
    assert "Tue 01 Dec" in result.out
    assert "why:" not in result.out
    assert "why: Tue: after the key run" in cli(*args, "--why").out


def test_plan_warns_when_it_relaxes_a_rule(cli) -> None:  # type: ignore[no-untyped-def]
    week = "mon=key,tue=key,wed=key,thu=key,fri=key,sat=key,sun=long"
    data = json.loads(cli("plan", "-e", "towel", "-w", week, "-f", "json").out)
    assert any("day before a key run" in w for w in data["warnings"])


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--equipment", "barbell"], "'barbell'"),
        (["--equipment", "towel", "--week", "mon=jog"], "'jog'"),
        (["--equipment", "towel", "--week", "funday=easy"], "'funday'"),
        (["--equipment", "towel", "--sessions", "4"], "'4'"),
        (["--equipment", "towel", "--per-session", "3"], "'3'"),
        (["--equipment", "towel", "--start", "2026-02-30"], "'2026-02-30'"),
        (["--equipment", "towel", "--race", "soon"], "'soon'"),
        (["--equipment", "towel", "--format", "xml"], "'xml'"),
        (["--equipment", "towel", "--weeks", "0"], "weeks must be 1-104"),
    ],
)
def test_bad_input_exits_2_with_one_line(cli, args: list[str], named: str) -> None:  # type: ignore[no-untyped-def]
    result = cli("plan", *args)
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert named in result.err
    assert "Traceback" not in result.err


def test_unknown_exercise_lists_the_allowed_ones(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("exercises", "leg-press")
    assert result.code == 2
    assert "allowed: lying-leg-curl" in result.err


def test_installed_console_script_runs() -> None:
    exe = shutil.which("hamcoach") or str(
        __import__("pathlib").Path(sys.executable).parent / "hamcoach"
    )
    done = subprocess.run([exe, "plan", "--bogus"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("hamcoach: error: No such option: --bogus")
    ok = subprocess.run(
        [exe, "exercises", "-f", "json"], capture_output=True, text=True, check=True
    )
    assert len(json.loads(ok.stdout)) == 5


def test_plan_start_far_in_the_future_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("plan", "--equipment", "towel", "--start", "9999-12-31")
    assert result.code == 1 and "start must be between" in result.err


def test_maintenance_means_one_session_with_or_without_a_profile(cli) -> None:  # type: ignore[no-untyped-def]
    flags = ("--start", "2026-11-30", "--weeks", "2", "--maintenance", "-f", "json")
    without = json.loads(cli("plan", "-e", "towel", "-w", WEEK, *flags).out)
    assert cli("init", "--name", "Ana", "--equipment", "towel", "--week", WEEK).code == 0
    with_profile = json.loads(cli("plan", *flags).out)
    for plan in (without, with_profile):
        assert [len(w["sessions"]) for w in plan["weeks"]] == [1, 1]
    two = json.loads(cli("plan", "--sessions", "2", *flags).out)
    assert [len(w["sessions"]) for w in two["weeks"]] == [2, 2]
