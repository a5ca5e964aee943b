"""The OpenAPI document tells the truth about errors: their shape and which statuses each route
really answers.

FastAPI documents 422 with its own list-shaped body, but every error here is `ErrorOut`
(`detail` is a sentence). The document is generated as usual, then every operation's error
answers are set from what the app does: 400 for a Host name it does not answer to and 413 for a
body over the cap (any route, from the middleware), 403 for a write from another site, 404 for a
route that needs the athlete's profile before there is one, 422 where a parameter or body can be
invalid, and what a route declares itself (409, 503, ...).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts

from hamcoach.web.schemas import ErrorOut

DESCRIPTIONS = {
    400: "The request's Host is not a name this server answers to.",
    401: "Accounts mode: no live session (sign in) or API token (`Authorization: Bearer ...`).",
    403: "A change sent from another site (or without this site's Origin), without the page's "
    "CSRF token (`X-CSRF-Token`), or with a read-only API token was refused.",
    429: "Too many failed sign-ins; `Retry-After` says how many seconds to wait.",
    404: "Not found: no profile yet (finish onboarding first), or no such item.",
    409: "The id is already used by something else.",
    413: "The request body is over the size limit.",
    422: "The request was understood but a value is invalid; `detail` says which and why.",
    503: "Not available just now (the database); send it again.",
}
SAFE = frozenset({"get", "head", "options"})
_REF = "#/components/schemas/ErrorOut"


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """Route-level `responses=` for statuses a route answers beyond the common ones."""
    return {code: {"model": ErrorOut, "description": DESCRIPTIONS[code]} for code in codes}


def _depends_on(route: Any, *wanted: Any) -> bool:
    stack = [route.dependant]
    while stack:
        dependant = stack.pop()
        if getattr(dependant.call, "__wrapped__", dependant.call) in wanted:
            return True
        stack.extend(dependant.dependencies)
    return False


def _error(code: int) -> dict[str, Any]:
    return {
        "description": DESCRIPTIONS[code],
        "content": {"application/json": {"schema": {"$ref": _REF}}},
    }


def build_openapi(app: FastAPI) -> dict[str, Any]:
    from hamcoach.web.deps import get_athlete_id, get_owner, get_set_author

    if app.openapi_schema is not None:
        return app.openapi_schema
    document = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorOut"] = ErrorOut.model_json_schema()
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    routes = {
        (method.lower(), context.path_format): context
        for context in iter_route_contexts(app.routes)
        if isinstance(context.original_route, APIRoute)
        for method in context.methods or ()
    }
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            route = routes.get((method, path))
            answers = operation.setdefault("responses", {})
            codes = {400, 413}
            if "422" in answers or operation.get("parameters") or "requestBody" in operation:
                codes.add(422)
            if method not in SAFE:
                codes.add(403)
            if route is not None and _depends_on(route, get_athlete_id, get_set_author):
                codes.update((401, 404))  # the athlete is the caller's: no caller, no athlete
            if route is not None and _depends_on(route, get_owner):
                codes.add(401)
            for code in sorted(codes):
                answers[str(code)] = _error(code)
    app.openapi_schema = document
    return document


def install(app: FastAPI) -> None:
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
