"""The roster's stored rows and unread-comment counts, read for a whole roster at once.

Reached as `uow.coaching.roster`; the roster service asks only for athletes linked to the coach
(it reads the links first), as with every other coaching read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from hamcoach.domain.roster import Row, Stored
from hamcoach.storage import roster_codec
from hamcoach.storage.tables import AthleteRow, CoachLinkRow, RosterRowRow, SessionCommentRow

# Who the athlete is, their revision, and the revision and day of their stored row.
_WHO = (
    AthleteRow.id,
    AthleteRow.name,
    AthleteRow.units,
    AthleteRow.timezone,
    AthleteRow.revision,
    RosterRowRow.revision,
    RosterRowRow.computed_on,
)


class RosterRowRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def read(self, athlete_ids: Sequence[int]) -> dict[int, Stored]:
        """Each athlete's name, unit, zone and revision, with their stored row if any: one
        statement for the whole roster."""
        if not athlete_ids:
            return {}
        return {s.athlete_id: s for s in self._stored(AthleteRow.id.in_(athlete_ids))}

    def linked(self) -> list[Stored]:
        """Every athlete with a live coach link, with their stored row: what the background
        refresh looks through (a body this version cannot read holds for no revision)."""
        live = select(CoachLinkRow.athlete_id).where(CoachLinkRow.ended_at.is_(None))
        return self._stored(AthleteRow.id.in_(live))

    def _stored(self, which: ColumnElement[bool]) -> list[Stored]:
        rows = self._s.execute(
            select(*_WHO, RosterRowRow.body)
            .outerjoin(RosterRowRow, RosterRowRow.athlete_id == AthleteRow.id)
            .where(which)
            .order_by(AthleteRow.id)
        )
        found = []
        for athlete, name, unit, zone, revision, row_revision, day, body in rows:
            row = None if body is None else roster_codec.decode(body)
            found.append(
                Stored(athlete, name, unit, zone, revision, row, row_revision if row else None, day)
            )
        return found

    def claim_refresh(self) -> bool:
        """Whether this transaction may refresh stored rows: on PostgreSQL one worker at a time
        (an advisory lock held to the end of the transaction; the others skip this round)."""
        if self._s.get_bind().dialect.name != "postgresql":
            return True
        return bool(self._s.scalar(text("SELECT pg_try_advisory_xact_lock(724312)")))

    def put(self, athlete_id: int, revision: int, computed_on: dt.date, row: Row) -> None:
        """Keep the row computed at `revision` for the athlete's local day `computed_on`."""
        values = {
            "athlete_id": athlete_id,
            "revision": revision,
            "computed_on": computed_on,
            "body": roster_codec.encode(row),
        }
        dialect = self._s.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(RosterRowRow).values(**values)
        # Two readers computing the same row at once: the last one wins, either is right for
        # the revision it names (an older one is recomputed at the next read).
        self._s.execute(
            statement.on_conflict_do_update(
                index_elements=[RosterRowRow.athlete_id],
                set_={k: statement.excluded[k] for k in ("revision", "computed_on", "body")},
            )
        )

    def unread(self, coach_id: int, athlete_ids: Sequence[int] | None = None) -> dict[int, int]:
        """Per athlete linked to the coach (or those of `athlete_ids`): comments by anyone else
        the coach has not read."""
        which = CoachLinkRow.coach_id == coach_id
        if athlete_ids is not None:
            which = which & CoachLinkRow.athlete_id.in_(athlete_ids)
        rows = self._s.execute(
            select(CoachLinkRow.athlete_id, func.count(SessionCommentRow.id))
            .join(SessionCommentRow, SessionCommentRow.athlete_id == CoachLinkRow.athlete_id)
            .where(
                which,
                CoachLinkRow.ended_at.is_(None),
                (SessionCommentRow.author_id != coach_id) | SessionCommentRow.author_id.is_(None),
                CoachLinkRow.comments_seen_at.is_(None)
                | (SessionCommentRow.created_at > CoachLinkRow.comments_seen_at),
            )
            .group_by(CoachLinkRow.athlete_id)
        )
        return {athlete: int(n) for athlete, n in rows}
