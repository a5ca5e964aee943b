"""Alembic environment: always driven from code with a connection handed in."""

from __future__ import annotations

from alembic import context

from hamcoach.storage.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through hamcoach.storage.schema, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table rebuilds
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
