"""Next targets for every exercise, from the profile and the logged history (pure).

This is where the progression rules meet real records: it replays history per exercise and
says, for each, the next load (or rung, or ramp step) and why.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from hamcoach.domain.assessment import ECCENTRIC_FORCES
from hamcoach.domain.catalogue import Catalogue
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.metrics import asymmetry, e1rm_epley
from hamcoach.domain.model import Side
from hamcoach.domain.profile import Profile, Units, from_kg, to_kg
from hamcoach.domain.progression import (
    BreakAdjustment,
    FloorSession,
    Rung,
    SessionResult,
    SetResult,
    after_break,
    double_progression,
    floor_ladder,
    floor_ladder_rung,
    nordic_ramp_state,
    round_to_increment,
)
from hamcoach.domain.progression_rules import ProgressionRules
from hamcoach.domain.records import LoggedSet, Measure, Measurement

# Conservative first loads as a share of body mass when no 10RM is on record.
START_SHARE = {"lying-leg-curl": 0.25, "seated-leg-curl": 0.3, "single-leg-curl": 0.12}
START_FALLBACK_KG = {"lying-leg-curl": 20.0, "seated-leg-curl": 25.0, "single-leg-curl": 10.0}


@dataclass(frozen=True)
class Targets:
    loads: dict[str, float] = field(default_factory=dict)  # per-leg exercises: the lighter leg
    reasons: dict[str, str] = field(default_factory=dict)
    # Exercises done one leg at a time progress per leg: {slug: {side: load}} and the reasons.
    side_loads: dict[str, dict[Side, float]] = field(default_factory=dict)
    side_reasons: dict[str, dict[Side, str]] = field(default_factory=dict)
    floor_rung: Rung | None = None
    nordic_ramp_week: int = 1
    nordic_ramp_done: int = 0  # Nordic sessions already done at that step
    sets_delta: int = 0
    break_note: str | None = None
    asymmetry_pct: float | None = None

    def load_for(self, slug: str, side: Side | None = None) -> float | None:
        """The next target load of an exercise, for one leg when it is done per leg."""
        if side is not None and slug in self.side_loads:
            return self.side_loads[slug].get(side, self.loads.get(slug))
        return self.loads.get(slug)

    def reason_for(self, slug: str, side: Side | None = None) -> str | None:
        if side is not None and slug in self.side_reasons:
            return self.side_reasons[slug].get(side, self.reasons.get(slug))
        return self.reasons.get(slug)


def _in_unit(value: float, unit: str, target: Units, increment: float | None = None) -> float:
    """`value` in the athlete's unit; a load logged in the other unit is also re-rounded to
    the athlete's machine step (40 kg is 90 lb on a 5 lb stack, not 88.1849)."""
    if Units(unit) is target:
        return value
    converted = from_kg(to_kg(value, Units(unit)), target)
    return converted if increment is None else round_to_increment(converted, increment)


def _by_session(sets: Sequence[LoggedSet]) -> dict[dt.date, list[LoggedSet]]:
    grouped: dict[dt.date, list[LoggedSet]] = defaultdict(list)
    for s in sets:
        grouped[s.session_date].append(s)
    return dict(sorted(grouped.items()))


def start_load(slug: str, profile: Profile, tests: Sequence[Measurement]) -> tuple[float, str]:
    inc = profile.increment_for(slug)
    tenrm = [t for t in tests if t.kind == Measure.TEN_RM and t.exercise == slug]
    if tenrm:
        latest = tenrm[-1]
        value = _in_unit(latest.value, latest.unit, profile.units)
        # Rounded down: a 10RM is the bottom of the 10-12 range, never go above it.
        steps = max(1, int(value / inc + 1e-9))
        return round(steps * inc, 4), f"start from your 10RM of {latest.value:g} {latest.unit}"
    if profile.body_mass:
        load = round_to_increment(profile.body_mass * START_SHARE[slug], inc)
        return load, "start load estimated from body mass: adjust after the first set"
    load = round_to_increment(from_kg(START_FALLBACK_KG[slug], profile.units), inc)
    return load, "a cautious start load: adjust after the first set"


def latest_asymmetry(sets: Sequence[LoggedSet], tests: Sequence[Measurement]) -> float | None:
    """Latest left/right gap: a force test, or the last single-leg session's best e1RM per side."""
    candidates: list[tuple[dt.date, float]] = []
    force = [t for t in tests if t.kind in ECCENTRIC_FORCES and t.side]
    groups: dict[str, dict[str, Measurement]] = defaultdict(dict)
    for t in force:
        groups[t.group_id][t.side or ""] = t
    for g in groups.values():
        if Side.LEFT in g and Side.RIGHT in g:
            gap = asymmetry(g[Side.LEFT].value, g[Side.RIGHT].value).pct
            candidates.append((g[Side.LEFT].tested_on, gap))
    single = [s for s in sets if s.exercise == "single-leg-curl" and s.load and s.reps <= 12]
    if single:
        last_day = max(s.session_date for s in single)
        best: dict[str, float] = {}
        for s in single:
            if s.session_date == last_day and s.side and s.load:
                best[s.side] = max(best.get(s.side, 0.0), e1rm_epley(s.load, s.reps))
        if Side.LEFT in best and Side.RIGHT in best:
            candidates.append((last_day, asymmetry(best[Side.LEFT], best[Side.RIGHT]).pct))
    return max(candidates)[1] if candidates else None


