"""Opening the store for a command: settings from the environment, pending migrations applied."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hamcoach.config import load_settings
from hamcoach.storage.store import Store
from hamcoach.storage.store import open_store as _open


def open_store() -> Store:
    return _open(load_settings())


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today_in(timezone: str) -> dt.date:
    return dt.datetime.now(ZoneInfo(timezone)).date()
