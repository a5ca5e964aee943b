"""The set lane: `POST /api/v1/sets` in its common case, answered without the router.

Logging a set is the request a session sends most, and on it FastAPI's own per-request work
(the router's walk, the dependency solver, its exception and telemetry layers) cost more than
validating the body and handing it to the set writer (py-spy, bench/api_accounts.py). The lane
takes a request that is plainly well formed: a JSON body with a `Content-Length` within
`LANE_MAX_BODY`, valid as the route's own model (`SetIn`), from a caller `get_set_author`
finds. It then does exactly what the route does (`routes.sets.log_set`).

Everything else goes on to the full route untouched, its body replayed: another content type
(or two), a chunked body, a malformed or invalid body, and a caller `get_set_author` refuses
(no session, a missing CSRF token): the route then answers as it always has, and its 4xx
words and the OpenAPI document live in one place. Those refusals come before anything is
written. A set the writer refuses (a conflict, a time in the future, a database outage) is not
sent again: the lane answers it with the app's own exception handlers (web/errors.py), as the
route's refusal would be.

It sits inside the host, origin and body-size guards (they run first, as for every route) and
inside the security headers and the server-error layer.
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hamcoach.domain.errors import HamcoachError
from hamcoach.web.deps import get_set_author
from hamcoach.web.routes.sets import log_set
from hamcoach.web.schemas import SetIn
from hamcoach.web.set_writer import SetNotStored

PATH = "/api/v1/sets"
# A set is a few hundred bytes (a note at most a few KiB): anything larger is not the common
# case, and is left to the full route and the body cap's own refusal.
LANE_MAX_BODY = 16 * 1024


def _json_body(scope: Scope) -> int | None:
    """The declared length of a JSON body the lane may read, or None (not for the lane)."""
    length: int | None = None
    kind = b""
    for name, value in scope["headers"]:
        if name == b"content-length":
            if length is not None or not value.isdigit():
                return None  # twice, or not a number: not the common case
            length = int(value)
        elif name == b"content-type":
            if kind:
                return None  # twice: Starlette reads the first, a client may mean either
            kind = value
    media = kind.split(b";", 1)[0].strip().lower()
    if media != b"application/json" or length is None or not 0 < length <= LANE_MAX_BODY:
        return None
    return length


def _replay(received: list[Message], receive: Receive) -> Receive:
    """`receive` for the full route: the messages the lane read, then the client's own."""
    pending = list(received)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


class SetLane:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] != PATH
            or scope["method"] != "POST"
            or _json_body(scope) is None
        ):
            await self.app(scope, receive, send)
            return
        received: list[Message] = []
        chunks: list[bytes] = []
        while True:
            message = await receive()
            received.append(message)
            if message["type"] != "http.request":
                break  # the client left: the full route sees it too
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        state = dict(scope.get("state", {}))  # the full route starts from the state as it came
        answered = (
            await self._answer(scope, b"".join(chunks))
            if received[-1]["type"] == "http.request"
            else None
        )
        if answered is None:
            await self.app({**scope, "state": state}, _replay(received, receive), send)
            return
        await answered(scope, receive, send)

    @staticmethod
    async def _answer(scope: Scope, body: bytes) -> Response | None:
        """The route's answer, or None when the full route should answer instead."""
        try:
            payload = SetIn.model_validate(json.loads(body))
        except Exception:  # not JSON, not a set, nested past the parser's depth: the route says
            return None
        request = Request(scope)
        try:
            author = await get_set_author(request)
        except (HamcoachError, SetNotStored):
            return None  # refused before anything was written: the route words it
        try:
            return await log_set(request, payload, author)
        except (HamcoachError, SetNotStored) as refused:
            return await _rendered(request, refused)


async def _rendered(request: Request, refused: Exception) -> Response:
    """A refusal as the app's exception handlers answer it (the one for its nearest class)."""
    handlers = request.app.exception_handlers
    handler = next(handlers[c] for c in type(refused).__mro__ if c in handlers)
    response: Response = await handler(request, refused)
    return response
