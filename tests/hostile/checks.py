"""What every refusal must look like, and the proof that it changed nothing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx2

from tests.hostile.server import Server

MAX_DETAIL = 400  # a sentence and a short excerpt of the bad value, never the value itself


def assert_refused(answer: httpx2.Response, message: str, status: int | None = None) -> str:
    """A 4xx whose `detail` is a short sentence matching `message`."""
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text[:300])
    if status is not None:
        assert answer.status_code == status, (answer.status_code, answer.text[:300])
    detail = answer.json()["detail"]
    assert isinstance(detail, str)
    assert len(detail) <= MAX_DETAIL, f"{len(detail)} characters: {detail[:120]}..."
    assert re.search(message, detail), detail
    return detail


@contextmanager
def changes_nothing(server: Server) -> Iterator[None]:
    before = server.dump()
    yield
    assert server.dump() == before
    assert server.healthy()


Attempt = Callable[[httpx2.Client], httpx2.Response]
