"""Accounts as stored: what the repositories hand back (no secrets in them, only hashes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.accounts import LinkPurpose, Scope


@dataclass(frozen=True, slots=True)
class Account:
    """A person who signs in. `password_hash` is None until the password is set (an account
    added with `--no-password` waits for its reset link); `athlete_id` is None until the
    account's athlete exists (onboarding creates it)."""

    id: int
    username: str
    password_hash: str | None
    is_operator: bool
    created_at: dt.datetime
    disabled_at: dt.datetime | None = None
    password_changed_at: dt.datetime | None = None
    athlete_id: int | None = None

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None


@dataclass(frozen=True, slots=True)
class AuthSession:
    """A signed-in browser: found by the hash of its cookie's secret."""

    id: int
    account_id: int
    csrf_token: str
    created_at: dt.datetime
    last_seen_at: dt.datetime
    ended_at: dt.datetime | None = None
    user_agent: str | None = None


@dataclass(frozen=True, slots=True)
class ApiToken:
    """A personal API token for scripts: found by the hash of its secret, shown once."""

    id: int
    account_id: int
    name: str
    scope: Scope
    created_at: dt.datetime
    last_used_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class OneTimeLink:
    """A reset or pairing link: usable once (`used_at` set by the use), until `expires_at`."""

    id: int
    account_id: int
    purpose: LinkPurpose
    created_at: dt.datetime
    expires_at: dt.datetime
    used_at: dt.datetime | None = None
