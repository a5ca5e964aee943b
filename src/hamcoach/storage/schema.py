"""Bring a database to the current schema on start, importing Alembic only when needed.

Checking the stored revision with one query keeps `hamcoach today` fast; Alembic (slow to
import) runs only when a migration is actually pending.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from hamcoach.domain.errors import DatabaseUnavailable

# Bump with every new migration; a test checks it equals Alembic's head.
HEAD_REVISION = "0015"
MIGRATIONS = Path(__file__).parent / "migrations"


def current_revision(conn: Connection) -> str | None:
    # One plain query instead of an Inspector: this runs on every CLI start.
    try:
        with conn.begin_nested() if conn.in_transaction() else conn.begin():
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):
        return None


def alembic_config(conn: Connection | None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Several app processes may start together; one migrates, the others wait.
            conn.execute(text("SELECT pg_advisory_xact_lock(724311)"))
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)


def ensure_schema(engine: Engine) -> None:
    """Apply pending migrations; a database newer than this code is refused, not damaged."""
    try:
        with engine.connect() as conn:
            found = current_revision(conn)
    except SQLAlchemyError as exc:
        reason = str(exc.orig if hasattr(exc, "orig") else exc).splitlines()[0]
        raise DatabaseUnavailable(f"cannot open the database: {reason}") from None
    if found == HEAD_REVISION:
        return
    known = {p.name.split("_")[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py")}
    if found is not None and found not in known:
        raise DatabaseUnavailable(
            f"the database is at schema {found}, newer than this hamcoach ({HEAD_REVISION}); "
            "upgrade hamcoach"
        )
    upgrade(engine)
