"""Editing and deleting logged sets (history page), and listing sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from hamcoach.domain.errors import Conflict, NotFound
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.profile import Units
from hamcoach.domain.records import LoggedSet
from hamcoach.domain.set_rules import SetInput, check_logged, check_set
from hamcoach.domain.values import check_uuid
from hamcoach.services.ports import AthleteScopePort, UnitOfWorkPort


class KeepNote:
    """The note is not part of this edit."""


KEEP_NOTE = KeepNote()


def _found(scope: AthleteScopePort, set_id: str) -> LoggedSet:
    found = scope.sets.get(set_id)
    if found is None:
        raise NotFound(f"no set {set_id}")
    return found


def edit_set(
    uow: UnitOfWorkPort,
    athlete_id: int,
    set_id: str,
    reps: int,
    load: float | None,
    note: str | KeepNote | None,
    today: dt.date,
) -> LoggedSet:
    """Correct what was done; the prescription and the time stay as they were.

    `note=KEEP_NOTE` leaves the note as it is (the history page edits reps and load only)."""
    set_id = check_uuid(set_id, "set id")
    with uow:
        scope = uow.athlete(athlete_id)
        found = _found(scope, set_id)
        if isinstance(note, KeepNote):
            note = found.note
        # In the set's own unit: a set logged before a switch of units keeps kg or lb.
        check_set(
            SetInput(found.exercise, reps, load, found.variant, found.side, found.rir, None, note),
            CATALOGUE,
            Units(found.unit),
            today,
        )
        scope.sets.update(set_id, reps, load, note)
        uow.commit()
        updated = scope.sets.get(set_id)
        assert updated is not None
        return updated


def delete_set(uow: UnitOfWorkPort, athlete_id: int, set_id: str) -> LoggedSet:
    """Delete and hand back the set, so the caller can offer an undo (re-send it by id)."""
    set_id = check_uuid(set_id, "set id")
    with uow:
        scope = uow.athlete(athlete_id)
        found = _found(scope, set_id)
        scope.sets.delete(set_id)
        uow.commit()
        return found


def restore_set(
    uow: UnitOfWorkPort, athlete_id: int, record: LoggedSet, today: dt.date
) -> LoggedSet:
    """Put a deleted set back exactly as it was (undo): same id, number, targets and time.

    Every field passes the rules of a logged set, in the set's own unit."""
    record = replace(record, id=check_uuid(record.id, "set id"))
    with uow:
        scope = uow.athlete(athlete_id)
        # Checked even when the id is stored: a known id does not make any content acceptable.
        # The set's own unit: a set logged before a switch of units keeps its kg or lb (the
        # history and reports convert), and undoing its delete must bring it back as it was.
        check_logged(record, CATALOGUE, today)
        owner = scope.sets.owner_of(record.id)
        if owner is not None and owner != athlete_id:
            raise Conflict(f"set id {record.id} is already in use")
        if owner is None:
            scope.sets.add(record, scope.sessions.id_for(record.session_date))
            uow.commit()
        restored = scope.sets.get(record.id)
        assert restored is not None
        return restored


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
    before: dt.date | None = None,
    exercise: str | None = None,
) -> tuple[list[SessionSummary], dt.date | None]:
    """Newest sessions first, whole sessions only, a page at a time; with `exercise`, the
    sessions that hold it, with its sets only.

    Returns the page and the cursor for the next one (sessions before that date), or None.
    """
    with uow:
        scope = uow.athlete(athlete_id)
        days = scope.sessions.dates_with_sets(before, limit + 1, exercise)
        more = len(days) > limit
        days = days[:limit]
        if not days:
            return [], None
        sets = scope.sets.all(exercise=exercise, since=days[-1], until=days[0])
        records = {r.date: r for r in scope.sessions.all(since=days[-1])}
    by_day: dict[dt.date, list[LoggedSet]] = {}
    for s in sets:
        by_day.setdefault(s.session_date, []).append(s)
    out = []
    for day in days:
        rec = records.get(day)
        out.append(
            SessionSummary(
                day,
                rec.finished_at if rec else None,
                rec.note if rec else None,
                tuple(by_day.get(day, ())),
            )
        )
    return out, days[-1] if more else None
