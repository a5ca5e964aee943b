"""Complete backups of one athlete: everything stored for them, and restoring it exactly.

The backup holds records, not rows: internal row numbers and row creation times are assigned anew
on restore; everything the athlete entered or imported (and the calendar secret, so a subscribed
calendar keeps working) comes back as it was.

Restoring goes into a database without athletes. `replace=True` first deletes the local athlete
(and by cascade all their data) in the same transaction, and is refused when the database holds
several athletes, where "the local athlete" would be a guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.errors import Conflict
from hamcoach.domain.profile import Profile
from hamcoach.domain.records import LoggedSet, Measurement, SessionRecord
from hamcoach.domain.runs import Run
from hamcoach.services.ports import AthleteScopePort, UnitOfWorkPort


@dataclass(frozen=True)
class AthleteBackup:
    profile: Profile
    plan_start: dt.date | None
    calendar_token: str | None
    sessions: tuple[SessionRecord, ...]
    sets: tuple[LoggedSet, ...]
    assessments: tuple[Measurement, ...]
    soreness: tuple[tuple[dt.date, int, str | None], ...]
    runs: tuple[Run, ...]

    def counts(self) -> dict[str, int]:
        return {
            "sessions": len(self.sessions),
            "sets": len(self.sets),
            "tests": len(self.assessments),
            "soreness": len(self.soreness),
            "runs": len(self.runs),
        }


def _collect(scope: AthleteScopePort) -> AthleteBackup:
    return AthleteBackup(
        profile=scope.profile.get(),
        plan_start=scope.profile.plan_start(),
        calendar_token=scope.profile.calendar_token(),
        sessions=tuple(scope.sessions.all()),
        sets=tuple(scope.sets.all()),
        assessments=tuple(scope.assessments.all()),
        soreness=tuple(scope.soreness.all()),
        runs=tuple(scope.runs.all()),
    )


def export_athlete(uow: UnitOfWorkPort, athlete_id: int) -> AthleteBackup:
    """Everything stored for the athlete, read in one transaction (a consistent snapshot)."""
    with uow:
        backup = _collect(uow.athlete(athlete_id))
        uow.commit()  # the calendar token may have been created just now
    return backup


def _describe(scope: AthleteScopePort) -> str:
    profile = scope.profile.get()
    parts = [f"{scope.sets.count()} sets", f"{scope.runs.count()} runs"]
    return f"the profile of {profile.name} ({', '.join(parts)})"


def restore_athlete(uow: UnitOfWorkPort, backup: AthleteBackup, *, replace: bool = False) -> int:
    """Store the backup as a new athlete, all or nothing; returns the athlete's id."""
    backup.profile.validate()
    with uow:
        existing = uow.athletes.ids()
        if existing and not replace:
            held = _describe(uow.athlete(existing[0]))
            raise Conflict(
                f"the database already holds {held}; restore into an empty database, "
                "or replace that profile and all its data with --replace"
            )
        if len(existing) > 1:
            raise Conflict(
                f"the database holds {len(existing)} athletes; --replace only works with one: "
                "restore into an empty database instead"
            )
        # A replaced athlete's account owns the restored one (accounts mode; None in local).
        owner = next((a.id for a in uow.accounts.users.all() if a.athlete_id in existing), None)
        for athlete_id in existing:
            uow.athlete(athlete_id).profile.delete_athlete()
        athlete_id = uow.athletes.add(backup.profile, owner=owner)
        scope = uow.athlete(athlete_id)
        if backup.plan_start is not None:
            scope.profile.set_plan_start(backup.plan_start)
        if backup.calendar_token is not None:
            scope.profile.set_calendar_token(backup.calendar_token)
        for session in backup.sessions:
            scope.sessions.restore(session)
        session_ids: dict[dt.date, int] = {}
        for logged in backup.sets:
            day = logged.session_date
            if day not in session_ids:
                session_ids[day] = scope.sessions.id_for(day)
            if not scope.sets.add(logged, session_ids[day]):
                raise Conflict(f"set id {logged.id} appears twice or is used by another athlete")
        scope.assessments.add(backup.assessments)
        for date, score, note in backup.soreness:
            scope.soreness.record(date, score, note)
        for run in backup.runs:
            if not scope.runs.add(run):
                raise Conflict(f"run {run.external_id} appears twice in the backup")
        uow.commit()
        return athlete_id
