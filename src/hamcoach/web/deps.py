"""FastAPI dependencies as Annotated aliases: the store, the clock, the athlete being served."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends, Request

from hamcoach.domain.errors import NotFound
from hamcoach.storage.store import Store


async def get_store(request: Request) -> Store:
    # async: a trivial dependency need not cost a hop to the thread pool
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


async def get_athlete_id(request: Request, store: StoreDep) -> int:
    """Local mode: the single athlete of this install (accounts come later).

    Once known the id is kept: the local athlete is never replaced while the app runs.
    """
    cached: int | None = getattr(request.app.state, "local_athlete", None)
    if cached is not None:
        return cached
    with store.uow() as uow:
        athlete_id = uow.athletes.first_id()
    if athlete_id is not None:
        request.app.state.local_athlete = athlete_id
    if athlete_id is None:
        raise NotFound("no profile yet: finish onboarding at /onboarding (or PUT /api/v1/profile)")
    return athlete_id


AthleteDep = Annotated[int, Depends(get_athlete_id)]


async def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


NowDep = Annotated[dt.datetime, Depends(now_utc)]


def local_today(store: Store, athlete_id: int, now: dt.datetime) -> dt.date:
    with store.uow() as uow:
        tz = uow.athlete(athlete_id).profile().timezone
    return now.astimezone(ZoneInfo(tz)).date()
