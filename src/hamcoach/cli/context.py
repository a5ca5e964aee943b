"""What a command starts from: the store (settings from the environment, pending migrations
applied) and, for the commands about the athlete, one `Caller` read in one unit of work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from hamcoach.config import load_settings
from hamcoach.storage.store import Store
from hamcoach.storage.store import open_store as _open

if TYPE_CHECKING:
    from hamcoach.domain.profile import Profile
    from hamcoach.services.caller import Caller


def open_store() -> Store:
    return _open(load_settings())


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today_in(timezone: str) -> dt.date:
    return dt.datetime.now(ZoneInfo(timezone)).date()


@dataclass(frozen=True)
class Context:
    """The store and the local athlete as of the command's start (the CLI's `CallerDep`)."""

    store: Store
    caller: Caller

    @property
    def athlete_id(self) -> int:
        return self.caller.athlete_id

    @property
    def profile(self) -> Profile:
        return self.caller.profile

    @property
    def today(self) -> dt.date:
        return self.caller.today

    @property
    def now(self) -> dt.datetime:
        return self.caller.now

    @property
    def unit(self) -> str:
        return self.caller.unit


def local() -> Context:
    """The single athlete of this install; `NoProfile` (exit 1, "run hamcoach init") if none."""
    from hamcoach.services.caller import local_caller

    store = open_store()
    return Context(store, local_caller(store.uow(), now_utc()))
