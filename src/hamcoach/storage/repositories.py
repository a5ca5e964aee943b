"""Repositories: every query is scoped by the athlete it serves.

Authorization lives here, as a property of the storage API: an `AthleteScope` can only ever
see and change its own athlete's rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

from hamcoach.domain.errors import NotFound
from hamcoach.domain.profile import Profile
from hamcoach.domain.records import LoggedSet, SessionRecord, StrengthValue
from hamcoach.storage import rows as sqlrows
from hamcoach.storage.tables import (
    AthleteRow,
    PlanStateRow,
    RunRow,
    SessionRow,
    SetRow,
    SorenessRow,
    StrengthTestRow,
    new_calendar_token,
)

if TYPE_CHECKING:  # imported where used: keeps `statistics` off the CLI's start-up path
    from hamcoach.domain.runs import Run


class Athletes:
    """Finding athletes; the only repository not scoped to one athlete."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def first_id(self) -> int | None:
        return self._s.scalar(select(AthleteRow.id).order_by(AthleteRow.id).limit(1))

    def add(self, profile: Profile) -> int:
        row = AthleteRow()
        sqlrows.fill_row(row, profile)
        self._s.add(row)
        self._s.flush()
        return row.id

    def ids(self) -> list[int]:
        return list(self._s.scalars(select(AthleteRow.id).order_by(AthleteRow.id)))

    def by_calendar_token(self, token: str) -> int | None:
        """The athlete whose calendar URL holds this secret (the token is the authorization)."""
        if not token:
            return None
        return self._s.scalar(select(AthleteRow.id).where(AthleteRow.calendar_token == token))


