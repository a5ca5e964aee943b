"""New secrets, and password hashing: argon2id through argon2-cffi, behind a small protocol so
tests can count (and speed up) the hashing.

argon2-cffi's defaults are RFC 9106's low-memory profile (argon2id, 3 passes over 64 MiB, 4
lanes): about 0.1 s a hash here. A hash made with other parameters still verifies, and is
replaced at the next sign-in (`needs_rehash`), so the parameters can be raised at any time.
"""

from __future__ import annotations

import functools
import secrets
from typing import Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY


def new_secret() -> str:
    """256 random bits, URL-safe (43 characters): a session, token, CSRF or link secret."""
    return secrets.token_urlsafe(32)


class Hasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, stored: str, password: str) -> bool: ...
    def needs_rehash(self, stored: str) -> bool: ...
    def dummy(self) -> str: ...


class Argon2Hasher:
    """argon2id, with RFC 9106's low-memory parameters unless told others (tests: cheap ones)."""

    def __init__(
        self,
        *,
        time_cost: int = RFC_9106_LOW_MEMORY.time_cost,
        memory_cost: int = RFC_9106_LOW_MEMORY.memory_cost,
        parallelism: int = RFC_9106_LOW_MEMORY.parallelism,
    ) -> None:
        self._hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism
        )
        self._dummy: str | None = None

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):  # a mismatch is a VerificationError
            return False

    def needs_rehash(self, stored: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(stored)
        except InvalidHashError:
            return True

    def dummy(self) -> str:
        """A hash of nothing anyone knows, made with this hasher's parameters: what an unknown
        or disabled user's attempt is checked against, so it costs what a real one costs."""
        if self._dummy is None:
            self._dummy = self.hash(secrets.token_urlsafe(16))
        return self._dummy


@functools.cache
def default_hasher() -> Hasher:
    return Argon2Hasher()
