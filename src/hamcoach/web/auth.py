"""Who is asking, in accounts mode: a session cookie (the pages and their scripts) or a personal
API token (`Authorization: Bearer ...`, scripts), and the CSRF check that cookie writes need.

Local mode (a database without accounts) is untouched: the single athlete serves every request,
as before. Accounts mode starts when the database holds an account; it is looked up at most
every few seconds while off (a local install pays nothing per request) and never turns off
again while the app runs (accounts are disabled, never all deleted).

Logging a set (`identify(..., recent=True)`) may take its caller from `RecentCallers`, a
worker's memory of callers it found in the last seconds, instead of the database: the set
writer then confirms the credential for the whole batch at once (services/credentials.py), so
a dead session or token still stores nothing. Every other request reads the database.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from fastapi import Request
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from hamcoach.domain.accounts import SECRET_MAX, Scope
from hamcoach.domain.errors import Forbidden, Unauthorized
from hamcoach.services import auth, tokens
from hamcoach.services.accounts import accounts_mode
from hamcoach.services.credentials import SIGN_IN_FIRST, TOKEN_DEAD, Credential
from hamcoach.storage.store import Store

COOKIE = "hamcoach_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# How long "no accounts" is believed before the database is asked again.
MODE_RECHECK_S = 5.0
# Matches the session's absolute expiry: the browser forgets the cookie when the server would.
COOKIE_MAX_AGE_S = 90 * 24 * 3600
# How long a worker believes a caller it found without asking again (set logging only), and
# how many it keeps: a club's athletes logging at once, with room to spare.
RECENT_S = 30.0
RECENT_MAX = 4096
CSRF_MISSING = "this change came without the page's security token: reload the page and try again"
TOKEN_READ_ONLY = "this API token is read-only: create a read-write one to change data"


@dataclass(frozen=True, slots=True)
class Identity:
    """The account behind a request in accounts mode."""

    account_id: int
    athlete_id: int | None
    username: str
    csrf_token: str  # empty for a token (no cookie, no CSRF)
    via_token: bool
    scope: Scope


def accounts_on(request: Request, store: Store) -> bool:
    # Called on the event loop: it reads the database at most every MODE_RECHECK_S while off.
    state = request.app.state
    if getattr(state, "accounts_mode", False):
        return True
    checked: float = getattr(state, "accounts_checked", 0.0)
    if time.monotonic() - checked < MODE_RECHECK_S:
        return False
    on = accounts_mode(store.uow())
    state.accounts_mode = on
    state.accounts_checked = time.monotonic()
    return on


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


async def _presented_csrf(request: Request) -> str | None:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        # Starlette keeps the parsed form on the request: the route reads the same one.
        field = (await request.form()).get(CSRF_FIELD)
        return field if isinstance(field, str) else None
    return None


_Found = TypeVar("_Found")


async def _lookup(
    store: Store,
    find: Callable[..., _Found],
    secret: str | None,
    now: dt.datetime,
) -> _Found:
    """A session's or token's lookup, read only (its last use is written apart, in the pool).

    On SQLite the read runs on the event loop: it is in-process, a fraction of a millisecond,
    and never waits (WAL, and the write turn is taken only by writers), where the hop to the
    thread pool cost a quarter of the throughput (bench/api_accounts.py). A server database is
    asked from the thread pool: a round trip must not hold the event loop."""
    if store.reads_in_process:
        return find(store.uow(), secret, now, touch=False)
    return await run_in_threadpool(partial(find, touch=False), store.uow(), secret, now)


class RecentCallers:
    """The callers one worker found lately, by credential, for `RECENT_S` at most: used on the
    event loop only (no lock), oldest forgotten first."""

    def __init__(self, seconds: float = RECENT_S, size: int = RECENT_MAX) -> None:
        self._seconds = seconds
        self._size = size
        self._known: OrderedDict[Credential, tuple[float, Identity]] = OrderedDict()

    def get(self, credential: Credential) -> Identity | None:
        found = self._known.get(credential)
        if found is None:
            return None
        if time.monotonic() - found[0] >= self._seconds:
            del self._known[credential]
            return None
        return found[1]

    def remember(self, credential: Credential, identity: Identity) -> None:
        self._known[credential] = (time.monotonic(), identity)
        self._known.move_to_end(credential)
        while len(self._known) > self._size:
            self._known.popitem(last=False)

    def forget(self, credential: Credential) -> None:
        self._known.pop(credential, None)


def recent_callers(app: Starlette) -> RecentCallers:
    """The app's (one worker's) memory of recent callers."""
    state = app.state
    callers: RecentCallers | None = getattr(state, "recent_callers", None)
    if callers is None:
        callers = state.recent_callers = RecentCallers()
    return callers


def _credential(request: Request) -> Credential | None:
    """What the request signs in with (a token before a cookie, as `identify` reads them)."""
    secret = _bearer(request)
    via_token = secret is not None
    if secret is None:
        secret = request.cookies.get(COOKIE)
    if not secret or len(secret) > SECRET_MAX:
        return None
    return Credential.of(secret, via_token=via_token)


async def _check_write(request: Request, identity: Identity) -> None:
    if identity.via_token:
        if identity.scope is not Scope.WRITE:
            raise Forbidden(TOKEN_READ_ONLY)
    elif not auth.csrf_matches(identity.csrf_token, await _presented_csrf(request)):
        raise Forbidden(CSRF_MISSING)


async def _found(request: Request, store: Store, now: dt.datetime) -> Identity:
    """The caller as the database has it now (Unauthorized without a live one)."""
    secret = _bearer(request)
    if secret is not None:
        found = await _lookup(store, tokens.token_for, secret, now)
        if found is not None and found.stale:
            await run_in_threadpool(tokens.touch_token, store.uow(), found.token_id, now)
        if found is None:
            raise Unauthorized(TOKEN_DEAD)
        return Identity(found.account_id, found.athlete_id, "", "", True, found.scope)
    signed = await _lookup(store, auth.session_for, request.cookies.get(COOKIE), now)
    if signed is not None and signed.stale:
        await run_in_threadpool(auth.touch_session, store.uow(), signed.session_id, now)
    if signed is None:
        raise Unauthorized(SIGN_IN_FIRST)
    return Identity(
        signed.account_id,
        signed.athlete_id,
        signed.username,
        signed.csrf_token,
        False,
        Scope.WRITE,
    )


async def identify(
    request: Request, store: Store, now: dt.datetime, *, recent: bool = False
) -> Identity:
    """The caller, or Unauthorized (no live session or token) / Forbidden (a cookie write
    without its CSRF token, a read-only token that writes).

    `recent=True` (logging a set) may answer from `RecentCallers`; the caller must then have
    `request.state.credential` confirmed where its write happens."""
    cached: Identity | None = getattr(request.state, "identity", None)
    if cached is not None:
        return cached
    identity: Identity | None = None
    writes = request.method not in SAFE_METHODS
    credential = _credential(request) if recent else None
    if credential is not None:
        identity = recent_callers(request.app).get(credential)
        if identity is not None and writes:
            try:
                await _check_write(request, identity)
                writes = False  # checked
            except Forbidden:
                # Refused from memory: the database answers instead, so a dead session gets
                # the 401 of every other route (a live one the same 403, below).
                recent_callers(request.app).forget(credential)
                identity = None
    if identity is None:
        identity = await _found(request, store, now)
        # Only an athlete's: an account onboarding meanwhile would otherwise keep "no profile";
        # and only one that may write: a read-only token's refusal must name a dead one too.
        if (
            credential is not None
            and identity.athlete_id is not None
            and identity.scope is Scope.WRITE
        ):
            recent_callers(request.app).remember(credential, identity)
    if writes:
        await _check_write(request, identity)
    request.state.identity = identity
    request.state.csrf = identity.csrf_token
    request.state.credential = credential
    return identity


def set_session_cookie(response: Response, request: Request, secret: str) -> None:
    """The session cookie: script cannot read it, other sites do not send it, and over HTTPS it
    never travels in the clear."""
    response.set_cookie(
        COOKIE,
        secret,
        max_age=COOKIE_MAX_AGE_S,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


def clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        COOKIE, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )
