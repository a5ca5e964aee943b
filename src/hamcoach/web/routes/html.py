"""What every HTML page shares: rendering a template, reading a posted form."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import pass_context
from jinja2.runtime import Context

from hamcoach.services.profile import time_zone


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    context.setdefault("version", request.app.state.static_version)
    context.setdefault("path", request.url.path)
    # The signed-in session's CSRF token for forms and scripts; empty in local mode (no accounts).
    context.setdefault("csrf", getattr(request.state, "csrf", ""))
    # Whose sets the offline queue may send from this page (offline-queue.js); empty locally.
    identity = getattr(request.state, "identity", None)
    context.setdefault("account", "" if identity is None else str(identity.account_id))
    response: HTMLResponse = templates.TemplateResponse(request, name, context, status_code=status)
    return response


async def form_dict(request: Request) -> dict[str, Any]:
    """The posted fields as strings; `equipment`, a checkbox group, as the list of its values."""
    form = await request.form()
    data: dict[str, Any] = {k: v for k, v in form.items() if isinstance(v, str)}
    data["equipment"] = [v for v in form.getlist("equipment") if isinstance(v, str)]
    return data


def viewer_zone(request: Request) -> dt.tzinfo:
    """The time zone a page's times are shown in: the viewer's own athlete profile's (a coach
    who trains too, an athlete), else the server's (a coach with no profile). Read once per
    request, and only by a page that shows a time."""
    known: dt.tzinfo | None = getattr(request.state, "zone", None)
    if known is not None:
        return known
    identity = getattr(request.state, "identity", None)
    athlete = (
        getattr(request.app.state, "local_athlete", None)
        if identity is None
        else identity.athlete_id
    )
    name = None if athlete is None else time_zone(request.app.state.store.uow(), athlete)
    zone = ZoneInfo(name) if name else dt.datetime.now().astimezone().tzinfo or dt.UTC
    request.state.zone = zone
    return zone


@pass_context
def local_time(context: Context, at: dt.datetime, fmt: str = "%d %b %H:%M") -> str:
    """`at` in the viewer's time zone, named when the format shows the hour (`02 Dec 14:05
    CET`)."""
    shown = at.astimezone(viewer_zone(context["request"]))
    zone = f" {shown.tzname()}" if "%H" in fmt and shown.tzname() else ""
    return shown.strftime(fmt) + zone
