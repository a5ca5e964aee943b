"""Request guards of the local app: known Host names only, and no cross-site writes.

Binding to 127.0.0.1 keeps other machines out, but not other web sites open in the same
browser: they can send forms to 127.0.0.1 (cross-site request forgery) or point a name of
theirs at 127.0.0.1 to read answers (DNS rebinding). The Host check stops the second; refusing
writes whose Origin is another site stops the first. (Accounts will add CSRF tokens.)
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class LocalGuard:
    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if "*" not in self.allowed and _host_name(host) not in self.allowed:
            response = PlainTextResponse(
                f"hamcoach answers to {', '.join(sorted(self.allowed))} only, not {host!r}",
                status_code=400,
            )
            await response(scope, receive, send)
            return
        origin = headers.get("origin")
        cross_site = bool(origin) and urlsplit(origin or "").netloc.lower() != host.lower()
        if scope["method"] not in SAFE_METHODS and cross_site:
            refused = JSONResponse(
                {"detail": f"cross-site request from {origin} refused"}, status_code=403
            )
            await refused(scope, receive, send)
            return
        await self.app(scope, receive, send)
