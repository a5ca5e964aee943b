"""FastAPI dependencies as Annotated aliases: the store, the clock, and whom a request serves.

This is the one place that knows how the athlete of a request is found: local mode has a
single athlete (the first profile); accounts mode finds the signed-in account (`web.auth`) and
its athlete; the calendar feed finds its athlete by the secret token in its URL. Routes take
`CallerDep` (`MaybeCallerDep` on the pages a fresh install shows, `AthleteDep` when the id is
all they use, `OwnerDep` where the athlete is created) and never look the athlete up
themselves, so every route is scoped to the caller by these alone.
"""

from __future__ import annotations

import datetime as dt
import inspect
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from hamcoach.domain.errors import NoProfile
from hamcoach.services.caller import Caller, caller_for
from hamcoach.services.credentials import Credential
from hamcoach.services.exports import athlete_for_calendar
from hamcoach.storage.store import Store
from hamcoach.web.auth import accounts_on, identify


async def get_store(request: Request) -> Store:
    # async: a trivial dependency need not cost a hop to the thread pool
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


async def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


NowDep = Annotated[dt.datetime, Depends(now_utc)]


def _caller(store: Store, athlete_id: int, now: dt.datetime) -> Caller:
    return caller_for(store.uow(), athlete_id, now)


def _local_athlete(request: Request, store: Store) -> int | None:
    """Local mode: the single athlete of this install (accounts come later), or None yet.

    Once known the id is kept: the local athlete is never replaced while the app runs, so
    after the first request finding it costs no unit of work.
    """
    known: int | None = getattr(request.app.state, "local_athlete", None)
    if known is not None:
        return known
    with store.uow() as uow:
        athlete_id = uow.athletes.first_id()
    if athlete_id is not None:
        request.app.state.local_athlete = athlete_id
    return athlete_id


@dataclass(frozen=True, slots=True)
class Owner:
    """Whose data a request touches: the account (None in local mode) and its athlete (None
    before onboarding)."""

    account_id: int | None
    athlete_id: int | None


async def _now(request: Request) -> dt.datetime:
    """`now_utc`, or what a test put in its place, without being a sub-dependency (below)."""
    clock = request.app.dependency_overrides.get(now_utc, now_utc)
    moment = clock()
    if inspect.isawaitable(moment):  # either, as FastAPI takes
        moment = await moment
    assert isinstance(moment, dt.datetime)
    return moment


async def _owner(request: Request, now: dt.datetime, *, recent: bool = False) -> Owner:
    store: Store = request.app.state.store
    if accounts_on(request, store):
        identity = await identify(request, store, now, recent=recent)
        return Owner(identity.account_id, identity.athlete_id)
    return Owner(None, _local_athlete(request, store))


# The two below take the request alone, no sub-dependencies: FastAPI's resolution costs tens
# of microseconds per dependency and request, and logging a set (AthleteDep) is the hot path.
async def get_owner(request: Request) -> Owner:
    """Local mode: the install's athlete. Accounts mode: the signed-in account's (401 without
    a session or token, 403 for a cookie write without its CSRF token)."""
    return await _owner(request, await _now(request))


OwnerDep = Annotated[Owner, Depends(get_owner)]


async def get_athlete_id(request: Request) -> int:
    """The athlete's id; 404 before onboarding (the OpenAPI document looks for this one)."""
    owner = await _owner(request, await _now(request))
    if owner.athlete_id is None:
        raise NoProfile
    return owner.athlete_id


AthleteDep = Annotated[int, Depends(get_athlete_id)]


@dataclass(frozen=True, slots=True)
class SetAuthor:
    """Who logs a set: the athlete, and in accounts mode the credential the set writer confirms
    with the set's batch (the request itself may have been answered from recent callers)."""

    athlete_id: int
    credential: Credential | None
    asked_at: dt.datetime  # the credential is confirmed as of this moment


async def get_set_author(request: Request) -> SetAuthor:
    """As `get_athlete_id`, for the hot path of logging a set."""
    now = await _now(request)
    owner = await _owner(request, now, recent=True)
    if owner.athlete_id is None:
        raise NoProfile
    return SetAuthor(owner.athlete_id, getattr(request.state, "credential", None), now)


SetAuthorDep = Annotated[SetAuthor, Depends(get_set_author)]


def get_caller(store: StoreDep, athlete_id: AthleteDep, now: NowDep) -> Caller:
    # Sync: it reads the database, so FastAPI runs it in the thread pool, off the event loop.
    # Built on get_athlete_id so that every route taking it is documented with its 404.
    return _caller(store, athlete_id, now)


CallerDep = Annotated[Caller, Depends(get_caller)]


def get_caller_if_any(store: StoreDep, owner: OwnerDep, now: NowDep) -> Caller | None:
    """The caller, or None before onboarding: for the pages that also serve a fresh install."""
    return None if owner.athlete_id is None else _caller(store, owner.athlete_id, now)


MaybeCallerDep = Annotated[Caller | None, Depends(get_caller_if_any)]


def feed_caller(store: Store, token: str, now: dt.datetime) -> Caller:
    """The calendar feed's caller: calendar apps cannot log in, the URL's secret token is the
    only authorization (a wrong one is a plain 404).

    Called from the route's body rather than declared as a dependency, so that an invalid
    query is refused (422) before the token is looked up, as for every other route.
    """
    return _caller(store, athlete_for_calendar(store.uow(), token), now)
