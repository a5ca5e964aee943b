"""History and the progress report: adherence, load and e1RM trends, H:Q, asymmetry, Nordics."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from hamcoach.domain.assessment import ECCENTRIC_FORCES, TORQUES
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.metrics import (
    AsymmetryFlag,
    HQKind,
    adherence,
    asymmetry,
    break_point_change,
    e1rm_epley,
    eccentric_force_context,
    hq_ratio,
    volume,
)
from hamcoach.domain.model import Side
from hamcoach.domain.planning import build_plan
from hamcoach.domain.profile import Profile, Units, from_kg, to_kg
from hamcoach.domain.programme import ProgrammeChange
from hamcoach.domain.readiness import is_sore
from hamcoach.domain.records import LoggedSet, Measure, Measurement
from hamcoach.domain.report_model import (
    AsymmetryPoint,
    ExercisePoint,
    HQPoint,
    Report,
    WeekAdherence,
)
from hamcoach.domain.targets import Targets
from hamcoach.services.ports import UnitOfWorkPort
from hamcoach.services.profile import monday_of
from hamcoach.services.soreness import advice
from hamcoach.services.training import plan_request

MAX_REPORT_WEEKS = 52
G = 9.80665


def history(
    uow: UnitOfWorkPort, athlete_id: int, exercise: str | None, since: dt.date | None
) -> list[LoggedSet]:
    with uow:
        return uow.athlete(athlete_id).sets.all(exercise=exercise, since=since)


def _weeks(
    profile: Profile,
    start: dt.date,
    sets: Sequence[LoggedSet],
    today: dt.date,
    programme: Sequence[ProgrammeChange] = (),
) -> list[WeekAdherence]:
    last_complete = monday_of(today) - dt.timedelta(days=7)
    first = max(monday_of(start), last_complete - dt.timedelta(days=7 * (MAX_REPORT_WEEKS - 1)))
    if last_complete < first:
        return []
    count = (last_complete - first).days // 7 + 1
    plan = build_plan(plan_request(profile, Targets(), first, count, None, programme))
    done_days = {s.session_date for s in sets}
    out = []
    for week in plan.weeks:
        end = week.start + dt.timedelta(days=7)
        completed = sum(1 for d in done_days if week.start <= d < end)
        out.append(WeekAdherence(week.start, len(week.sessions), completed))
    return out


def _exercise_points(sets: Sequence[LoggedSet], unit: Units) -> dict[str, list[ExercisePoint]]:
    grouped: dict[tuple[str, dt.date], list[LoggedSet]] = defaultdict(list)
    for s in sets:
        grouped[(s.exercise, s.session_date)].append(s)
    out: dict[str, list[ExercisePoint]] = defaultdict(list)
    for (slug, day), day_sets in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        loads = [from_kg(to_kg(s.load, Units(s.unit)), unit) for s in day_sets if s.load]
        e1rms = [
            e1rm_epley(load, s.reps)
            for s, load in zip([s for s in day_sets if s.load], loads, strict=True)
            if s.reps <= 12
        ]
        out[slug].append(
            ExercisePoint(
                date=day,
                top_load=max(loads) if loads else None,
                best_e1rm=round(max(e1rms), 2) if e1rms else None,
                volume=volume(
                    [
                        (
                            s.reps,
                            None if s.load is None else from_kg(to_kg(s.load, Units(s.unit)), unit),
                        )
                        for s in day_sets
                    ]
                ),
                sets=len(day_sets),
                reps=sum(s.reps for s in day_sets),
            )
        )
    return dict(out)


def hq_points(tests: Sequence[Measurement]) -> list[HQPoint]:
    groups: dict[str, dict[str, Measurement]] = defaultdict(dict)
    for t in tests:
        if t.kind in TORQUES:
            groups[t.group_id][t.kind] = t
    out = []
    for g in groups.values():
        quad = g.get(Measure.QUAD_CON)
        if quad is None:
            continue
        velocity = quad.velocity_deg_s or 60
        for kind, key in (
            (HQKind.CONVENTIONAL, Measure.HAMSTRING_CON),
            (HQKind.FUNCTIONAL, Measure.HAMSTRING_ECC),
        ):
            if key in g:
                r = hq_ratio(g[key].value, quad.value, kind, velocity)
                out.append(
                    HQPoint(quad.tested_on, kind.value, round(r.ratio, 3), r.reference, r.summary)
                )
    return sorted(out, key=lambda p: (p.date, p.kind))


def asymmetry_points(
    sets: Sequence[LoggedSet], tests: Sequence[Measurement]
) -> list[AsymmetryPoint]:
    out = []
    groups: dict[str, dict[str, Measurement]] = defaultdict(dict)
    for t in tests:
        if t.kind in ECCENTRIC_FORCES and t.side:
            groups[t.group_id][t.side] = t
    for g in groups.values():
        if Side.LEFT in g and Side.RIGHT in g:
            a = asymmetry(g[Side.LEFT].value, g[Side.RIGHT].value)
            out.append(
                AsymmetryPoint(
                    g[Side.LEFT].tested_on,
                    f"{g['left'].kind} test",
                    g[Side.LEFT].value,
                    g[Side.RIGHT].value,
                    round(a.pct, 1),
                    a.flag.value,
                    a.stronger,
                )
            )
    per_day: dict[dt.date, dict[str, float]] = defaultdict(dict)
    for s in sets:
        if s.exercise == "single-leg-curl" and s.side and s.load and s.reps <= 12:
            best = per_day[s.session_date]
            best[s.side] = max(best.get(s.side, 0.0), e1rm_epley(s.load, s.reps))
    for day, best in per_day.items():
        if Side.LEFT in best and Side.RIGHT in best:
            a = asymmetry(best[Side.LEFT], best[Side.RIGHT])
            out.append(
                AsymmetryPoint(
                    day,
                    "single-leg curl e1RM",
                    round(best[Side.LEFT], 1),
                    round(best[Side.RIGHT], 1),
                    round(a.pct, 1),
                    a.flag.value,
                    a.stronger,
                )
            )
    return sorted(out, key=lambda p: p.date)


def build_report(
    profile: Profile,
    plan_start: dt.date,
    sets: Sequence[LoggedSet],
    tests: Sequence[Measurement],
    today: dt.date,
    soreness: Sequence[tuple[dt.date, int, str | None]] = (),
    programme: Sequence[ProgrammeChange] = (),
) -> Report:
    weeks = _weeks(profile, plan_start, sets, today, programme)
    summary: list[str] = []
    if weeks:
        adh = adherence([w.planned for w in weeks], [w.completed for w in weeks])
        overall: float | None = adh.overall
        adh_text = adh.summary + f" over {len(weeks)} complete week(s)"
    else:
        overall, adh_text = None, "no complete week yet since the plan began"
    exercises = _exercise_points(sets, profile.units)
    hq = hq_points(tests)
    asym = asymmetry_points(sets, tests)
    angles = [(t.tested_on, t.value) for t in tests if t.kind == Measure.BREAK_ANGLE]
    angle_text = None
    if len(angles) >= 2:
        angle_text = break_point_change(angles[-2][1], angles[-1][1]).summary
    force_notes: list[str] = []
    forces = [t for t in tests if t.kind == Measure.NORDIC_FORCE]
    if forces:
        last_day = forces[-1].tested_on
        for t in (f for f in forces if f.tested_on == last_day):
            newtons = t.value if t.unit == "N" else to_kg(t.value, Units(t.unit)) * G
            body = to_kg(profile.body_mass, profile.units) if profile.body_mass else None
            ctx = eccentric_force_context(newtons, body)
            force_notes.append(
                f"{t.side}: {newtons:.0f} N" + (f" ({'; '.join(ctx.notes)})" if ctx.notes else "")
            )
    # Plain-words next steps, most useful first.
    if overall is not None and overall < 0.5:
        summary.append(
            "Adherence is the priority: two short sessions a week beat a perfect plan skipped."
        )
    if asym and asym[-1].flag != AsymmetryFlag.NONE.value:
        weaker = Side.RIGHT if asym[-1].stronger == Side.LEFT else Side.LEFT
        single_ok = CATALOGUE.get("single-leg-curl").feasible_with(profile.equipment)
        summary.append(
            f"Left/right gap {asym[-1].pct:.0f} %: "
            + (
                f"the plan now includes single-leg curls; start each set with the {weaker} leg."
                if single_ok
                else f"single-leg work would help (a leg-curl machine allows the single-leg "
                f"curl); favour the {weaker} leg meanwhile."
            )
        )
    if hq and hq[-1].reference is not None and hq[-1].ratio < hq[-1].reference:
        summary.append(
            "H:Q is below the usual reference: keep the knee-flexion work going "
            "(information, not an alarm)."
        )
    for slug, points in exercises.items():
        e1 = [p.best_e1rm for p in points if p.best_e1rm]
        if len(e1) >= 2 and e1[0]:
            change = (e1[-1] - e1[0]) / e1[0] * 100
            summary.append(
                f"{CATALOGUE.get(slug).short_name}: e1RM (Epley) {e1[0]:g} -> {e1[-1]:g} "
                f"{profile.units.value} "
                f"({change:+.0f} %)."
            )
    if not sets:
        summary.append("Nothing logged yet: today's session (or the next one) is the first.")
    recent = [(d, score) for d, score, _ in soreness if (today - d).days < 28]
    if recent and recent[-1][0] >= today - dt.timedelta(days=1) and is_sore(recent[-1][1]):
        summary.insert(0, advice(recent[-1][1]).capitalize() + ".")
    return Report(
        unit=profile.units.value,
        weeks=weeks,
        adherence_overall=overall,
        adherence_summary=adh_text,
        exercises=exercises,
        hq=hq,
        asymmetry=asym,
        break_points=angles,
        break_point_summary=angle_text,
        force_notes=force_notes,
        summary=summary,
        soreness=recent,
    )


def report(uow: UnitOfWorkPort, athlete_id: int, today: dt.date, days: int = 365) -> Report:
    """The report over the last `days` days (a year by default: what the charts show)."""
    since = today - dt.timedelta(days=days)
    with uow:
        scope = uow.athlete(athlete_id)
        profile = scope.profile.get()
        start = max(scope.profile.plan_start() or monday_of(today), monday_of(since))
        sets = scope.sets.all(since=since)
        tests = scope.assessments.all()
        changes = scope.programme.all()
        return build_report(profile, start, sets, tests, today, scope.soreness.all(), changes)
