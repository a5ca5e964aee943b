"""The README's plan rules say what the code does (issue 10: "a test reads them")."""

from __future__ import annotations

import re
from pathlib import Path

from hamcoach.domain import race_rules
from hamcoach.domain.scheduling import IMPORTANCE, Constraint

README = Path(__file__).resolve().parents[2] / "README.md"
RULE_WORDS = {
    Constraint.NOT_BEFORE_LONG: "not before the long run",
    Constraint.NOT_BEFORE_KEY: "not before a key run",
    Constraint.NO_CONSECUTIVE: "no\nconsecutive days",
    Constraint.SESSION_COUNT: "sessions per week",
    Constraint.KEEP_REST_DAYS: "keep rest days free",
}


def _rules() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("- Rules:")
    return text[start : text.index("- Bad input", start)]


def test_the_readme_lists_the_rules_in_the_order_they_are_compared() -> None:
    order = _rules().split("compared from the most important down", 1)[1]
    flat = re.sub(r"\s+", " ", order)
    places = [flat.index(re.sub(r"\s+", " ", RULE_WORDS[c])) for c in IMPORTANCE]
    assert places == sorted(places)


def test_the_readme_gives_the_race_numbers_the_planner_uses() -> None:
    flat = re.sub(r"\s+", " ", _rules())
    assert f"in the {race_rules.RACE_QUIET_DAYS} days before it" in flat
    assert f"no Nordic in the {race_rules.NORDIC_RACE_BUFFER_DAYS} days before it" in flat
    assert f"or the {race_rules.NORDIC_AFTER_RACE_DAYS} after it" in flat
    assert f"at most {race_rules.RACE_WEEK_SESSIONS} sessions" in flat
    fewer = {-1: "one set fewer", -2: "two sets fewer"}[race_rules.RACE_WEEK_SETS_DELTA]
    assert fewer in flat


def test_the_readme_gives_each_race_settings_range() -> None:
    flat = re.sub(r"\s+", " ", _rules())
    for name, (low, high, _) in race_rules.LIMITS.items():
        joiner = " to " if low < 0 else "-"
        assert f"`{name}` {low}{joiner}{high}" in flat, name
