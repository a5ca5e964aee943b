"""Persistence: SQLAlchemy 2 tables, repositories scoped by athlete, a unit of work, migrations."""