def compute_targets(
    profile: Profile,
    sets: Sequence[LoggedSet],
    tests: Sequence[Measurement],
    on: dt.date,
    catalogue: Catalogue = CATALOGUE,
) -> Targets:
    """Targets for a session on `on`, from everything logged before that day."""
    past = [s for s in sets if s.session_date < on]
    loads: dict[str, float] = {}
    reasons: dict[str, str] = {}
    last_any = max((s.session_date for s in past), default=None)
    rules = profile.progression_rules
    brk = after_break(last_any, on, rules)
    back = brk or _returned_this_week(sorted({s.session_date for s in past}), on, rules)
    side_loads: dict[str, dict[Side, float]] = {}
    side_reasons: dict[str, dict[Side, str]] = {}
    for ex in catalogue.exercises:
        if ex.bodyweight:
            continue
        start, why = start_load(ex.slug, profile, tests)
        # Warm-ups and drop sets are not the session's work: progression reads the rest.
        work = [s for s in past if s.exercise == ex.slug and s.kind.counts_as_work]
        if not ex.per_side:
            loads[ex.slug], reasons[ex.slug] = _next_load(profile, ex.slug, work, start, why, brk)
            continue
        # Each leg replays its own sets: the strong leg is not held to the weak leg's load.
        per_leg = {
            side: _next_load(profile, ex.slug, [s for s in work if s.side == side], start, why, brk)
            for side in Side
        }
        side_loads[ex.slug] = {side: load for side, (load, _) in per_leg.items()}
        side_reasons[ex.slug] = {side: reason for side, (_, reason) in per_leg.items()}
        lighter = min(Side, key=lambda side: per_leg[side][0])
        loads[ex.slug] = per_leg[lighter][0]
        said = {reason for _, reason in per_leg.values()}
        reasons[ex.slug] = (
            said.pop()
            if len(said) == 1
            else "; ".join(f"{side.value} leg: {reason}" for side, (_, reason) in per_leg.items())
        )
    nordic_days = sorted({s.session_date for s in past if s.exercise == "nordic-curl"})
    ramp = nordic_ramp_state(nordic_days, on, experienced=profile.nordic_experienced, rules=rules)
    rung = _floor_rung(profile, past)
    return Targets(
        loads=loads,
        reasons=reasons,
        side_loads=side_loads,
        side_reasons=side_reasons,
        floor_rung=rung,
        nordic_ramp_week=ramp.week,
        nordic_ramp_done=ramp.done,
        sets_delta=back.sets_delta if back else 0,
        break_note=back.reason if back else None,
        asymmetry_pct=latest_asymmetry(past, tests),
    )


def _next_load(
    profile: Profile,
    slug: str,
    work: Sequence[LoggedSet],
    start: float,
    why: str,
    brk: BreakAdjustment | None,
) -> tuple[float, str]:
    """The next load from one exercise's (or one leg's) working sets, and why."""
    inc = profile.increment_for(slug)
    history = []
    for day, day_sets in _by_session(work).items():
        target = next((s.target_load for s in day_sets if s.target_load is not None), None)
        history.append(
            SessionResult(
                day,
                None if target is None else _in_unit(target, day_sets[0].unit, profile.units, inc),
                tuple(
                    SetResult(
                        s.reps,
                        None if s.load is None else _in_unit(s.load, s.unit, profile.units, inc),
                    )
                    for s in day_sets
                ),
            )
        )
    if not history:
        return start, why
    decision = double_progression(
        history,
        start_load=start,
        increment=inc,
        increase_pct=profile.increase_pct,
        rules=profile.progression_rules,
    )
    load, why = decision.load, decision.reason
    if brk is not None:
        before = load
        load = round_to_increment(load * brk.load_factor, inc)
        why = brk.reason
        real = 100 * (1 - load / before)
        if abs(real - 100 * (1 - brk.load_factor)) >= 0.5:  # say the cut that was made
            why += (
                f" (on {inc:g} {profile.units.value} steps: {before:g} -> {load:g}, -{real:.1f} %)"
            )
    return load, why


def _returned_this_week(
    days: Sequence[dt.date], on: dt.date, rules: ProgressionRules
) -> BreakAdjustment | None:
    """The break a session earlier in `on`'s training week came back from: the lighter volume
    lasts the whole first week back, not just its first session (the load already dropped)."""
    monday = on - dt.timedelta(days=on.weekday())
    for before, after in itertools.pairwise(days):
        if after >= monday:
            return after_break(before, after, rules)
    return None


def _floor_rung(profile: Profile, past: Sequence[LoggedSet]) -> Rung | None:
    owned = [v for v in ("towel", "sliders", "stability-ball") if v in profile.equipment]
    if not owned:
        return None
    ladder = floor_ladder(owned)
    history = [
        FloorSession(
            Rung(day_sets[0].variant or owned[0], day_sets[0].stance or "both"),
            tuple(s.reps for s in day_sets),
            hips_up=all(s.hips_up for s in day_sets),
            sides=tuple(s.side for s in day_sets) if any(s.side for s in day_sets) else (),
        )
        for day_sets in _by_session(
            [s for s in past if s.exercise == "floor-curl" and s.kind.counts_as_work]
        ).values()
    ]
    index, _ = floor_ladder_rung(ladder, history)
    return ladder[index]
