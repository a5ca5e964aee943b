"""Use-cases of imported runs: storing them, and the running weeks the plan follows.

Reading files is the edges' job (`integrations.runs_import`): they parse a whole file first, so a
file that fails half-way never reaches these functions, and each file is stored in one unit of
work here (all its runs or none).

How imported runs shape the plan (`imported_week_overrides`): the runs are classified week by week
(`domain.runs.infer_running_weeks`). Imported runs are taken to describe every day up to the
latest one (the *horizon*: a day before it without a run was a rest day); days after the horizon
are not known yet and keep the profile's running week. A plan week with at least one day before the
horizon follows the imports for those days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from hamcoach.domain.errors import InvalidInput, NotFound, excerpt
from hamcoach.domain.model import Day, RunningWeek, RunType
from hamcoach.domain.profile import Profile
from hamcoach.domain.run_summary import ImportSummary, RunImport, RunsOverview, RunsPage
from hamcoach.domain.values import check_date, is_clean_line
from hamcoach.services.ports import RunsPort, UnitOfWorkPort
from hamcoach.services.profile import monday_of

if TYPE_CHECKING:
    # domain.runs (and its `statistics`) loads only when there are runs: `hamcoach today`
    # starts as fast for an athlete without imported runs as before.
    from hamcoach.domain.runs import ClassifiedRun, InferredWeek, Run

MAX_EXTERNAL_ID = 400  # the column's width
# Pace and heart-rate baselines come from this much history before the plan.
BASELINE_DAYS = 84


def storable(run: Run) -> Run:
    """The run with an external id that fits the column (long calendar UIDs are hashed)."""
    if len(run.external_id) <= MAX_EXTERNAL_ID:
        return run
    import hashlib

    from hamcoach.domain.runs import Run

    digest = hashlib.sha256(run.external_id.encode("utf-8")).hexdigest()
    return Run(
        run.start,
        run.duration_s,
        run.distance_m,
        run.title,
        run.avg_hr,
        run.source,
        f"sha256:{digest}",
    )


def import_runs(
    uow: UnitOfWorkPort,
    athlete_id: int,
    runs: Sequence[Run],
    *,
    name: str,
    kind: str = "",
    skipped: Iterable[str] = (),
    warnings: Iterable[str] = (),
) -> RunImport:
    """Store one file's runs in one transaction; runs already stored are counted, not doubled.

    `skipped` (activities not imported, with the reason) and `warnings` (runs stored with less
    than the file claims) come from the reader and are handed back in the result for the edges
    to show.
    """
    unique = {r.external_id: r for r in (storable(run) for run in runs)}
    with uow:
        scope = uow.athlete(athlete_id)
        scope.profile.get()  # a missing athlete is refused before anything is written
        known = scope.runs.known_ids(unique.keys())
        stored: list[Run] = []
        duplicates = [r for r in unique.values() if r.external_id in known]
        for run in unique.values():
            if run.external_id in known:
                continue
            # False: the same run arrived from a concurrent import a moment ago.
            (stored if scope.runs.add(run) else duplicates).append(run)
        uow.commit()
    return RunImport(
        name,
        kind,
        tuple(sorted(stored, key=lambda r: r.start)),
        tuple(sorted(duplicates, key=lambda r: r.start)),
        tuple(skipped),
        tuple(warnings),
    )


# A calendar's repeating events are read only in this window around today unless the athlete
# names one: a year of history, half a year of plans ahead, never an endless expansion.
CALENDAR_PAST_DAYS = 365
CALENDAR_AHEAD_DAYS = 183


def calendar_window(
    today: dt.date, first: dt.date | None = None, last: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """(first day, the day after the last) to read calendars in; `last` is included."""
    for what, day in (("since", first), ("until", last)):
        if day is not None:
            check_date(day, what)  # 2099-12-31 + 1 day stays a date; 9999-12-31 would not
    start = first or today - dt.timedelta(days=CALENDAR_PAST_DAYS)
    end = (last or today + dt.timedelta(days=CALENDAR_AHEAD_DAYS)) + dt.timedelta(days=1)
    if end <= start:
        raise InvalidInput(f"since {start} is after until {end - dt.timedelta(days=1)}")
    return start, end


class FoundRuns(Protocol):
    """One file's runs as an importer read them."""

    @property
    def runs(self) -> Sequence[Run]: ...
    @property
    def kind(self) -> str: ...
    @property
    def skipped(self) -> Sequence[str]: ...
    @property
    def warnings(self) -> Sequence[str]: ...


