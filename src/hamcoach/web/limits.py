"""A cap on request bodies, counted as they arrive: no upload can exhaust the server.

`Content-Length` over the cap is refused before a byte is read; a body sent without one (chunked)
is counted and refused the moment it passes the cap. The refusal is an HTTPException, so FastAPI
passes it through its body parsing untouched and it renders like any other error (413 with a
`detail` that says what the limit is). The upload route (run files) gets a larger cap than
everything else.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MIB = 1024 * 1024


def _mib(limit: int) -> str:
    return f"{limit / MIB:g} MiB" if limit >= MIB else f"{limit // 1024} KiB"


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int, what: str) -> None:
        super().__init__(
            413, f"request body too large: {what} can be at most {_mib(limit)}; send less"
        )


class BodyLimit:
    def __init__(
        self, app: ASGIApp, *, max_body: int, max_upload: int, upload_paths: frozenset[str]
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        # The larger cap goes by route, not by what the client says it sends: any route would
        # otherwise take 64 MiB labelled multipart.
        upload = scope["path"] in self.upload_paths and headers.get("content-type", "").startswith(
            "multipart/form-data"
        )
        limit, what = (self.max_upload, "an upload") if upload else (self.max_body, "a request")
        declared = headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > limit:
            refusal = BodyTooLarge(limit, what)
            response = JSONResponse({"detail": refusal.detail}, status_code=413)
            await response(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit, what)
            return message

        await self.app(scope, counted, send)
