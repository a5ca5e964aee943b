"""Repositories: every query is scoped by the athlete it serves.

Authorization lives here, as a property of the storage API: an `AthleteScope` can only ever
see and change its own athlete's rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from hamcoach.domain.errors import NotFound
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.records import LoggedSet, SessionRecord, StrengthValue
from hamcoach.storage.tables import (
    AthleteRow,
    PlanStateRow,
    SessionRow,
    SetRow,
    SorenessRow,
    StrengthTestRow,
)


def profile_from_row(row: AthleteRow) -> Profile:
    return Profile(
        name=row.name,
        units=Units(row.units),
        body_mass=row.body_mass,
        increment=row.increment,
        increase_pct=row.increase_pct,
        equipment=frozenset(e for e in row.equipment.split(",") if e),
        week=RunningWeek.parse(row.running_week),
        sessions=row.sessions_per_week,
        per_session=row.per_session,
        nordic_experienced=row.nordic_experienced,
        race_dates=tuple(dt.date.fromisoformat(d) for d in row.race_dates.split(",") if d),
        keep_rest_days=row.keep_rest_days,
        rest_s=row.rest_s,
        timezone=row.timezone,
    )


def fill_row(row: AthleteRow, p: Profile) -> None:
    row.name = p.name
    row.units = p.units.value
    row.body_mass = p.body_mass
    row.increment = p.increment
    row.increase_pct = p.increase_pct
    row.equipment = ",".join(sorted(p.equipment))
    row.running_week = p.week.to_text()
    row.sessions_per_week = p.sessions
    row.per_session = p.per_session
    row.nordic_experienced = p.nordic_experienced
    row.race_dates = ",".join(d.isoformat() for d in sorted(p.race_dates))
    row.keep_rest_days = p.keep_rest_days
    row.rest_s = p.rest_s
    row.timezone = p.timezone


def set_from_row(row: SetRow, session_date: dt.date) -> LoggedSet:
    return LoggedSet(
        id=row.id,
        exercise=row.exercise,
        variant=row.variant,
        stance=row.stance,
        side=row.side,
        set_number=row.set_number,
        target_reps_min=row.target_reps_min,
        target_reps_max=row.target_reps_max,
        target_load=row.target_load,
        reps=row.reps,
        load=row.load,
        unit=row.unit,
        rir=row.rir,
        performed_at=row.performed_at,
        session_date=session_date,
        note=row.note,
    )


class Athletes:
    """Finding athletes; the only repository not scoped to one athlete."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def first_id(self) -> int | None:
        return self._s.scalar(select(AthleteRow.id).order_by(AthleteRow.id).limit(1))

    def add(self, profile: Profile) -> int:
        row = AthleteRow()
        fill_row(row, profile)
        self._s.add(row)
        self._s.flush()
        return row.id

    def ids(self) -> list[int]:
        return list(self._s.scalars(select(AthleteRow.id).order_by(AthleteRow.id)))


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
        return profile_from_row(self._athlete())

    def save_profile(self, profile: Profile) -> None:
        fill_row(self._athlete(), profile)

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
    def session_id_for(self, date: dt.date) -> int:
        """The session of that date, created on first use."""
        found = self._s.scalar(
            select(SessionRow.id).where(
                SessionRow.athlete_id == self.athlete_id, SessionRow.date == date
            )
        )
        if found is not None:
            return found
        row = SessionRow(athlete_id=self.athlete_id, date=date)
        self._s.add(row)
        self._s.flush()
        return row.id

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

    def get_set(self, set_id: str) -> LoggedSet | None:
        row = self._s.execute(
            select(SetRow, SessionRow.date)
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(SetRow.id == set_id, SetRow.athlete_id == self.athlete_id)
        ).first()
        return None if row is None else set_from_row(row[0], row[1])

    def first_set_in_session(self, session_id: int, exercise: str) -> LoggedSet | None:
        row = self._s.execute(
            select(SetRow, SessionRow.date)
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(
                SetRow.session_id == session_id,
                SetRow.exercise == exercise,
                SetRow.athlete_id == self.athlete_id,
            )
            .order_by(SetRow.performed_at, SetRow.id)
            .limit(1)
        ).first()
        return None if row is None else set_from_row(row[0], row[1])

    def set_id_taken_by_other(self, set_id: str) -> bool:
        """A UUID already used by another athlete: refuse rather than leak or overwrite."""
        owner = self._s.scalar(select(SetRow.athlete_id).where(SetRow.id == set_id))
        return owner is not None and owner != self.athlete_id

    def next_set_number(self, session_id: int, exercise: str, side: str | None) -> int:
        count = self._s.scalar(
            select(func.count())
            .select_from(SetRow)
            .where(
                SetRow.session_id == session_id,
                SetRow.exercise == exercise,
                SetRow.side.is_(None) if side is None else SetRow.side == side,
            )
        )
        return int(count or 0) + 1

    def add_set(self, record: LoggedSet, session_id: int) -> None:
        self._s.add(
            SetRow(
                id=record.id,
                athlete_id=self.athlete_id,
                session_id=session_id,
                exercise=record.exercise,
                variant=record.variant,
                stance=record.stance,
                side=record.side,
                set_number=record.set_number,
                target_reps_min=record.target_reps_min,
                target_reps_max=record.target_reps_max,
                target_load=record.target_load,
                reps=record.reps,
                load=record.load,
                unit=record.unit,
                rir=record.rir,
                performed_at=record.performed_at,
                note=record.note,
            )
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
    ) -> list[LoggedSet]:
        """Sets in the order performed (ties broken by set number), optionally a page of them."""
        query = (
            select(SetRow, SessionRow.date)
            .join(SessionRow, SessionRow.id == SetRow.session_id)
            .where(SetRow.athlete_id == self.athlete_id)
        )
        if exercise is not None:
            query = query.where(SetRow.exercise == exercise)
        if since is not None:
            query = query.where(SessionRow.date >= since)
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
        return [set_from_row(r[0], r[1]) for r in self._s.execute(query)]

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
