"""Helpers the repositories share: prebuilt statements run below the ORM, conflict-free inserts."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

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


def insert_sets(session: Session, values: list[dict[str, object]]) -> set[str]:
    """Insert set rows (`rows.set_values`) in one statement; the ids that went in (an id
    already stored, a retry that raced the first, is skipped)."""
    if not values:
        return set()
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        columns: dict[str, object] = {name: [v[name] for v in values] for name in values[0]}
        rows = core(session, sqlrows.insert_sets_as_columns(), columns)
    else:
        rows = core(session, sqlrows.insert_ignoring_conflicts(SetRow, dialect), values)
    return {str(set_id) for (set_id,) in rows}


P = ParamSpec("P")
T = TypeVar("T")
S = TypeVar("S", bound="_Scoped")
TOUCHED = "hamcoach.touched"  # Session.info key: athletes whose training data this unit wrote


class _Scoped(Protocol):
    _s: Session
    _athlete_id: int


def writes(method: Callable[Concatenate[S, P], T]) -> Callable[Concatenate[S, P], T]:
    """Mark a repository method that changes the athlete's training data: the unit of work
    then bumps the athlete's revision when it commits, and their stored roster row is stale.
    `tests/storage/test_roster_rows.py` fails for a writing method without this mark."""

    @functools.wraps(method)
    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> T:
        self._s.info.setdefault(TOUCHED, set()).add(self._athlete_id)
        return method(self, *args, **kwargs)

    wrapper.writes = True  # type: ignore[attr-defined]
    return wrapper
