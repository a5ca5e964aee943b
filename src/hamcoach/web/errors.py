"""One renderer per edge: HamcoachError and validation errors become JSON with a clear `detail`
for the API, and a small HTML page elsewhere."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from hamcoach.domain.errors import (
    Conflict,
    DatabaseUnavailable,
    Forbidden,
    HamcoachError,
    NoProfile,
    NotFound,
    RateLimited,
    Unauthorized,
    excerpt,
)
from hamcoach.web.set_writer import SetNotStored


def status_for(exc: HamcoachError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, Conflict):
        return 409
    if isinstance(exc, DatabaseUnavailable):
        return 503
    if isinstance(exc, Unauthorized):
        return 401
    if isinstance(exc, Forbidden):
        return 403
    if isinstance(exc, RateLimited):
        return 429
    return 422


MAX_MESSAGE = 200
MAX_ERRORS = 10  # 60 000 unknown keys must not make a 2 MB answer


def describe(error: Any) -> str:
    """One validation error as `field: what is wrong`."""
    where = ".".join(
        excerpt(p, 40)[1:-1] if isinstance(p, str) and len(p) > 40 else str(p)
        for p in error.get("loc", ())
        if p not in ("body", "query", "path")
    )
    if error.get("type") == "union_tag_invalid":
        context = error.get("ctx") or {}
        return (
            f"unknown {context.get('discriminator', 'kind').strip(chr(39))} "
            f"{excerpt(context.get('tag', ''))}; allowed: {context.get('expected_tags', '')}"
        )
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    if len(message) > MAX_MESSAGE:  # some messages quote the input: never all of it
        message = message[:MAX_MESSAGE] + "..."
    if message == "Field required" and where:
        return f"{where} is required"
    return f"{where}: {message}" if where else message


def api_message(exc: HamcoachError) -> str:
    """The error's message, with the next step for an API client where the type has one."""
    if isinstance(exc, NoProfile):
        return f"{exc.message}: finish onboarding at /onboarding (or PUT /api/v1/profile)"
    return exc.message


def _next_step(exc: Exception | None) -> tuple[str, str]:
    """(link, label) that the error page offers, chosen by the error's type."""
    if isinstance(exc, NoProfile):
        return "/onboarding", "Set up your profile"
    if isinstance(exc, Unauthorized | Forbidden):
        return "/signin", "Sign in"
    return "/today", "Back to today"


def error_page(
    request: Request,
    status: int,
    message: str,
    exc: Exception | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """Every error a person sees in the browser, through the one template."""
    link, label = _next_step(exc)
    page: Response = request.app.state.templates.TemplateResponse(
        request,
        "error.html",
        {
            "message": message,
            "status": status,
            "link": link,
            "link_label": label,
            "primary": isinstance(exc, NoProfile),
            "version": request.app.state.static_version,
            "path": request.url.path,
        },
        status_code=status,
        headers=headers,
    )
    return page


def _back_to(request: Request) -> str:
    """Where sign-in returns to: this site's path and query only (never another site)."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def _wants_json(request: Request) -> bool:
    # The calendar feed is read by calendar apps, not people: its errors are JSON like the API's.
    if request.url.path.startswith(("/api/", "/calendar/")):
        return True
    return "application/json" in request.headers.get("accept", "")


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method some route serves at `path` (Starlette's 405 names only the first route's)."""
    from fastapi.routing import iter_route_contexts
    from starlette.routing import compile_path

    methods: set[str] = set()
    for context in iter_route_contexts(app.routes):
        served, template = context.methods, context.path_format
        if served and template and compile_path(template)[0].match(path):
            methods |= set(served)
    if methods:
        methods.add("OPTIONS")  # answered by the 405 handler below
    return sorted(methods)


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # A mount (static files) has no routes to ask: keep what it said itself.
            allow = ", ".join(allowed_methods(request.app, request.url.path)) or headers.get(
                "Allow", "GET, HEAD"
            )
            headers["Allow"] = allow
            if request.method == "OPTIONS":  # the answer to "what can I do here?"
                return Response(status_code=204, headers=headers)
            detail = f"{request.method} is not allowed here; use {allow}"
        else:
            detail = str(exc.detail)
        if _wants_json(request) or exc.status_code in (405, 413):
            return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=headers)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"there is no page at {excerpt(request.url.path, 80)}"
        return error_page(request, exc.status_code, detail, headers=headers)

    @app.exception_handler(HamcoachError)
    async def domain_error(request: Request, exc: HamcoachError) -> Response:
        status = status_for(exc)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
        if _wants_json(request):
            if isinstance(exc, Unauthorized):
                headers = {"WWW-Authenticate": 'Bearer realm="hamcoach"'}
            return JSONResponse({"detail": api_message(exc)}, status_code=status, headers=headers)
        if isinstance(exc, Unauthorized) and request.method in ("GET", "HEAD"):
            # A page asked for without a session: sign in, then come back to it.
            return RedirectResponse(f"/signin?next={quote(_back_to(request))}", status_code=303)
        if isinstance(exc, NoProfile) and request.method in ("GET", "HEAD"):
            # A fresh database: every page leads to onboarding, not to an error page.
            return RedirectResponse("/onboarding", status_code=303)
        return error_page(request, status, exc.message, exc, headers=headers)

    @app.exception_handler(SetNotStored)
    async def set_not_stored(request: Request, exc: SetNotStored) -> Response:
        return JSONResponse(
            {"detail": "the set could not be stored just now; send it again"}, status_code=503
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        errors = list(exc.errors())
        detail = "; ".join(describe(e) for e in errors[:5]) or "invalid request"
        if _wants_json(request):
            return JSONResponse(
                {"detail": detail, "errors": [describe(e) for e in errors[:MAX_ERRORS]]},
                status_code=422,
            )
        return error_page(request, 422, detail)
