"""Comments on a session: a thread between the athlete and their coaches (pure).

Plain text only: a comment is stored as typed (trimmed) and every edge shows it as text, never
as markup. Who may write on whose session is decided where the caller is known
(`services.comments`): the athlete on their own sessions, a coach while linked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.errors import InvalidInput

MAX_COMMENT = 1000  # characters: a few paragraphs, not an essay


@dataclass(frozen=True, slots=True)
class Comment:
    id: int
    date: dt.date  # the session's day
    author_id: int | None  # an account; None once that account is gone
    body: str
    created_at: dt.datetime


def check_comment(text: str) -> str:
    """The comment to store: trimmed, 1..MAX_COMMENT characters, no control characters other
    than line breaks and tabs."""
    body = text.strip().replace("\r\n", "\n")
    if not body:
        raise InvalidInput("a comment needs some text")
    if len(body) > MAX_COMMENT:
        raise InvalidInput(
            f"a comment is at most {MAX_COMMENT} characters (this one has {len(body)})"
        )
    if any(not (c.isprintable() or c in "\n\t") for c in body):
        raise InvalidInput("a comment is plain text: remove the control characters")
    return body
