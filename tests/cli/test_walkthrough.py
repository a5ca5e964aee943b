"""The README's walk-through works as written (docs checked against code)."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXE = str(Path(sys.executable).parent / "hamcoach")


def walkthrough() -> list[list[str]]:
    text = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- walkthrough.*?```bash\n(.*?)```", text, re.S)
    assert block, "README lost its walk-through block"
    return [shlex.split(line) for line in block.group(1).splitlines() if line.strip()]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HAMCOACH_DATA_DIR": str(tmp_path / "data"),
        "HAMCOACH_DATABASE_URL": "",
        "TZ": "UTC",
    }


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [EXE, *args], env=env, cwd=cwd, capture_output=True, text=True, check=False
    )


def test_readme_walkthrough_runs_as_written(env: dict[str, str], tmp_path: Path) -> None:
    commands = walkthrough()
    assert [c[0] for c in commands] == ["hamcoach"] * len(commands)
    outputs = {}
    for cmd in commands:
        done = run(cmd[1:], env, tmp_path)
        assert done.returncode == 0, f"{shlex.join(cmd)}\n{done.stderr}"
        assert "Traceback" not in done.stderr
        outputs[" ".join(cmd[1:3])] = done.stdout
    assert "next target: 42.5 kg" in outputs["log lying-leg-curl"]
    assert sorted(p.suffix for p in (tmp_path / "plots").iterdir()).count(".png") >= 3
    report = json.loads(run(["report", "--format", "json"], env, tmp_path).stdout)
    assert report["hq"][0]["ratio"] == pytest.approx(0.6)
    kinds = {a["source"]: a["flag"] for a in report["asymmetry"]}
    assert kinds["nordic-force test"] == "flag"  # 310 vs 260 N is a 16 % gap
    history = json.loads(run(["history", "--format", "json"], env, tmp_path).stdout)
    assert len(history) == 3 + 2 + 2 + 2
    today = json.loads(run(["today", "--format", "json"], env, tmp_path).stdout)
    assert set(today) == {
        *("date", "day", "exercises", "reasons", "moved_from", "warnings"),
        *("state", "last_time", "soreness"),
    }
    assert today["state"]["status"] in {"planned", "in-progress", "done", "partial"}
    assert all({"load", "unit"} <= set(e) for e in today["exercises"])


def test_commands_without_a_profile_say_what_to_do(env: dict[str, str], tmp_path: Path) -> None:
    for args in (["today"], ["history"], ["report"], ["log", "nordic-curl", "--set", "5"]):
        done = run(args, env, tmp_path)
        assert done.returncode == 1
        assert done.stderr.strip() == "hamcoach: error: no profile yet: run `hamcoach init` first"
    plan = run(["plan"], env, tmp_path)
    assert plan.returncode == 2 and "hamcoach init" in plan.stderr


def test_bad_log_input_writes_nothing(env: dict[str, str], tmp_path: Path) -> None:
    first = walkthrough()[0]
    assert run(first[1:], env, tmp_path).returncode == 0
    bad = [
        ["log", "lying-leg-curl", "--set", "12x40", "--set", "150x40"],
        ["log", "lying-leg-curl", "--set", "12x40", "--set", "12x900"],
        ["log", "nordic-curl", "--set", "5x10"],
        ["log", "lying-leg-curl", "--side", "left", "--set", "12x40"],
        ["log", "lying-leg-curl", "--date", "2999-01-01", "--set", "12x40"],
        ["log", "leg-press", "--set", "12x40"],
        ["log", "lying-leg-curl", "--set", "twelve"],
        ["log", "lying-leg-curl", "--set", "12x40", "--date", "yesterday"],
    ]
    for args in bad:
        done = run(args, env, tmp_path)
        assert done.returncode in (1, 2), args
        assert done.stderr.startswith("hamcoach: error: ") and done.stderr.count("\n") == 1, args
    assert json.loads(run(["history", "-f", "json"], env, tmp_path).stdout) == []


def test_init_edits_and_validates(env: dict[str, str], tmp_path: Path) -> None:
    first = walkthrough()[0]
    assert run(first[1:], env, tmp_path).returncode == 0
    edited = run(["init", "--name", "Ana", "--sessions", "3"], env, tmp_path)
    assert edited.returncode == 0 and "Updated" in edited.stdout
    plan = json.loads(run(["plan", "--weeks", "1", "-f", "json"], env, tmp_path).stdout)
    assert len(plan["weeks"][0]["sessions"]) in (2, 3)
    bad = run(["init", "--name", "Ana", "--body-mass", "900"], env, tmp_path)
    assert bad.returncode == 1 and "body mass must be 25-250 kg" in bad.stderr
    tz = run(["init", "--name", "Ana", "--timezone", "Mars/Olympus"], env, tmp_path)
    assert tz.returncode == 2 and "unknown time zone" in tz.stderr


def test_switching_units_converts_the_profile_and_the_report(
    env: dict[str, str], tmp_path: Path
) -> None:
    first = walkthrough()[0]
    assert run(first[1:], env, tmp_path).returncode == 0  # 60 kg
    assert (
        run(["log", "lying-leg-curl", "--set", "10x40", "--set", "10x40"], env, tmp_path).returncode
        == 0
    )
    assert run(["init", "--units", "lb"], env, tmp_path).returncode == 0
    report = json.loads(run(["report", "-f", "json"], env, tmp_path).stdout)
    point = report["exercises"]["lying-leg-curl"][0]
    assert report["unit"] == "lb"
    assert point["top_load"] == pytest.approx(88.18, abs=0.01)
    assert point["volume"] == pytest.approx(20 * 88.18, abs=0.5)
    bad = run(["init", "--rest", "inf"], env, tmp_path)
    assert bad.returncode == 2 and "not a finite number" in bad.stderr


def test_log_with_todays_date_and_ordered_past_days(env: dict[str, str], tmp_path: Path) -> None:
    import datetime as dt

    first = walkthrough()[0]
    assert run(first[1:], env, tmp_path).returncode == 0
    today = dt.datetime.now(dt.UTC).date().isoformat()
    done = run(["log", "nordic-curl", "--set", "5", "--date", today], env, tmp_path)
    assert done.returncode == 0, done.stderr
    day = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=2)).isoformat()
    assert (
        run(["log", "lying-leg-curl", "--set", "12x40", "--date", day], env, tmp_path).returncode
        == 0
    )
    assert run(["log", "nordic-curl", "--set", "5", "--date", day], env, tmp_path).returncode == 0
    history = json.loads(run(["history", "--since", day, "-f", "json"], env, tmp_path).stdout)
    assert [h["exercise"] for h in history if h["session_date"] == day] == [
        "lying-leg-curl",
        "nordic-curl",
    ]


def test_soreness_command(env: dict[str, str], tmp_path: Path) -> None:
    first = walkthrough()[0]
    assert run(first[1:], env, tmp_path).returncode == 0
    done = run(["soreness", "3"], env, tmp_path)
    assert done.returncode == 0 and "train as planned" in done.stdout
    bad = run(["soreness", "12"], env, tmp_path)
    assert bad.returncode == 1 and "0 (none) to 10 (worst)" in bad.stderr
