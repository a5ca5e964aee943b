"""A ready-to-use store: engine, schema brought up to date, and units of work on demand."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from hamcoach.config import Settings
from hamcoach.storage.db import make_engine, session_factory
from hamcoach.storage.schema import HEAD_REVISION, current_revision, ensure_schema
from hamcoach.storage.uow import UnitOfWork
from hamcoach.storage.write_gate import WriteGate


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory: sessionmaker[Session] = session_factory(engine)
        self._gate = WriteGate(engine) if engine.dialect.name == "sqlite" else None
        # Reads in this process's own file, which never wait for a writer: cheap enough to run
        # where a thread-pool hop would cost more than the read.
        self.reads_in_process = self._gate is not None

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self._factory, self._gate)

    def close(self) -> None:
        self.engine.dispose()

    def schema(self) -> tuple[str | None, str]:
        """(the database's schema revision, the one this version needs): equal when ready."""
        with self.engine.connect() as conn:
            return current_revision(conn), HEAD_REVISION


def open_store(settings: Settings, *, migrate: bool = True) -> Store:
    engine = make_engine(settings)
    if migrate:
        ensure_schema(engine)
    return Store(engine)
