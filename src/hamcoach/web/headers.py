"""Security headers on every response, local mode included.

- Framing is forbidden (`frame-ancestors 'none'`, and X-Frame-Options for older browsers): a
  page that framed /history could turn two clicks into a delete (clickjacking).
- The Content-Security-Policy allows scripts, styles and connections from this origin only, and
  no inline script or style: an injected `<script>` or `onclick=` would not run.
- nosniff stops a browser from running an upload or an export as a script; the referrer policy
  keeps the secret calendar address out of other sites' logs.
- Over HTTPS (served directly, or behind a proxy that says so in X-Forwarded-Proto), HSTS: the
  browser never again tries the site over plain HTTP, where a session cookie could be taken.

A route may set its own Content-Security-Policy (the API docs page does, for its CDN assets and
its one inline script, allowed by hash); every other header is always the same.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
FIXED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


# A year, the usual value; no includeSubDomains: other services may share the domain.
HSTS = "max-age=31536000"


_CSP = (b"content-security-policy", CSP.encode())
_FIXED = [(name.lower().encode(), value.encode()) for name, value in FIXED.items()]
_HSTS = (b"strict-transport-security", HSTS.encode())
# Always ours, whatever a route set (HSTS too, over HTTPS only).
_OURS = frozenset(name for name, _ in _FIXED)
_OURS_HTTPS = _OURS | {_HSTS[0]}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # The raw list, appended to: MutableHeaders scans it again for every header set.
                https = scope.get("scheme") == "https"
                replaced = _OURS_HTTPS if https else _OURS
                raw = message["headers"] = [
                    (k, v) for k, v in message.get("headers", ()) if k.lower() not in replaced
                ]
                if not any(k.lower() == _CSP[0] for k, _ in raw):
                    raw.append(_CSP)
                raw.extend(_FIXED)
                if https:
                    raw.append(_HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)
