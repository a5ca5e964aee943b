"""Imported runs, and the running weeks inferred from them (DESIGN 3.3).

Rules, all per athlete (the baseline is the set of runs given):
- `key`: the title names a workout (tempo, intervals, race, "6x800", ...), or the run is at least
  10 minutes long and its speed is >= 8 % above the athlete's median speed, or its average heart
  rate is >= 8 % above the median. Pace and heart-rate baselines need 3 runs that report them.
- `long`: the title says so ("long", "LSD"), or it is the week's longest run and it is clearly
  long: >= 60 min and >= 1.3 x the median duration, or (when no duration is known, e.g. a planned
  run) >= 12 km and >= 1.3 x the median distance.
- `easy`: any other run; `rest`: a day without runs.
A title naming a workout wins over length (a half-marathon race is `key`); length wins over a
fast pace (long runs with a fast finish are still the long run).

The typical week comes from the last `TYPICAL_WEEKS` (4) weeks with runs among the
`TYPICAL_SPAN_WEEKS` (8) calendar weeks up to the latest run: weeks without runs (a holiday) are
skipped, weeks further back are not the athlete's current running (files from 2010 and 2017 make
a typical week of 2017's week alone, not "3 of 3 weeks").
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from hamcoach.domain.errors import InvalidInput, excerpt
from hamcoach.domain.model import Day, RunningWeek, RunType
from hamcoach.domain.values import check_moment, clean_line, is_clean_line

KEY_WORDS = frozenset(
    {
        "interval",
        "intervals",
        "tempo",
        "threshold",
        "race",
        "racing",
        "reps",
        "repeats",
        "fartlek",
        "hill",
        "hills",
        "track",
        "vo2",
        "vo2max",
        "parkrun",
        "speedwork",
    }
)
LONG_WORDS = frozenset({"long", "lsd"})
# "6x800", "5 x 1km" (x or the multiplication sign): repetitions make a workout, whatever
# the session is called.
_REPS_PATTERN = re.compile("\\b\\d+\\s*[x\u00d7]\\s*\\d+")
_WORD = re.compile(r"[a-z0-9]+")

FASTER_RATIO = 1.08
HR_RATIO = 1.08
LONG_RATIO = 1.3
LONG_MIN_S = 3600.0
LONG_MIN_M = 12_000.0
KEY_MIN_S = 600.0  # strides or a jog to the track are too short to judge by pace
BASELINE_MIN_RUNS = 3
TYPICAL_WEEKS = 4
TYPICAL_SPAN_WEEKS = 8

# Ties in the typical week go to the more demanding pattern: a session wrongly placed before a
# key run costs more than a session wrongly kept off an easy day.
_DEMAND = {RunType.KEY: 3, RunType.LONG: 2, RunType.EASY: 1, RunType.REST: 0}


MAX_RUN_SECONDS = 48 * 3600  # the longest ultras finish within two days
MAX_RUN_METRES = 1_000_000
MAX_TITLE = 500
MAX_EXTERNAL_ID = 400  # the column's width


@dataclass(frozen=True)
class Run:
    """One run, recorded (FIT/GPX/TCX) or planned (ICS).

    `duration_s` is 0 when unknown (an all-day planned run); `external_id` identifies the run
    across re-imports so it is stored once.
    """

    start: dt.datetime
    duration_s: float
    distance_m: float | None
    title: str
    avg_hr: float | None
    source: str
    external_id: str
    # The type the athlete gave the run (the Runs page), which wins over the inferred one.
    marked: RunType | None = None

    def __post_init__(self) -> None:
        # Titles and ids come from devices and files: odd characters are cleaned, not refused
        # (a NUL in a GPX name must not cost the run), and an id that cannot be stored as it is
        # (too long, control characters) is replaced by its digest, which stays stable.
        object.__setattr__(self, "title", clean_line(self.title, MAX_TITLE))
        if len(self.external_id) > MAX_EXTERNAL_ID or not is_clean_line(self.external_id):
            import hashlib

            digest = hashlib.sha256(self.external_id.encode("utf-8", "surrogatepass"))
            object.__setattr__(self, "external_id", f"sha256:{digest.hexdigest()}")
        name = excerpt(self.title)
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise InvalidInput(f"run {name}: start time needs a time zone")
        check_moment(self.start, f"run {name}: start")
        # Finite and human: a "run" of a year or 5000 km is a broken or mislabelled file.
        if not 0 <= self.duration_s <= MAX_RUN_SECONDS:
            raise InvalidInput(
                f"run {name}: duration {self.duration_s:g} s is not one run "
                f"(0 to {MAX_RUN_SECONDS // 3600} h)"
            )
        if self.distance_m is not None and not 0 <= self.distance_m <= MAX_RUN_METRES:
            raise InvalidInput(
                f"run {name}: distance {self.distance_m:g} m is not one run "
                f"(0 to {MAX_RUN_METRES // 1000} km)"
            )
        if self.avg_hr is not None and not 0 < self.avg_hr <= 250:
            raise InvalidInput(f"run {name}: average heart rate must be 1-250 bpm")
        if not self.external_id:
            raise InvalidInput(f"run {name}: external id is empty")
        if self.marked is RunType.REST:
            raise InvalidInput(f"run {name}: a run is easy, long or key, not rest")

    @property
    def speed_mps(self) -> float | None:
        if self.distance_m and self.duration_s > 0:
            return self.distance_m / self.duration_s
        return None


@dataclass(frozen=True)
class ClassifiedRun:
    run: Run
    date: dt.date
    type: RunType
    reason: str


@dataclass(frozen=True)
class InferredWeek:
    monday: dt.date
    week: RunningWeek
    runs: tuple[ClassifiedRun, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class TypicalWeek:
    week: RunningWeek
    weeks_used: tuple[dt.date, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Baseline:
    duration_s: float | None
    distance_m: float | None
    speed_mps: float | None
    hr: float | None


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if len(values) >= BASELINE_MIN_RUNS else None


def _baseline(runs: Sequence[Run]) -> _Baseline:
    # Length baselines accept one or two runs too: "clearly long" needs the ratio and the floor.
    durations = [r.duration_s for r in runs if r.duration_s > 0]
    distances = [r.distance_m for r in runs if r.distance_m]
    return _Baseline(
        duration_s=statistics.median(durations) if durations else None,
        distance_m=statistics.median(distances) if distances else None,
        speed_mps=_median([s for r in runs if (s := r.speed_mps) is not None]),
        hr=_median([r.avg_hr for r in runs if r.avg_hr is not None]),
    )


def title_key_word(title: str) -> str | None:
    """The word (or `NxM` pattern) that marks a title as a workout, if any."""
    lowered = title.lower()
    words: list[str] = _WORD.findall(lowered)
    for word in words:
        if word in KEY_WORDS:
            return word
    found = _REPS_PATTERN.search(lowered)
    return found.group(0) if found else None


def title_says_long(title: str) -> bool:
    return any(word in LONG_WORDS for word in _WORD.findall(title.lower()))


def _clearly_long(run: Run, base: _Baseline) -> str | None:
    if run.duration_s > 0:
        if (
            base.duration_s is not None
            and run.duration_s >= LONG_MIN_S
            and run.duration_s >= LONG_RATIO * base.duration_s
        ):
            return (
                f"the week's longest run, {run.duration_s / 60:.0f} min "
                f"(typical run {base.duration_s / 60:.0f} min)"
            )
        return None
    if (
        run.distance_m
        and base.distance_m is not None
        and run.distance_m >= LONG_MIN_M
        and run.distance_m >= LONG_RATIO * base.distance_m
    ):
        return (
            f"the week's longest run, {run.distance_m / 1000:.1f} km "
            f"(typical run {base.distance_m / 1000:.1f} km)"
        )
    return None


def _hard_effort(run: Run, base: _Baseline) -> str | None:
    if run.duration_s < KEY_MIN_S:
        return None
    speed = run.speed_mps
    if speed is not None and base.speed_mps is not None and speed >= FASTER_RATIO * base.speed_mps:
        pct = (speed / base.speed_mps - 1) * 100
        return f"pace {pct:.0f} % faster than your typical run"
    if run.avg_hr is not None and base.hr is not None and run.avg_hr >= HR_RATIO * base.hr:
        pct = (run.avg_hr / base.hr - 1) * 100
        return f"average heart rate {pct:.0f} % above your typical run"
    return None


def _classify(run: Run, date: dt.date, longest: bool, base: _Baseline) -> ClassifiedRun:
    if run.marked is not None:
        return ClassifiedRun(run, date, run.marked, "you set this type")
    word = title_key_word(run.title)
    if word is not None:
        return ClassifiedRun(run, date, RunType.KEY, f"the title names a workout ({word!r})")
    if title_says_long(run.title):
        return ClassifiedRun(run, date, RunType.LONG, "the title calls it a long run")
    if longest and (why := _clearly_long(run, base)) is not None:
        return ClassifiedRun(run, date, RunType.LONG, why)
    if (why := _hard_effort(run, base)) is not None:
        return ClassifiedRun(run, date, RunType.KEY, why)
    return ClassifiedRun(run, date, RunType.EASY, "an ordinary run")


def monday_of(date: dt.date) -> dt.date:
    return date - dt.timedelta(days=date.weekday())


def _length_key(run: Run) -> tuple[float, float]:
    return (run.duration_s, run.distance_m or 0.0)


def _label(run: Run) -> str:
    return run.title.strip() or "run"


def infer_running_weeks(runs: Iterable[Run], *, tz: dt.tzinfo) -> dict[dt.date, InferredWeek]:
    """Running weeks keyed by their Monday, from the first to the last week with a run.

    Days are calendar days in `tz`; weeks without runs inside the range are all-rest weeks.
    """
    ordered = sorted(runs, key=lambda r: (r.start, r.external_id))
    if not ordered:
        return {}
    base = _baseline(ordered)
    by_week: dict[dt.date, list[tuple[dt.date, Run]]] = {}
    for run in ordered:
        date = run.start.astimezone(tz).date()
        by_week.setdefault(monday_of(date), []).append((date, run))
    first, last = min(by_week), max(by_week)
    result: dict[dt.date, InferredWeek] = {}
    monday = first
    while monday <= last:
        dated = by_week.get(monday, [])
        longest = max((r for _, r in dated), key=_length_key, default=None)
        classified = tuple(_classify(r, d, r is longest, base) for d, r in dated)
        days: dict[Day, list[RunType]] = {}
        for c in classified:
            types = days.setdefault(Day.of(c.date), [])
            if c.type not in types:
                types.append(c.type)
        reasons = tuple(
            f"{Day.of(c.date).slug} {c.date.isoformat()}: {c.type.value} - {_label(c.run)}: "
            f"{c.reason}"
            for c in classified
        ) or ("no runs recorded this week",)
        result[monday] = InferredWeek(monday, RunningWeek.of(days), classified, reasons)
        monday += dt.timedelta(days=7)
    return result


def week_overrides(
    inferred: Mapping[dt.date, InferredWeek], *, plan_start: dt.date, weeks: int
) -> dict[int, RunningWeek]:
    """Plan week number (1-based) -> the running week the imported runs describe.

    A plan week may start on any weekday, so it is assembled day by day; only plan weeks whose
    seven days all fall in inferred weeks are returned (the typical week covers the others).
    """
    overrides: dict[int, RunningWeek] = {}
    for number in range(1, weeks + 1):
        start = plan_start + dt.timedelta(days=7 * (number - 1))
        days: dict[Day, tuple[RunType, ...]] = {}
        for offset in range(7):
            date = start + dt.timedelta(days=offset)
            known = inferred.get(monday_of(date))
            if known is None:
                break
            days[Day.of(date)] = known.week.runs(Day.of(date))
        else:
            overrides[number] = RunningWeek.of(days)
    return overrides


def _canonical(runs: tuple[RunType, ...]) -> tuple[RunType, ...]:
    return tuple(sorted(set(runs), key=lambda r: _DEMAND[r]))


def _rank(pattern: tuple[RunType, ...], seen: list[tuple[RunType, ...]]) -> tuple[int, int, int]:
    demand = max((_DEMAND[r] for r in pattern), default=0)
    latest = max(i for i, p in enumerate(seen) if p == pattern)
    return (seen.count(pattern), demand, latest)


def typical_week(
    inferred: Mapping[dt.date, InferredWeek],
    *,
    last: int = TYPICAL_WEEKS,
    span: int = TYPICAL_SPAN_WEEKS,
) -> TypicalWeek:
    """The most common pattern per weekday over the last `last` weeks that had runs, among the
    `span` calendar weeks that end with the latest week with a run.

    Weeks without any run (holiday, illness) are not typical and are left out, and so are weeks
    more than `span` weeks back (old files are not the current running week). Ties go to the more
    demanding pattern, then to the most recent week.
    """
    if last < 1:
        raise InvalidInput(f"the typical week needs at least 1 week (got {last})")
    if span < 1:
        raise InvalidInput(f"the typical week needs a span of at least 1 week (got {span})")
    with_runs = sorted((w for w in inferred.values() if w.runs), key=lambda w: w.monday)
    if not with_runs:
        raise InvalidInput("no imported runs to infer a typical running week from")
    oldest = with_runs[-1].monday - dt.timedelta(weeks=span - 1)
    recent = [w for w in with_runs if w.monday >= oldest][-last:]
    days: dict[Day, tuple[RunType, ...]] = {}
    reasons: list[str] = []
    for day in Day:
        seen = [_canonical(w.week.runs(day)) for w in recent]
        best = max(set(seen), key=lambda pattern: _rank(pattern, seen))
        count = seen.count(best)
        days[day] = best
        label = "+".join(r.value for r in best) or RunType.REST.value
        reasons.append(f"{day.name.capitalize()}: {label} in {count} of {len(recent)} weeks")
    older = [w for w in with_runs if w.monday < oldest]
    if older:
        reasons.append(
            f"{len(older)} older week{'s' if len(older) != 1 else ''} with runs (the latest the "
            f"week of {older[-1].monday.isoformat()}) left out: outside the {span} weeks up to "
            "the latest run"
        )
    return TypicalWeek(RunningWeek.of(days), tuple(w.monday for w in recent), tuple(reasons))
