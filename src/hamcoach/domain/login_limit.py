"""The sign-in rate limit, as a pure rule over the failures stored (by every worker).

At most 5 failed sign-ins per account and 20 per address in any 15 minutes. The account limit
stops guessing one person's password from many machines; the address limit stops one machine
trying many accounts (and spending the server's argon2 time). A refused attempt is not itself
a failure: it costs nothing, and counting it would let anyone keep an account locked for good
by retrying (with it uncounted, an attacker gets 5 guesses per quarter hour, a lock-out a
person waits out).

The window slides: an attempt is allowed again once enough failures have aged out of it, so
`retry_at` is when the oldest failure that still blocks is 15 minutes old.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from hamcoach.domain.accounts import ACCOUNT_FAILURES, ADDRESS_FAILURES, LOGIN_WINDOW


@dataclass(frozen=True, slots=True)
class LoginVerdict:
    """`allowed`, or refused until `retry_at` (which is `now` when allowed)."""

    allowed: bool
    retry_at: dt.datetime

    def retry_after(self, now: dt.datetime) -> int:
        """Whole seconds to wait from `now` (at least 1 when refused), for a Retry-After."""
        if self.allowed:
            return 0
        return max(1, math.ceil((self.retry_at - now).total_seconds()))


def _blocked_until(
    failures: Iterable[dt.datetime], limit: int, now: dt.datetime
) -> dt.datetime | None:
    # Failures later than `now` (another worker's clock a little ahead) count as recent.
    recent = sorted(at for at in failures if at > now - LOGIN_WINDOW)
    if len(recent) < limit:
        return None
    # Allowed again when all but limit - 1 of them have left the window.
    return recent[len(recent) - limit] + LOGIN_WINDOW


def login_verdict(
    account_failures: Iterable[dt.datetime],
    address_failures: Iterable[dt.datetime],
    now: dt.datetime,
    *,
    account_limit: int = ACCOUNT_FAILURES,
    address_limit: int = ADDRESS_FAILURES,
) -> LoginVerdict:
    """Whether a sign-in attempt at `now` may be tried, given the failures of the account and of
    the address (any order; only the newest `limit` of each matter)."""
    blocked = [
        until
        for until in (
            _blocked_until(account_failures, account_limit, now),
            _blocked_until(address_failures, address_limit, now),
        )
        if until is not None
    ]
    if not blocked:
        return LoginVerdict(True, now)
    return LoginVerdict(False, max(blocked))