class AthleteScope:
    """Everything stored for one athlete."""

    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self.athlete_id = athlete_id

    # profile and plan state
    def _athlete(self) -> AthleteRow:
        row = self._s.get(AthleteRow, self.athlete_id)
        if row is None:
            raise NotFound("no profile yet: run `hamcoach init` first")
        return row

    def profile(self) -> Profile:
        return sqlrows.profile_from_row(self._athlete())

    def save_profile(self, profile: Profile) -> None:
        sqlrows.fill_row(self._athlete(), profile)

    def plan_start(self) -> dt.date | None:
        row = self._s.get(PlanStateRow, self.athlete_id)
        return None if row is None else row.start

    def set_plan_start(self, start: dt.date) -> None:
        row = self._s.get(PlanStateRow, self.athlete_id)
        if row is None:
            self._s.add(PlanStateRow(athlete_id=self.athlete_id, start=start))
        else:
            row.start = start

    # sessions and sets
    def _insert(self, table: type[SessionRow] | type[SetRow], values: dict[str, object]) -> bool:
        """INSERT that does nothing on a key clash, so concurrent writers never fail.

        Returns whether a row was inserted.
        """
        dialect = self._s.get_bind().dialect.name
        statement = sqlrows.insert_ignoring_conflicts(table, dialect)
        return self._core(statement, values).first() is not None

    def _core(self, statement: Executable, params: dict[str, object]) -> CursorResult[Any]:
        """Run a prebuilt statement on the session's connection, skipping the ORM layer: the
        set-logging hot path spends less than half the time this way."""
        return self._s.connection().execute(statement, params)

    def session_id_for(self, date: dt.date) -> int:
        """The session of that date, created on first use (safe under concurrent requests)."""
        params = {"athlete_id": self.athlete_id, "date": date}
        found = self._core(sqlrows.SESSION_ID, params).scalar()
        if found is not None:
            return int(found)
        self._insert(SessionRow, {"athlete_id": self.athlete_id, "date": date})
        return int(self._core(sqlrows.SESSION_ID, params).scalar_one())

    def finish_session(self, date: dt.date, at: dt.datetime, note: str | None) -> bool:
        row = self._s.scalar(
            select(SessionRow).where(
                SessionRow.athlete_id == self.athlete_id, SessionRow.date == date
            )
        )
        if row is None:
            return False
        row.finished_at = at
        if note:
            row.note = note
        return True

    def sessions(self, since: dt.date | None = None) -> list[SessionRecord]:
        query = select(SessionRow).where(SessionRow.athlete_id == self.athlete_id)
        if since is not None:
            query = query.where(SessionRow.date >= since)
        rows = self._s.scalars(query.order_by(SessionRow.date))
        return [SessionRecord(r.date, r.finished_at, r.note) for r in rows]

    def session_dates(self, before: dt.date | None, limit: int) -> list[dt.date]:
        """Dates of sessions that have sets, newest first (a page of the history)."""
        has_sets = select(SetRow.id).where(SetRow.session_id == SessionRow.id).exists()
        query = select(SessionRow.date).where(SessionRow.athlete_id == self.athlete_id, has_sets)
        if before is not None:
            query = query.where(SessionRow.date < before)
        return list(self._s.scalars(query.order_by(SessionRow.date.desc()).limit(limit)))

    def get_set(self, set_id: str) -> LoggedSet | None:
        row = self._s.execute(
            select(SetRow, SessionRow.date)
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(SetRow.id == set_id, SetRow.athlete_id == self.athlete_id)
        ).first()
        return None if row is None else sqlrows.set_from_row(row[0], row[1])

    def first_in_session(
        self, session_id: int, exercise: str, side: str | None
    ) -> LoggedSet | None:
        """The first set of an exercise (and side) in a session: it fixed the session's targets.

        Sessions belong to one athlete, so the session id scopes the query.
        """
        statement = (
            sqlrows.FIRST_IN_SESSION_SIDE if side is not None else sqlrows.FIRST_IN_SESSION_BOTH
        )
        params = {"session_id": session_id, "exercise": exercise, "side": side}
        row = self._core(statement, params).first()
        return None if row is None else LoggedSet(*tuple(row))

    def last_set_number(self, session_id: int, exercise: str, side: str | None) -> int:
        statement = sqlrows.LAST_NUMBER_SIDE if side is not None else sqlrows.LAST_NUMBER_BOTH
        params = {"session_id": session_id, "exercise": exercise, "side": side}
        return int(self._core(statement, params).scalar() or 0)

    def set_owner(self, set_id: str) -> int | None:
        """Which athlete a set id belongs to (any athlete: ids are global), or None."""
        owner: int | None = self._core(sqlrows.SET_OWNER, {"set_id": set_id}).scalar()
        return owner

    def add_set(self, record: LoggedSet, session_id: int) -> bool:
        """Insert the set; False when its id is already stored (a retry that raced the first)."""
        return self._insert(
            SetRow,
            {
                "id": record.id,
                "athlete_id": self.athlete_id,
                "session_id": session_id,
                "exercise": record.exercise,
                "variant": record.variant,
                "stance": record.stance,
                "side": record.side,
                "set_number": record.set_number,
                "target_reps_min": record.target_reps_min,
                "target_reps_max": record.target_reps_max,
                "target_load": record.target_load,
                "reps": record.reps,
                "load": record.load,
                "unit": record.unit,
                "rir": record.rir,
                "performed_at": record.performed_at,
                "note": record.note,
                "created_at": dt.datetime.now(dt.UTC),
            },
        )

    def delete_set(self, set_id: str) -> bool:
        result = self._s.execute(
            delete(SetRow).where(SetRow.id == set_id, SetRow.athlete_id == self.athlete_id)
        )
        return bool(getattr(result, "rowcount", 0))

    def update_set(self, set_id: str, reps: int, load: float | None, note: str | None) -> bool:
        row = self._s.scalar(
            select(SetRow).where(SetRow.id == set_id, SetRow.athlete_id == self.athlete_id)
        )
        if row is None:
            return False
        row.reps, row.load, row.note = reps, load, note
        return True

    def sets(
        self,
        exercise: str | None = None,
        since: dt.date | None = None,
        limit: int | None = None,
        before: tuple[dt.datetime, str] | None = None,
        newest_first: bool = False,
        until: dt.date | None = None,
    ) -> list[LoggedSet]:
        """Sets in the order performed (ties broken by set number), optionally a page of them.

        Plain columns, not ORM entities: reports read tens of thousands of sets and building
        mapped instances would cost more than the query.
        """
        query = (
            select(*sqlrows.SET_COLUMNS, SessionRow.date, SetRow.note)
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(SetRow.athlete_id == self.athlete_id)
        )
        if exercise is not None:
            query = query.where(SetRow.exercise == exercise)
        if since is not None:
            # The time bound lets the (athlete, performed_at) index do the work; the local date
            # of a set can be a day off its UTC time, hence the margin.
            margin_day = max(since, dt.date(1900, 1, 2)) - dt.timedelta(days=1)
            margin = dt.datetime.combine(margin_day, dt.time(), dt.UTC)
            query = query.where(SetRow.performed_at >= margin, SessionRow.date >= since)
        if until is not None:
            query = query.where(SessionRow.date <= until)
        if before is not None:
            query = query.where(
                (SetRow.performed_at < before[0])
                | ((SetRow.performed_at == before[0]) & (SetRow.id < before[1]))
            )
        order = (
            (SetRow.performed_at.desc(), SetRow.id.desc())
            if newest_first
            else (SetRow.performed_at, SetRow.set_number, SetRow.id)
        )
        query = query.order_by(*order)
        if limit is not None:
            query = query.limit(limit)
        return [LoggedSet(*tuple(r)) for r in self._s.execute(query)]

    def count_sets(self) -> int:
        return int(
            self._s.scalar(
                select(func.count()).select_from(SetRow).where(SetRow.athlete_id == self.athlete_id)
            )
            or 0
        )

    # strength tests and soreness
    def add_test_values(self, values: Sequence[StrengthValue]) -> None:
        for v in values:
            self._s.add(
                StrengthTestRow(
                    athlete_id=self.athlete_id,
                    group_id=v.group_id,
                    kind=v.kind,
                    side=v.side,
                    exercise=v.exercise,
                    value=v.value,
                    unit=v.unit,
                    velocity_deg_s=v.velocity_deg_s,
                    tested_on=v.tested_on,
                )
            )

    def test_values(self, kind: str | None = None) -> list[StrengthValue]:
        query = select(StrengthTestRow).where(StrengthTestRow.athlete_id == self.athlete_id)
        if kind is not None:
            query = query.where(StrengthTestRow.kind == kind)
        rows = self._s.scalars(query.order_by(StrengthTestRow.tested_on, StrengthTestRow.id))
        return [
            StrengthValue(
                r.group_id,
                r.kind,
                r.side,
                r.exercise,
                r.value,
                r.unit,
                r.velocity_deg_s,
                r.tested_on,
            )
            for r in rows
        ]

    def set_soreness(self, date: dt.date, score: int, note: str | None) -> None:
        row = self._s.scalar(
            select(SorenessRow).where(
                SorenessRow.athlete_id == self.athlete_id, SorenessRow.date == date
            )
        )
        if row is None:
            self._s.add(SorenessRow(athlete_id=self.athlete_id, date=date, score=score, note=note))
        else:
            row.score, row.note = score, note

    def soreness(self) -> list[tuple[dt.date, int, str | None]]:
        rows = self._s.scalars(
            select(SorenessRow)
            .where(SorenessRow.athlete_id == self.athlete_id)
            .order_by(SorenessRow.date)
        )
        return [(r.date, r.score, r.note) for r in rows]

    # imported runs (issue 5)
    def runs(self, since: dt.datetime | None = None, until: dt.datetime | None = None) -> list[Run]:
        """Runs starting in [since, until), oldest first."""
        query = select(RunRow).where(RunRow.athlete_id == self.athlete_id)
        if since is not None:
            query = query.where(RunRow.start >= since)
        if until is not None:
            query = query.where(RunRow.start < until)
        rows = self._s.scalars(query.order_by(RunRow.start, RunRow.external_id)).all()
        if not rows:
            return []  # spares importing domain.runs (and statistics) on every CLI start
        from hamcoach.domain.runs import Run

        return [
            Run(
                start=r.start,
                duration_s=r.duration_s,
                distance_m=r.distance_m,
                title=r.title,
                avg_hr=r.avg_hr,
                source=r.source,
                external_id=r.external_id,
            )
            for r in rows
        ]

    def known_run_ids(self, external_ids: Collection[str]) -> set[str]:
        """Which of these external ids are already stored for this athlete."""
        wanted = sorted(set(external_ids))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):  # bounded IN lists for both databases
            found.update(
                self._s.scalars(
                    select(RunRow.external_id).where(
                        RunRow.athlete_id == self.athlete_id,
                        RunRow.external_id.in_(wanted[i : i + 500]),
                    )
                )
            )
        return found

    def add_run(self, run: Run) -> bool:
        """Insert the run; False when its external id is already stored for this athlete.

        ON CONFLICT DO NOTHING: two uploads of one file at once store it once, neither fails.
        """
        values = {
            "athlete_id": self.athlete_id,
            "start": run.start,
            "duration_s": run.duration_s,
            "distance_m": run.distance_m,
            "title": run.title,
            "avg_hr": run.avg_hr,
            "source": run.source,
            "external_id": run.external_id,
            "imported_at": dt.datetime.now(dt.UTC),
        }
        # RETURNING, not rowcount: psycopg reports rowcount -1 for inserts that return the key.
        if self._s.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            pg = pg_insert(RunRow).values(**values).on_conflict_do_nothing()
            return self._s.execute(pg.returning(RunRow.id)).first() is not None
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        lite = sqlite_insert(RunRow).values(**values).on_conflict_do_nothing()
        return self._s.execute(lite.returning(RunRow.id)).first() is not None

    def count_runs(self) -> int:
        return int(
            self._s.scalar(
                select(func.count()).select_from(RunRow).where(RunRow.athlete_id == self.athlete_id)
            )
            or 0
        )

    # calendar feed secret, and restoring a backup
    def calendar_token(self) -> str:
        """The secret of the calendar URL, created on first use (needs a commit then)."""
        row = self._athlete()
        if row.calendar_token is None:
            row.calendar_token = new_calendar_token()
        return row.calendar_token

    def set_calendar_token(self, token: str) -> None:
        self._athlete().calendar_token = token

    def restore_session(self, record: SessionRecord) -> None:
        """A session exactly as recorded (finish time and note, even empty ones)."""
        session_id = self.session_id_for(record.date)
        row = self._s.get(SessionRow, session_id)
        assert row is not None
        row.finished_at, row.note = record.finished_at, record.note

    def delete_athlete(self) -> None:
        """Remove the athlete and, by cascade, everything stored for them."""
        self._s.execute(delete(AthleteRow).where(AthleteRow.id == self.athlete_id))
        self._s.expire_all()
