"""Editing and deleting logged sets (history page), and listing sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.errors import NotFound
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.records import LoggedSet
from hamcoach.domain.set_rules import SetInput, check_set
from hamcoach.services.ports import UnitOfWorkPort


def edit_set(
    uow: UnitOfWorkPort,
    athlete_id: int,
    set_id: str,
    reps: int,
    load: float | None,
    note: str | None,
    today: dt.date,
) -> LoggedSet:
    """Correct what was done; the prescription and the time stay as they were."""
    with uow:
        scope = uow.athlete(athlete_id)
        found = scope.get_set(set_id)
        if found is None:
            raise NotFound(f"no set {set_id}")
        profile = scope.profile()
        check_set(
            SetInput(found.exercise, reps, load, found.variant, found.side, found.rir, None, note),
            CATALOGUE,
            profile.units,
            today,
        )
        scope.update_set(set_id, reps, load, note)
        uow.commit()
        updated = scope.get_set(set_id)
        assert updated is not None
        return updated


def delete_set(uow: UnitOfWorkPort, athlete_id: int, set_id: str) -> LoggedSet:
    """Delete and hand back the set, so the caller can offer an undo (re-send it by id)."""
    with uow:
        scope = uow.athlete(athlete_id)
        found = scope.get_set(set_id)
        if found is None:
            raise NotFound(f"no set {set_id}")
        scope.delete_set(set_id)
        uow.commit()
        return found


@dataclass(frozen=True)
class SessionSummary:
    date: dt.date
    finished_at: dt.datetime | None
    note: str | None
    sets: tuple[LoggedSet, ...]


def sessions_with_sets(
    uow: UnitOfWorkPort,
    athlete_id: int,
    *,
    limit: int = 20,
    before: tuple[dt.datetime, str] | None = None,
) -> tuple[list[SessionSummary], tuple[dt.datetime, str] | None]:
    """Newest sessions first, a page at a time; returns the cursor for the next page."""
    with uow:
        scope = uow.athlete(athlete_id)
        page = scope.sets(limit=limit * 12, before=before, newest_first=True)
        by_day: dict[dt.date, list[LoggedSet]] = {}
        for s in page:
            by_day.setdefault(s.session_date, []).append(s)
        days = list(by_day)[:limit]
        kept = [s for d in days for s in by_day[d]]
        cursor = (kept[-1].performed_at, kept[-1].id) if len(page) == limit * 12 and kept else None
        if len(days) < len(by_day):
            cursor = (kept[-1].performed_at, kept[-1].id)
        records = {r.date: r for r in scope.sessions(since=min(days) if days else None)}
    out = []
    for day in days:
        rec = records.get(day)
        out.append(
            SessionSummary(
                day,
                rec.finished_at if rec else None,
                rec.note if rec else None,
                tuple(reversed(by_day[day])),
            )
        )
    return out, cursor
