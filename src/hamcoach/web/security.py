"""Request guards of the local app: known Host names only, and no cross-site writes.

Binding to 127.0.0.1 keeps other machines out, but not other web sites open in the same
browser: they can send forms to 127.0.0.1 (cross-site request forgery) or point a name of
theirs at 127.0.0.1 to read answers (DNS rebinding). The Host check stops the second; refusing
writes whose Origin is another site stops the first. A form post can arrive without an Origin
(older browsers, some privacy settings); the browser's `Sec-Fetch-Site` header then still says
where it came from, and a write from another site (`cross-site`) or from another port or
subdomain of this one (`same-site`: another local server, say) is refused as well.
(Accounts will add CSRF tokens.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from hamcoach.domain.errors import excerpt

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
FOREIGN_FETCH = frozenset({"cross-site", "same-site"})


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


_CONTROL = re.compile(r"%(0[0-9a-f]|1[0-9a-f]|7f)", re.IGNORECASE)


def _controls_in_address(scope: Scope) -> bool:
    path: str = scope.get("path", "")
    query: bytes = scope.get("query_string", b"")
    return any(ord(c) < 32 or ord(c) == 127 for c in path) or bool(
        _CONTROL.search(query.decode("latin-1"))
    )


class LocalGuard:
    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _controls_in_address(scope):
            # No route has a use for them, and PostgreSQL cannot even compare text with a NUL.
            refused = JSONResponse(
                {"detail": "the address contains a control character (such as %00): remove it"},
                status_code=400,
            )
            await refused(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if "*" not in self.allowed and _host_name(host) not in self.allowed:
            response = JSONResponse(
                {
                    "detail": f"hamcoach answers to {', '.join(sorted(self.allowed))} only, "
                    f"not {excerpt(host)}"
                },
                status_code=400,
            )
            await response(scope, receive, send)
            return
        origin = headers.get("origin")
        cross_site = bool(origin) and urlsplit(origin or "").netloc.lower() != host.lower()
        foreign = headers.get("sec-fetch-site", "").lower() in FOREIGN_FETCH
        if scope["method"] not in SAFE_METHODS and (cross_site or foreign):
            source = excerpt(origin) if origin else "another site"
            refused = JSONResponse(
                {
                    "detail": f"cross-site request from {source} refused: hamcoach takes changes "
                    "from its own pages only"
                },
                status_code=403,
            )
            await refused(scope, receive, send)
            return
        await self.app(scope, receive, send)
