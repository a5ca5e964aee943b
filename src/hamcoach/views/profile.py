"""JSON view of the athlete's profile."""

from __future__ import annotations

from typing import Any

from hamcoach.domain.profile import Profile
from hamcoach.domain.progression_rules import ProgressionRules
from hamcoach.domain.race_rules import RaceRules


def profile(p: Profile) -> dict[str, Any]:
    """Every field as stored (`increment` null means the unit's default step;
    `exercise_increments` maps an exercise to its machine's own step)."""
    return {
        "name": p.name,
        "units": p.units.value,
        "body_mass": p.body_mass,
        "increment": p.increment,
        "increase_pct": p.increase_pct,
        "equipment": sorted(p.equipment),
        "week": p.week.to_text(),
        "sessions": p.sessions,
        "per_session": p.per_session,
        "nordic_experienced": p.nordic_experienced,
        "race_dates": [d.isoformat() for d in p.race_dates],
        "keep_rest_days": p.keep_rest_days,
        "rest_s": p.rest_s,
        "timezone": p.timezone,
        "race_rules": race_rules(p.race_rules),
        "progression_rules": progression_rules(p.progression_rules),
        "exercise_increments": dict(p.exercise_increments),
    }


def race_rules(r: RaceRules) -> dict[str, int]:
    return {
        "week_sessions": r.week_sessions,
        "week_sets_delta": r.week_sets_delta,
        "quiet_days": r.quiet_days,
        "nordic_before_days": r.nordic_before_days,
        "nordic_after_days": r.nordic_after_days,
    }


def progression_rules(r: ProgressionRules) -> dict[str, int]:
    return {
        "break_days": r.break_days,
        "long_break_days": r.long_break_days,
        "break_cut_pct": r.break_cut_pct,
        "long_break_cut_pct": r.long_break_cut_pct,
        "drop_pct": r.drop_pct,
        "resume_ramp_week": r.resume_ramp_week,
    }
