"""Every number the planner and the measurements use, where it lives and what it rests on.

`docs/evidence.md` lists the same settings for people; `tests/domain/test_evidence.py` fails
when a planner constant is missing here or there. A source is a study (author, year) or says
plainly that it is the team's default: where evidence is weak the number is a setting.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

TEAM = "team default, no study"


@dataclass(frozen=True)
class Setting:
    module: str  # where the constant lives, under hamcoach.domain
    name: str
    meaning: str
    source: str

    @property
    def value(self) -> object:
        return getattr(MODULES[self.module], self.name)


# The modules whose constants are the planner's numbers (the test reads every one of them).
MODULE_NAMES = (
    "metrics",
    "planning",
    "prescription",
    "progression",
    "progression_rules",
    "race_rules",
    "readiness",
    "roster",
    "runs",
    "scheduling",
    "selection",
    "targets",
)
MODULES = {name: importlib.import_module(f"hamcoach.domain.{name}") for name in MODULE_NAMES}

PETERSEN = "Petersen 2011 (Nordic programme, Am J Sports Med)"

SETTINGS: tuple[Setting, ...] = (
    # The coach's roster
    Setting("roster", "INACTIVE_AFTER_DAYS", "days without a session: inactive", TEAM),
    Setting("roster", "MISSED_IN_A_ROW", "planned sessions not done in a row: attention", TEAM),
    Setting("roster", "RECENT_SORENESS_DAYS", "days a soreness report counts on the roster", TEAM),
    Setting("roster", "FORCE_NOISE_PCT", "Nordic force change read as noise (%)", TEAM),
    Setting("roster", "ADHERENCE_WEEKS", "complete weeks of the roster's adherence", TEAM),
    # Planning around races
    Setting("race_rules", "NORDIC_RACE_BUFFER_DAYS", "no Nordic in these days before a race", TEAM),
    Setting("race_rules", "NORDIC_AFTER_RACE_DAYS", "no Nordic in these days after a race", TEAM),
    Setting("race_rules", "RACE_WEEK_SESSIONS", "most sessions in a race week", TEAM),
    Setting("race_rules", "RACE_WEEK_SETS_DELTA", "sets taken off in a race week", TEAM),
    Setting("race_rules", "RACE_QUIET_DAYS", "no session in these days before a race", TEAM),
    # Day scores and spread (scheduling)
    Setting("scheduling", "SCORE_AFTER_KEY", "a key-run day: hard days hard", TEAM),
    Setting("scheduling", "SCORE_AFTER_LONG", "a long-run day", TEAM),
    Setting("scheduling", "SCORE_EASY_DAY", "an easy-run day", TEAM),
    Setting("scheduling", "SCORE_PER_EXTRA_RUN", "taken off per extra run on a day", TEAM),
    Setting("scheduling", "SCORE_REST_DAY", "a rest day", TEAM),
    Setting("scheduling", "SCORE_PER_DAY_OF_SPREAD", "per day of the shortest gap", TEAM),
    # Selection weights
    Setting(
        "selection",
        "ASYMMETRY_FLAG_PCT",
        "gap that brings in the single-leg curl",
        "Bourne 2015 (RR 2.4 from 15 %)",
    ),
    Setting("selection", "WEIGHT_COACH_PREFERRED", "an exercise the coach asked for", TEAM),
    Setting("selection", "WEIGHT_ASYMMETRY_FIRST", "single-leg curl, first time", TEAM),
    Setting("selection", "WEIGHT_ASYMMETRY_AGAIN", "single-leg curl, after that", TEAM),
    Setting("selection", "WEIGHT_FIRST_NORDIC", "a week's first Nordic", TEAM),
    Setting("selection", "WEIGHT_HIP_PAIRING", "hip-bent with hip-straight", TEAM),
    Setting("selection", "WEIGHT_PER_REPEAT", "taken off per repeat in a week", TEAM),
    Setting("selection", "WEIGHT_SAME_AS_BEFORE", "taken off for a repeated pair", TEAM),
    # The Nordic ramp-in and progression
    Setting("prescription", "NORDIC_RAMP", "the ramp-in steps (sets, reps, sessions)", PETERSEN),
    Setting("prescription", "FULL_RAMP_WEEK", "the step with the full dose", PETERSEN),
    Setting("progression_rules", "RESUME_RAMP_WEEK", "highest step after 2-4 weeks off", TEAM),
    Setting("prescription", "EXPOSURES_PER_STEP", "sessions that complete a step", TEAM),
    Setting("progression", "TOP_REPS", "reps that earn a heavier load", "the programme: 3 x 10-12"),
    Setting(
        "progression", "BOTTOM_REPS", "reps below which the load drops", "the programme: 3 x 10-12"
    ),
    Setting("progression_rules", "DROP_PCT", "load drop after two short sessions, in %", TEAM),
    Setting("progression", "MIN_SETS_TO_PROGRESS", "sets a session needs to progress", TEAM),
    Setting(
        "progression",
        "FLOOR_SETS_TO_MOVE_UP",
        "floor-curl sets at 12 reps, hips up (each leg on one leg), to move up a rung",
        "the programme: 3 x 10-12",
    ),
    Setting("progression_rules", "BREAK_DAYS", "days off that count as a break", TEAM),
    Setting("progression_rules", "LONG_BREAK_DAYS", "days off that restart the ramp", TEAM),
    Setting("readiness", "SORE_FROM", "soreness (0-10) that offers the lighter session", TEAM),
    Setting("progression_rules", "BREAK_CUT_PCT", "load cut after a break, in %", TEAM),
    Setting("progression_rules", "LONG_BREAK_CUT_PCT", "load cut after a long break, in %", TEAM),
    # Start loads
    Setting("targets", "START_SHARE", "start load as a share of body mass", TEAM),
    Setting("targets", "START_FALLBACK_KG", "start load without body mass", TEAM),
    # Measurements
    Setting(
        "metrics",
        "MAX_E1RM_REPS",
        "most reps an e1RM is estimated from",
        "Epley 1985, Brzycki 1993 (accurate up to about 10-12 reps)",
    ),
    Setting("metrics", "ASYM_FLAG_PCT", "left/right gap flagged", "Bourne 2015 (RR 2.4)"),
    Setting(
        "metrics", "ASYM_STRONG_PCT", "left/right gap flagged strongly", "Bourne 2015 (RR 3.4)"
    ),
    Setting(
        "metrics",
        "BREAK_POINT_NOISE_DEG",
        "break-angle change treated as noise",
        "smallest detectable change of 2D video goniometry (DESIGN 3.5)",
    ),
    Setting(
        "metrics",
        "LOW_ADHERENCE",
        "share of sessions below which protection is unlikely",
        "Ripley 2021",
    ),
    Setting(
        "metrics",
        "HQ_CONVENTIONAL_NORMS",
        "typical conventional H:Q by speed (deg/s)",
        "isokinetic norms quoted in DESIGN 3.5",
    ),
    Setting(
        "metrics",
        "HQ_FUNCTIONAL_CUTOFF",
        "functional H:Q cut-offs studied",
        "the cut-offs studied (DESIGN 3.5)",
    ),
    Setting("metrics", "PLAUSIBLE_HQ", "H:Q pairs outside these are refused as slips", TEAM),
    # Classifying imported runs
    Setting("runs", "FASTER_RATIO", "pace this much faster than usual: a key run", TEAM),
    Setting("runs", "HR_RATIO", "heart rate this much above usual: a key run", TEAM),
    Setting("runs", "LONG_RATIO", "this much longer than usual: a long run", TEAM),
    Setting("runs", "LONG_MIN_S", "shortest long run, seconds", TEAM),
    Setting("runs", "LONG_MIN_M", "shortest long run, metres", TEAM),
    Setting("runs", "KEY_MIN_S", "shortest run judged by pace, seconds", TEAM),
    Setting("runs", "BASELINE_MIN_RUNS", "runs needed before pace is compared", TEAM),
    Setting("runs", "TYPICAL_WEEKS", "weeks the usual week is built from", TEAM),
    Setting(
        "runs", "TYPICAL_SPAN_WEEKS", "weeks back from the latest run the usual week looks", TEAM
    ),
)

# Limits of what is stored or accepted, not coaching numbers: checked elsewhere.
NOT_COACHING = frozenset(
    {
        "MAX_WEEKS",
        "MAX_RACES",
        "MAX_RUN_SECONDS",
        "MAX_RUN_METRES",
        "MAX_TITLE",
        "MAX_EXTERNAL_ID",
    }
)
