"""Accounts mode in the browser: sign in and out, a reset link, pairing a phone by QR code, the
password and the personal API tokens (`/account`). Local mode has no use for them: these pages
lead back to the app there."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hamcoach.domain.accounts import LinkPurpose
from hamcoach.domain.errors import HamcoachError, InvalidInput, RateLimited, Unauthorized
from hamcoach.services import auth, clubs, coaching, links, programme, tokens
from hamcoach.web.auth import (
    COOKIE,
    accounts_on,
    clear_session_cookie,
    identify,
    set_session_cookie,
)
from hamcoach.web.deps import NowDep, StoreDep
from hamcoach.web.errors import error_page
from hamcoach.web.routes.html import form_dict, render

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a path of this site: an open redirect would make the sign-in page a phishing aid."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/today"
    return target


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _agent(request: Request) -> str | None:
    return request.headers.get("user-agent")


@router.get("/signin")
def signin_page(request: Request, store: StoreDep, next: str | None = None) -> Response:
    if not accounts_on(request, store):
        return RedirectResponse("/today", status_code=303)
    return render(
        request, "signin.html", next=_safe_next(next), error=None, username="", signed_out=True
    )


@router.post("/signin")
async def signin(request: Request, store: StoreDep, now: NowDep) -> Response:
    form = await form_dict(request)
    username, target = str(form.get("username", "")), _safe_next(form.get("next"))
    try:
        new = auth.sign_in(
            store.uow(),
            username,
            str(form.get("password", "")),
            _address(request),
            now,
            user_agent=_agent(request),
        )
    except (Unauthorized, RateLimited) as exc:
        status = 429 if isinstance(exc, RateLimited) else 401
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else {}
        page = render(
            request,
            "signin.html",
            status,
            next=target,
            error=exc.message,
            username=username,
            signed_out=True,
        )
        page.headers.update(headers)
        return page
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(response, request, new.secret)
    return response


@router.post("/signout")
async def signout(request: Request, store: StoreDep, now: NowDep) -> Response:
    auth.sign_out(store.uow(), request.cookies.get(COOKIE), now)
    response = RedirectResponse("/signin", status_code=303)
    clear_session_cookie(response, request)
    # The browser's HTTP cache of this site's pages goes too (the service worker's saved
    # pages are dropped by sign-out.js); site storage stays: the offline queue lives there.
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@router.get("/pair/{secret}")
def pair_page(request: Request, store: StoreDep, now: NowDep, secret: str) -> Response:
    """The QR code's link: a page with a button, not a sign-in on GET (a chat app's link
    preview would otherwise use the one-time link up)."""
    try:
        links.peek_link(store.uow(), secret, LinkPurpose.PAIR, now)
    except Unauthorized as exc:  # used or expired: say so here, not on the sign-in page
        return error_page(request, 410, exc.message, exc)
    return render(request, "pair.html", secret=secret, signed_out=True)


@router.post("/pair/{secret}")
def pair(request: Request, store: StoreDep, now: NowDep, secret: str) -> Response:
    new = auth.sign_in_with_link(store.uow(), secret, now, user_agent=_agent(request))
    response = RedirectResponse("/today", status_code=303)
    set_session_cookie(response, request, new.secret)
    return response


@router.get("/reset/{secret}")
def reset_page(request: Request, store: StoreDep, now: NowDep, secret: str) -> Response:
    try:
        links.peek_link(store.uow(), secret, LinkPurpose.RESET, now)
    except Unauthorized as exc:
        return error_page(request, 410, exc.message, exc)
    return render(request, "reset.html", secret=secret, error=None, signed_out=True)


@router.post("/reset/{secret}")
async def reset(request: Request, store: StoreDep, now: NowDep, secret: str) -> Response:
    form = await form_dict(request)
    password = str(form.get("password", ""))
    try:
        if password != form.get("again"):
            raise InvalidInput("the two passwords differ: type the same one twice")
        links.reset_password(store.uow(), secret, password, now)
    except InvalidInput as exc:
        return render(request, "reset.html", 422, secret=secret, error=exc.message, signed_out=True)
    return RedirectResponse("/signin?reset=1", status_code=303)


async def _account_page(
    request: Request, store: StoreDep, now: NowDep, **extra: Any
) -> HTMLResponse:
    identity = await identify(request, store, now)
    held = tokens.list_tokens(store.uow(), identity.account_id)
    athlete = identity.athlete_id
    return render(
        request,
        "account.html",
        username=identity.username,
        tokens=[t for t in held if t.revoked_at is None],
        coaches=[] if athlete is None else coaching.my_coaches(store.uow(), athlete),
        changes=[] if athlete is None else programme.changes_for(store.uow(), athlete),
        heads=[] if athlete is None else clubs.heads_seeing(store.uow(), athlete),
        is_coach=coaching.is_coach(store.uow(), identity.account_id),
        **{"new_token": None, "pairing": None, "error": None, "done": None, **extra},
    )


@router.get("/account")
async def account(request: Request, store: StoreDep, now: NowDep) -> Response:
    if not accounts_on(request, store):
        return RedirectResponse("/settings", status_code=303)
    return await _account_page(request, store, now)


@router.post("/account/password")
async def password(request: Request, store: StoreDep, now: NowDep) -> Response:
    await identify(request, store, now)
    form = await form_dict(request)
    signed = auth.session_for(store.uow(), request.cookies.get(COOKIE), now)
    if signed is None:
        raise Unauthorized("sign in first")
    new = str(form.get("new", ""))
    try:
        if new != form.get("again"):
            raise InvalidInput("the two new passwords differ: type the same one twice")
        fresh = auth.change_password(
            store.uow(),
            signed,
            str(form.get("current", "")),
            new,
            _address(request),
            now,
            user_agent=_agent(request),
        )
    except HamcoachError as exc:
        return await _account_page(request, store, now, error=exc.message)
    response = RedirectResponse("/account?changed=1", status_code=303)
    set_session_cookie(response, request, fresh.secret)
    return response


@router.post("/account/pair")
async def new_pairing(request: Request, store: StoreDep, now: NowDep) -> Response:
    """A one-time sign-in link for a new device, as a QR code to point the phone's camera at."""
    import segno

    identity = await identify(request, store, now)
    secret = links.pairing_link(store.uow(), identity.account_id, now)
    url = f"{str(request.base_url).rstrip('/')}/pair/{secret}"
    code = segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    return await _account_page(request, store, now, pairing={"url": url, "svg": code})


@router.post("/account/tokens")
async def new_token(request: Request, store: StoreDep, now: NowDep) -> Response:
    identity = await identify(request, store, now)
    form = await form_dict(request)
    try:
        secret = tokens.create_token(
            store.uow(),
            identity.account_id,
            str(form.get("name", "")),
            str(form.get("scope", "read")),
            now,
        )
    except HamcoachError as exc:
        return await _account_page(request, store, now, error=exc.message)
    return await _account_page(request, store, now, new_token=secret)


@router.post("/account/tokens/{token_id}/revoke")
async def revoke(request: Request, store: StoreDep, now: NowDep, token_id: int) -> Response:
    identity = await identify(request, store, now)
    tokens.revoke_token(store.uow(), identity.account_id, token_id, now)
    return RedirectResponse("/account?revoked=1", status_code=303)
