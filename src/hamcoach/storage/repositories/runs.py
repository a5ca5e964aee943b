"""Imported runs (issue 5): stored once per athlete and external id."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from hamcoach.storage.repositories._sql import writes
from hamcoach.storage.tables import RunRow

if TYPE_CHECKING:  # imported where used: keeps `statistics` off the CLI's start-up path
    from hamcoach.domain.model import RunType
    from hamcoach.domain.runs import Run


class RunRepository:
    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self._athlete_id = athlete_id

    def all(self, since: dt.datetime | None = None, until: dt.datetime | None = None) -> list[Run]:
        """Runs starting in [since, until), oldest first."""
        query = select(RunRow).where(RunRow.athlete_id == self._athlete_id)
        if since is not None:
            query = query.where(RunRow.start >= since)
        if until is not None:
            query = query.where(RunRow.start < until)
        rows = self._s.scalars(query.order_by(RunRow.start, RunRow.external_id)).all()
        if not rows:
            return []  # spares importing domain.runs (and statistics) on every CLI start
        from hamcoach.domain.model import RunType
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
                marked=None if r.marked is None else RunType(r.marked),
            )
            for r in rows
        ]

    def known_ids(self, external_ids: Collection[str]) -> set[str]:
        """Which of these external ids are already stored for this athlete."""
        wanted = sorted(set(external_ids))
        found: set[str] = set()
        for i in range(0, len(wanted), 500):  # bounded IN lists for both databases
            found.update(
                self._s.scalars(
                    select(RunRow.external_id).where(
                        RunRow.athlete_id == self._athlete_id,
                        RunRow.external_id.in_(wanted[i : i + 500]),
                    )
                )
            )
        return found

    @writes
    def add(self, run: Run) -> bool:
        """Insert the run; False when its external id is already stored for this athlete.

        ON CONFLICT DO NOTHING: two uploads of one file at once store it once, neither fails.
        """
        values = {
            "athlete_id": self._athlete_id,
            "start": run.start,
            "duration_s": run.duration_s,
            "distance_m": run.distance_m,
            "title": run.title,
            "avg_hr": run.avg_hr,
            "source": run.source,
            "external_id": run.external_id,
            "marked": None if run.marked is None else run.marked.value,
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

    @writes
    def mark(self, external_id: str, marked: RunType | None) -> bool:
        """Set the type the athlete gave a run (None: back to the inferred type); False when
        the athlete has no run with that id."""
        result = self._s.execute(
            update(RunRow)
            .where(RunRow.athlete_id == self._athlete_id, RunRow.external_id == external_id)
            .values(marked=None if marked is None else marked.value)
        )
        return bool(getattr(result, "rowcount", 0))

    def count(self) -> int:
        return int(
            self._s.scalar(
                select(func.count())
                .select_from(RunRow)
                .where(RunRow.athlete_id == self._athlete_id)
            )
            or 0
        )
