"""A ready-to-use store: engine, schema brought up to date, and units of work on demand."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from hamcoach.config import Settings
from hamcoach.storage.db import make_engine, session_factory
from hamcoach.storage.schema import ensure_schema
from hamcoach.storage.uow import UnitOfWork


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory: sessionmaker[Session] = session_factory(engine)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self._factory)

    def close(self) -> None:
        self.engine.dispose()


def open_store(settings: Settings, *, migrate: bool = True) -> Store:
    engine = make_engine(settings)
    if migrate:
        ensure_schema(engine)
    return Store(engine)
