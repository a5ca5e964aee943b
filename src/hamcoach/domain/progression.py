"""Next targets from what was logged: one pure function per rule of DESIGN 3.4."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.model import Side
from hamcoach.domain.prescription import FULL_RAMP_WEEK, exposures_to_finish
from hamcoach.domain.progression_rules import DROP_PCT, ProgressionRules

TOP_REPS = 12
BOTTOM_REPS = 10


class Action(StrEnum):
    INCREASE = "increase"
    KEEP = "keep"
    DECREASE = "decrease"


@dataclass(frozen=True)
class SetResult:
    reps: int
    load: float | None


@dataclass(frozen=True)
class SessionResult:
    """What one session of one exercise produced, in the order sets were done."""

    date: dt.date
    target_load: float | None
    sets: tuple[SetResult, ...]


@dataclass(frozen=True)
class LoadDecision:
    load: float
    action: Action
    reason: str


def round_to_increment(value: float, increment: float) -> float:
    """Nearest load the machine can actually be set to (never below one increment)."""
    if increment <= 0:
        raise InvalidInput(f"machine increment must be positive (got {increment})")
    steps = max(1, math.floor(value / increment + 0.5))
    return round(steps * increment, 4)


def increased_load(load: float, increment: float, pct: float | None = None) -> float:
    """Load + one increment, or + pct (2-10 %) rounded to the increment when that is larger."""
    step = increment
    if pct is not None:
        step = max(increment, round_to_increment(load * pct / 100, increment))
    return round(load + step, 4)


def decreased_load(load: float, increment: float, fraction: float = DROP_PCT / 100) -> float:
    dropped = round_to_increment(load * (1 - fraction), increment)
    # On small loads rounding can cancel the drop; always go down at least one step.
    if dropped >= load:
        dropped = max(increment, load - increment)
    return dropped


def _working_load(session: SessionResult, fallback: float) -> float:
    """The load actually lifted: the lightest loaded set, else the target, else the running load."""
    loads = [s.load for s in session.sets if s.load is not None]
    if loads:
        return min(loads)
    return session.target_load if session.target_load is not None else fallback


MIN_SETS_TO_PROGRESS = 2


def _reached_top(session: SessionResult) -> bool:
    # One good set is not a session's work: at least two sets, every one at the top of the range.
    return len(session.sets) >= MIN_SETS_TO_PROGRESS and all(
        s.reps >= TOP_REPS for s in session.sets
    )


def _short_first_set(session: SessionResult) -> bool:
    return bool(session.sets) and session.sets[0].reps < BOTTOM_REPS


def double_progression(
    history: Sequence[SessionResult],
    *,
    start_load: float,
    increment: float,
    increase_pct: float | None = None,
    rules: ProgressionRules = ProgressionRules(),
) -> LoadDecision:
    """Replay a machine curl's sessions (oldest first) and give the next target load.

    Every set at 12+ reps: the load lifted plus an increment.  First set under 10 reps in two
    sessions running: drop about 10 %, rounded to the increment.  Otherwise keep the load.
    Decisions follow what was lifted, not what was prescribed, so a runner who chose a heavier
    weight than the target progresses from that weight.
    """
    load = start_load
    decision = LoadDecision(load, Action.KEEP, "first session: start load")
    short_streak = 0
    for session in history:
        current = _working_load(session, load)
        if _reached_top(session):
            load = increased_load(current, increment, increase_pct)
            short_streak = 0
            decision = LoadDecision(
                load, Action.INCREASE, f"all working sets reached {TOP_REPS} reps at {current:g}"
            )
        elif _short_first_set(session):
            short_streak += 1
            if short_streak >= 2:
                load = decreased_load(current, increment, rules.drop_pct / 100)
                short_streak = 0
                decision = LoadDecision(
                    load,
                    Action.DECREASE,
                    f"first set under {BOTTOM_REPS} reps in two sessions running at {current:g}",
                )
            else:
                load = current
                decision = LoadDecision(
                    load, Action.KEEP, f"first set under {BOTTOM_REPS} reps once; try again"
                )
        else:
            load = current
            short_streak = 0
            decision = LoadDecision(load, Action.KEEP, f"working within {BOTTOM_REPS}-{TOP_REPS}")
    return decision


FLOOR_LADDER_STANCES: tuple[str, ...] = ("both", "two-up-one-down", "single")
VARIANT_ORDER: tuple[str, ...] = ("towel", "sliders", "stability-ball")


@dataclass(frozen=True)
class Rung:
    variant: str
    stance: str


def floor_ladder(variants: Sequence[str]) -> tuple[Rung, ...]:
    """The floor-curl ladder over the variants the athlete owns, easiest first.

    Both legs on each implement in turn, then the hardest implement with both legs up and one
    down, then single leg.
    """
    owned = [v for v in VARIANT_ORDER if v in variants]
    if not owned:
        raise InvalidInput("the floor curl needs a towel, sliders or a stability ball")
    rungs = [Rung(v, "both") for v in owned]
    rungs += [Rung(owned[-1], stance) for stance in FLOOR_LADDER_STANCES[1:]]
    return tuple(rungs)


@dataclass(frozen=True)
class FloorSession:
    """One session on the floor-curl ladder: its rung, the reps of each working set (with the
    leg, on the single-leg rung) and whether the hips were logged as kept up on every set."""

    rung: Rung
    reps: tuple[int, ...]
    hips_up: bool | None = None  # None: not said; only a yes moves the ladder up
    sides: tuple[Side | None, ...] = ()  # one per set; empty when both legs worked together

    def reps_per_leg(self) -> list[list[int]]:
        """The reps grouped by leg (one group when both legs worked together)."""
        if not self.sides:
            return [list(self.reps)]
        groups: dict[Side | None, list[int]] = {}
        for side, reps in zip(self.sides, self.reps, strict=True):
            groups.setdefault(side, []).append(reps)
        return list(groups.values())


FLOOR_SETS_TO_MOVE_UP = 3


def _full_dose(session: FloorSession) -> bool:
    """3 x 12 or more, on each leg when the rung is done one leg at a time."""
    groups = session.reps_per_leg()
    if session.rung.stance == "single" and session.sides and len(groups) < len(Side):
        return False  # one leg's sets are not the rung's work
    return all(len(g) >= FLOOR_SETS_TO_MOVE_UP and min(g) >= TOP_REPS for g in groups)


def floor_ladder_rung(ladder: Sequence[Rung], history: Sequence[FloorSession]) -> tuple[int, str]:
    """Next rung index and why: up after 3 x 12 logged with the hips kept up, down after two
    weak sessions."""
    index = 0
    reason = "start on the first rung"
    weak = 0
    for session in history:
        if session.rung in ladder:
            index = list(ladder).index(session.rung)
        if _full_dose(session) and session.hips_up:
            if index < len(ladder) - 1:
                index += 1
                reason = f"3 x {TOP_REPS} with hips up: move up a rung"
            else:
                reason = "top rung mastered: slow the lowering to keep progressing"
            weak = 0
        elif any(r < BOTTOM_REPS for r in session.reps):
            weak += 1
            if weak >= 2:
                index = max(0, index - 1)
                weak = 0
                reason = f"a set under {BOTTOM_REPS} reps in two sessions: step down a rung"
            else:
                reason = "a short set once; stay on this rung"
        elif _full_dose(session):
            weak = 0
            reason = (
                f"3 x {TOP_REPS} reached, but the hips were not logged as kept up: stay on this "
                "rung until they are (dropping the hips is what makes the curl easier)"
            )
        else:
            weak = 0
            reason = f"stay on this rung until 3 x {TOP_REPS} with hips up"
    return index, reason


@dataclass(frozen=True)
class RampState:
    """Where the Nordic ramp stands for a session: its step (ramp week) and how many Nordic
    sessions were already done at that step."""

    week: int
    done: int = 0


def nordic_ramp_state(
    nordic_dates: Sequence[dt.date],
    on: dt.date,
    *,
    experienced: bool,
    rules: ProgressionRules = ProgressionRules(),
) -> RampState:
    """The ramp step of a Nordic session on `on`, from the past Nordic session dates.

    A step advances, in the first training week (Monday to Sunday) after its sessions were
    all done (`exposures_to_finish`), one step a week at most. Newcomers start at step 1;
    after >= 4 weeks without Nordics the ramp restarts at step 1, after 2-4 weeks at step 3
    (or stays lower). Experienced athletes with no long break are at the full dose.
    """
    past = sorted({d for d in nordic_dates if d < on})
    week = FULL_RAMP_WEEK if experienced else 1
    done = 0
    last: dt.date | None = None
    for day in [*past, on]:
        if last is not None:
            gap = (day - last).days
            if gap >= rules.long_break_days:
                week, done = 1, 0
            elif gap >= rules.break_days:
                week, done = min(week, rules.resume_ramp_week), 0
            elif (
                _monday(day) > _monday(last)
                and week < FULL_RAMP_WEEK
                and done >= exposures_to_finish(week)
            ):
                week, done = week + 1, 0
        if day != on:
            done += 1
            last = day
    return RampState(week, done)


def nordic_ramp_week(nordic_dates: Sequence[dt.date], on: dt.date, *, experienced: bool) -> int:
    """The ramp step (1-5) of a Nordic session on `on`: see `nordic_ramp_state`."""
    return nordic_ramp_state(nordic_dates, on, experienced=experienced).week


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class BreakAdjustment:
    load_factor: float
    sets_delta: int
    reason: str


def after_break(
    last_session: dt.date | None, on: dt.date, rules: ProgressionRules = ProgressionRules()
) -> BreakAdjustment | None:
    """After a break (by default 14+ days without a session): load down 10 % (20 % after a
    long break, 4+ weeks), one set fewer."""
    if last_session is None:
        return None
    gap = (on - last_session).days
    if gap < rules.break_days:
        return None
    cut = rules.long_break_cut_pct if gap >= rules.long_break_days else rules.break_cut_pct
    load = f"load -{cut} % and " if cut else ""
    return BreakAdjustment(
        load_factor=1 - cut / 100,
        sets_delta=-1,
        reason=f"{gap} days since the last session: {load}one set fewer to ease back in",
    )