def import_files(
    uow_factory: Callable[[], UnitOfWorkPort],
    athlete_id: int,
    files: Sequence[tuple[str, FoundRuns]],
) -> ImportSummary:
    """Store files read before (each in its own transaction), then the week they describe."""
    results = tuple(
        import_runs(
            uow_factory(),
            athlete_id,
            found.runs,
            name=name,
            kind=found.kind,
            skipped=found.skipped,
            warnings=found.warnings,
        )
        for name, found in files
    )
    return ImportSummary(results, runs_overview(uow_factory(), athlete_id).typical)


def runs_overview(
    uow: UnitOfWorkPort,
    athlete_id: int,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> RunsOverview:
    """The athlete's runs (optionally those from `since` to the day before `until`), by week."""
    timezone, runs = _stored_runs(uow, athlete_id, since, until)
    return _overview(timezone, runs)


def _stored_runs(
    uow: UnitOfWorkPort, athlete_id: int, since: dt.date | None, until: dt.date | None
) -> tuple[str, list[Run]]:
    with uow:
        scope = uow.athlete(athlete_id)
        profile = scope.profile.get()
        tz = ZoneInfo(profile.timezone)
        runs = scope.runs.all(
            since=None if since is None else _midnight(since, tz),
            until=None if until is None else _midnight(until, tz),
        )
    return profile.timezone, runs


def _overview(timezone: str, runs: list[Run]) -> RunsOverview:
    from hamcoach.domain.runs import infer_running_weeks, typical_week

    inferred = infer_running_weeks(runs, tz=ZoneInfo(timezone))
    typical = typical_week(inferred) if any(w.runs for w in inferred.values()) else None
    # Weeks without runs between imports (years, with old files) are left out: noise, not news.
    weeks = tuple(inferred[m] for m in sorted(inferred) if inferred[m].runs)
    return RunsOverview(timezone, weeks, typical)


# What an athlete can call a run; rest is a day without one.
MARKABLE = (RunType.EASY, RunType.LONG, RunType.KEY)


def mark_run(
    uow: UnitOfWorkPort, athlete_id: int, external_id: str, marked: RunType | None
) -> ClassifiedRun:
    """Give an imported run the type the athlete knows it had, or (None) hand it back to the
    rules. The plan follows it from the next read: the running weeks are inferred from the
    stored runs every time. Returns the run as it is now classified, with the reason."""
    if marked is not None and marked not in MARKABLE:
        raise InvalidInput(
            f"a run is easy, long or key, not {marked.value} (a rest day is a day without runs)"
        )
    # Stored ids are single clean lines of at most 400 characters (`domain.runs.Run`): anything
    # else names no run, and is not sent to the database (PostgreSQL refuses a NUL outright).
    known = len(external_id) <= MAX_EXTERNAL_ID and is_clean_line(external_id)
    with uow:
        scope = uow.athlete(athlete_id)
        scope.profile.get()  # no profile: NoProfile, not "no such run"
        if not known or not scope.runs.mark(external_id, marked):
            raise NotFound(f"no imported run has the id {excerpt(external_id)}")
        uow.commit()
    now = runs_overview(uow, athlete_id).classified()
    found = next((c for c in now if c.run.external_id == external_id), None)
    if found is None:  # gone between the two reads (the athlete was deleted)
        raise NotFound(f"no imported run has the id {excerpt(external_id)}")
    return found


def runs_page(
    uow: UnitOfWorkPort, athlete_id: int, *, before: dt.date | None = None, limit: int = 30
) -> RunsPage:
    """The runs before the day `before` (all when None), newest first, about `limit` of them.

    A page holds whole days, so it may run a few over `limit`; `older` is the `before` of the
    next page. Types and reasons come from all the athlete's runs, as `runs_overview` gives them
    (the baselines of pace and length are the athlete's, not the page's).
    """
    if limit < 1:
        raise InvalidInput(f"a page holds at least 1 run (got {limit})")
    timezone, runs = _stored_runs(uow, athlete_id, None, None)
    overview = _overview(timezone, runs)
    newest = sorted(
        overview.classified(), key=lambda c: (c.run.start, c.run.external_id), reverse=True
    )
    shown = [c for c in newest if before is None or c.date < before]
    older = None
    if len(shown) > limit:
        last_day = shown[limit - 1].date
        page = [c for c in shown if c.date >= last_day]
        older = last_day if len(page) < len(shown) else None
        shown = page
    return RunsPage(
        timezone, tuple(shown), older, overview.typical, len(runs), _inferred(runs, timezone)
    )


def _inferred(runs: list[Run], timezone: str) -> dict[str, RunType]:
    """The type the rules give each run the athlete marked, as if it were not marked."""
    if not any(r.marked is not None for r in runs):
        return {}
    from dataclasses import replace

    from hamcoach.domain.runs import infer_running_weeks

    plain = [replace(r, marked=None) for r in runs]
    weeks = infer_running_weeks(plain, tz=ZoneInfo(timezone))
    marked = {r.external_id for r in runs if r.marked is not None}
    return {
        c.run.external_id: c.type
        for w in weeks.values()
        for c in w.runs
        if c.run.external_id in marked
    }


def _midnight(day: dt.date, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=tz)


def overrides_from(
    inferred: dict[dt.date, InferredWeek],
    base: RunningWeek,
    *,
    plan_start: dt.date,
    weeks: int,
    horizon: dt.date,
) -> dict[int, RunningWeek]:
    """Plan week number -> running week: imported days up to `horizon`, `base` after it.

    Unlike `domain.runs.week_overrides` (which needs all seven days inferred), a plan week that
    straddles the horizon is assembled day by day: runs not imported yet are not rest days.
    """
    overrides: dict[int, RunningWeek] = {}
    for number in range(1, weeks + 1):
        start = plan_start + dt.timedelta(days=7 * (number - 1))
        days: dict[Day, tuple[RunType, ...]] = {}
        imported = False
        for offset in range(7):
            date = start + dt.timedelta(days=offset)
            day = Day.of(date)
            known = inferred.get(monday_of(date))
            if known is not None and date <= horizon:
                days[day] = known.week.runs(day)
                imported = True
            else:
                days[day] = base.runs(day)
        if imported:
            overrides[number] = RunningWeek.of(days)
    return overrides


def imported_week_overrides(
    runs_repo: RunsPort, profile: Profile, plan_start: dt.date, weeks: int
) -> dict[int, RunningWeek]:
    """The running weeks imported runs describe for the plan's weeks (empty without runs)."""
    tz = ZoneInfo(profile.timezone)
    # No upper bound: runs after the plan still tell where the imported days end (the horizon).
    runs = runs_repo.all(since=_midnight(plan_start - dt.timedelta(days=BASELINE_DAYS), tz))
    if not runs:
        return {}
    from hamcoach.domain.runs import infer_running_weeks

    inferred = infer_running_weeks(runs, tz=tz)
    horizon = max(r.start.astimezone(tz).date() for r in runs)
    if horizon < plan_start:
        return {}
    return overrides_from(
        inferred, profile.week, plan_start=plan_start, weeks=weeks, horizon=horizon
    )
