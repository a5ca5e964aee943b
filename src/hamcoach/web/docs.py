"""The interactive API docs (/docs) under a Content-Security-Policy of their own.

FastAPI's Swagger UI page loads its assets from a CDN and starts them with one inline script.
The app's policy forbids inline script, so this page allows exactly that script, by its SHA-256
hash, and the CDN's assets; nothing else on the site gets that allowance.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from hamcoach.web.headers import CSP

router = APIRouter(include_in_schema=False)
_CDN = "https://cdn.jsdelivr.net"
_INLINE = re.compile(r"<script>(.*?)</script>", re.S)


@functools.cache
def _page() -> tuple[bytes, str]:
    body = bytes(get_swagger_ui_html(openapi_url="/openapi.json", title="hamcoach API").body)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _INLINE.findall(body.decode())
    )
    policy = (
        CSP.replace("script-src 'self'", f"script-src 'self' {_CDN} {hashes}")
        .replace("style-src 'self'", f"style-src 'self' {_CDN}")
        .replace("img-src 'self' data: blob:", "img-src 'self' data: https://fastapi.tiangolo.com")
    )
    return body, policy


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    body, policy = _page()
    return HTMLResponse(body, headers={"Content-Security-Policy": policy})
