"""Typed settings from HAMCOACH_* environment variables, built by a factory, never at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    secret_key: str | None = None
    # SQLite durability: FULL means a set the client saw accepted survives a power cut.
    sqlite_synchronous: str = "FULL"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("hamcoach", appauthor=False))


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    data_dir = (
        Path(env["HAMCOACH_DATA_DIR"]) if env.get("HAMCOACH_DATA_DIR") else default_data_dir()
    )
    url = env.get("HAMCOACH_DATABASE_URL") or f"sqlite:///{data_dir / 'hamcoach.db'}"
    return Settings(
        database_url=url,
        data_dir=data_dir,
        secret_key=env.get("HAMCOACH_SECRET_KEY") or None,
        sqlite_synchronous=env.get("HAMCOACH_SQLITE_SYNCHRONOUS", "FULL").upper(),
    )
