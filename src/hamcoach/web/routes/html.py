"""What every HTML page shares: rendering a template, reading a posted form."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse


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
