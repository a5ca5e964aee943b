"""The one exception hierarchy of hamcoach.

Edges (CLI, web, API) render these; the domain never knows about exit codes or HTTP statuses.
"""

from __future__ import annotations

from collections.abc import Iterable

EXCERPT = 40


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A short, printable rendering of a bad value for a message (never the whole value)."""
    text = value if isinstance(value, str) else repr(value)
    shown = ascii(text[:limit]) if isinstance(value, str) else text[:limit]
    return shown + (f"... ({len(text)} characters)" if len(text) > limit else "")


class HamcoachError(Exception):
    """Base of every error the app expects and explains to a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(HamcoachError):
    """A value was understood but refused (out of range, impossible, inconsistent)."""


class UnknownChoice(InvalidInput):
    """A value is not one of a fixed set of names; the message lists the allowed ones."""

    def __init__(self, what: str, value: str, allowed: Iterable[str]) -> None:
        self.what = what
        self.value = value
        self.allowed = tuple(allowed)
        super().__init__(f"unknown {what} {excerpt(value)}; allowed: {', '.join(self.allowed)}")


class NotFound(HamcoachError):
    """The thing asked for does not exist (for this athlete)."""


class NoProfile(NotFound):
    """Nothing can be planned or logged before the athlete has a profile.

    The message names no next step: each edge adds its own (`hamcoach init`, the onboarding
    page, `PUT /api/v1/profile`), chosen by this type, never by the text.
    """

    def __init__(self) -> None:
        super().__init__("no profile yet")


class DatabaseUnavailable(HamcoachError):
    """The database cannot be opened or reached (storage raises it; edges answer 503)."""


class Conflict(HamcoachError):
    """The request clashes with what is stored (e.g. an id reused for a different set)."""


class Unauthorized(HamcoachError):
    """Who is asking is not known: no session, a wrong password, a dead link (the web: 401).

    Sign-in says the same for an unknown user, a disabled one and a wrong password, so the
    answer never tells which user names exist.
    """


class Forbidden(HamcoachError):
    """The caller is known but may not do this (a read-only token that writes; the web: 403)."""


class RateLimited(HamcoachError):
    """Too many failed sign-ins; `retry_after` is the whole seconds to wait (the web: 429 and
    a Retry-After header)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
