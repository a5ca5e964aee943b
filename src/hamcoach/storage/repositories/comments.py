"""One athlete's session comments, oldest first in a thread."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from hamcoach.domain.comments import Comment
from hamcoach.storage.tables import SessionCommentRow

_COLUMNS = (
    SessionCommentRow.id,
    SessionCommentRow.date,
    SessionCommentRow.author_id,
    SessionCommentRow.body,
    SessionCommentRow.created_at,
)


def _comment(values: Row[*tuple[Any, ...]]) -> Comment:
    return Comment(*values)


class CommentRepository:
    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self._athlete_id = athlete_id

    def add(self, date: dt.date, author_id: int, body: str, at: dt.datetime) -> int:
        row = SessionCommentRow(
            athlete_id=self._athlete_id, date=date, author_id=author_id, body=body, created_at=at
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def on(self, dates: list[dt.date]) -> list[Comment]:
        """The comments on these days' sessions, by day, each thread oldest first."""
        if not dates:
            return []
        rows = self._s.execute(
            select(*_COLUMNS)
            .where(
                SessionCommentRow.athlete_id == self._athlete_id,
                SessionCommentRow.date.in_(dates),
            )
            .order_by(SessionCommentRow.date, SessionCommentRow.created_at, SessionCommentRow.id)
        )
        return [_comment(r) for r in rows]
