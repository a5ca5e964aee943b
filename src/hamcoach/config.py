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
    # Host names the web app answers to. Local mode: loopback names only, which defeats DNS
    # rebinding (a web page making your browser talk to 127.0.0.1 under its own name).
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]", "::1")
    # Request bodies: JSON and forms are small; run uploads (FIT/GPX files) may be many.
    max_body_bytes: int = 1024 * 1024
    max_upload_bytes: int = 64 * 1024 * 1024


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
        allowed_hosts=tuple(
            h.strip()
            for h in env.get("HAMCOACH_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],::1").split(",")
            if h.strip()
        ),
        max_body_bytes=_size(env, "HAMCOACH_MAX_BODY_BYTES", Settings.max_body_bytes),
        max_upload_bytes=_size(env, "HAMCOACH_MAX_UPLOAD_BYTES", Settings.max_upload_bytes),
    )


def _size(env: Mapping[str, str], name: str, default: int) -> int:
    text = env.get(name, "").strip()
    if not text:
        return default
    if not text.isascii() or not text.isdigit() or int(text) < 1024:
        from hamcoach.domain.errors import InvalidInput

        raise InvalidInput(f"{name} must be a number of bytes, at least 1024 (got {text[:40]!r})")
    return int(text)
