"""Helpers the repositories share: prebuilt statements run below the ORM, conflict-free inserts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CursorResult
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

from hamcoach.storage import rows as sqlrows
from hamcoach.storage.tables import SessionRow, SetRow


def core(
    session: Session,
    statement: Executable,
    params: dict[str, object] | list[dict[str, object]],
) -> CursorResult[Any]:
    """Run a prebuilt statement on the session's connection, skipping the ORM layer: the
    set-logging hot path spends less than half the time this way."""
    return session.connection().execute(statement, params)


def insert_ignoring_conflicts(
    session: Session, table: type[SessionRow] | type[SetRow], values: dict[str, object]
) -> bool:
    """INSERT that does nothing on a key clash, so concurrent writers never fail.

    Returns whether a row was inserted.
    """
    dialect = session.get_bind().dialect.name
    statement = sqlrows.insert_ignoring_conflicts(table, dialect)
    return core(session, statement, values).first() is not None
