"""The in-memory `uow.accounts` of tests/fakes.py: accounts, sessions, tokens, links, failures.

Rows live in `FakeData` (so the fake's transactions copy and undo them with the rest); each
repository reads them through the `FakeData` it is handed, as the athlete repositories do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import replace
from typing import TYPE_CHECKING

from hamcoach.domain.account_records import Account, ApiToken, AuthSession, OneTimeLink
from hamcoach.domain.accounts import LinkPurpose, Scope
from hamcoach.domain.errors import Conflict

if TYPE_CHECKING:
    from tests.fakes import FakeData


def _utc(at: dt.datetime) -> dt.datetime:
    if at.tzinfo is None:
        raise ValueError("naive datetime: times must carry a time zone")
    return at.astimezone(dt.UTC)


def _next_id(data: FakeData, table: str) -> int:
    data.last_ids[table] = data.last_ids.get(table, 0) + 1
    return data.last_ids[table]


def _with_athlete(data: FakeData, account: Account) -> Account:
    owned = next((a for a, owner in data.owners.items() if owner == account.id), None)
    return replace(account, athlete_id=owned)


class FakeUsers:
    def __init__(self, data: FakeData) -> None:
        self._d = data

    def add(
        self, username: str, password_hash: str | None, *, operator: bool, at: dt.datetime
    ) -> int:
        if any(a.username == username for a in self._d.accounts.values()):
            raise Conflict(f"a user named {username} already exists")
        account_id = _next_id(self._d, "account")
        at = _utc(at)
        self._d.accounts[account_id] = Account(
            account_id,
            username,
            password_hash,
            operator,
            at,
            password_changed_at=at if password_hash is not None else None,
        )
        return account_id

    def get(self, account_id: int) -> Account | None:
        found = self._d.accounts.get(account_id)
        return None if found is None else _with_athlete(self._d, found)

    def by_username(self, username: str) -> Account | None:
        found = next((a for a in self._d.accounts.values() if a.username == username), None)
        return None if found is None else _with_athlete(self._d, found)

    def all(self) -> list[Account]:
        found = sorted(self._d.accounts.values(), key=lambda a: a.username)
        return [_with_athlete(self._d, a) for a in found]

    def exists(self) -> bool:
        return bool(self._d.accounts)

    def set_password(self, account_id: int, password_hash: str, at: dt.datetime | None) -> None:
        found = self._d.accounts.get(account_id)
        if found is None:
            return
        changed = found.password_changed_at if at is None else _utc(at)
        self._d.accounts[account_id] = replace(
            found, password_hash=password_hash, password_changed_at=changed
        )

    def set_disabled(self, account_id: int, at: dt.datetime | None) -> None:
        found = self._d.accounts.get(account_id)
        if found is not None:
            disabled = None if at is None else _utc(at)
            self._d.accounts[account_id] = replace(found, disabled_at=disabled)

    def attach_athlete(self, account_id: int, athlete_id: int) -> bool:
        if athlete_id not in self._d.profiles:
            return False
        if any(o == account_id and a != athlete_id for a, o in self._d.owners.items()):
            raise Conflict("this account already has an athlete")
        self._d.owners[athlete_id] = account_id
        return True


class FakeAuthSessions:
    def __init__(self, data: FakeData) -> None:
        self._d = data

    def add(
        self,
        account_id: int,
        secret_hash: str,
        csrf_token: str,
        at: dt.datetime,
        user_agent: str | None,
    ) -> int:
        session_id = _next_id(self._d, "auth_session")
        at = _utc(at)
        self._d.auth_sessions[session_id] = (
            secret_hash,
            AuthSession(session_id, account_id, csrf_token, at, at, None, user_agent),
        )
        return session_id

    def find(self, secret_hash: str) -> tuple[AuthSession, Account] | None:
        for stored, found in self._d.auth_sessions.values():
            if stored == secret_hash:
                return found, _with_athlete(self._d, self._d.accounts[found.account_id])
        return None

    def find_many(self, secret_hashes: Collection[str]) -> dict[str, tuple[AuthSession, Account]]:
        return {h: f for h in secret_hashes if (f := self.find(h)) is not None}

    def _set(self, session_id: int, **changes: object) -> None:
        stored, found = self._d.auth_sessions[session_id]
        self._d.auth_sessions[session_id] = (stored, replace(found, **changes))  # type: ignore[arg-type]

    def touch(self, session_id: int, at: dt.datetime) -> None:
        if session_id in self._d.auth_sessions:
            self._set(session_id, last_seen_at=_utc(at))

    def end(self, session_id: int, at: dt.datetime) -> bool:
        found = self._d.auth_sessions.get(session_id)
        if found is None or found[1].ended_at is not None:
            return False
        self._set(session_id, ended_at=_utc(at))
        return True

    def end_all(self, account_id: int, at: dt.datetime) -> int:
        open_ones = [
            s.id
            for _, s in self._d.auth_sessions.values()
            if s.account_id == account_id and s.ended_at is None
        ]
        for session_id in open_ones:
            self._set(session_id, ended_at=_utc(at))
        return len(open_ones)

    def last_started(self) -> dict[int, dt.datetime]:
        latest: dict[int, dt.datetime] = {}
        for _, s in self._d.auth_sessions.values():
            latest[s.account_id] = max(latest.get(s.account_id, s.created_at), s.created_at)
        return latest


class FakeApiTokens:
    def __init__(self, data: FakeData) -> None:
        self._d = data

    def add(
        self, account_id: int, name: str, secret_hash: str, scope: Scope, at: dt.datetime
    ) -> int:
        token_id = _next_id(self._d, "api_token")
        self._d.api_tokens[token_id] = (
            secret_hash,
            ApiToken(token_id, account_id, name, scope, _utc(at)),
        )
        return token_id

    def find(self, secret_hash: str) -> tuple[ApiToken, Account] | None:
        for stored, found in self._d.api_tokens.values():
            if stored == secret_hash:
                return found, _with_athlete(self._d, self._d.accounts[found.account_id])
        return None

    def find_many(self, secret_hashes: Collection[str]) -> dict[str, tuple[ApiToken, Account]]:
        return {h: f for h in secret_hashes if (f := self.find(h)) is not None}

    def all(self, account_id: int) -> list[ApiToken]:
        mine = [t for _, t in self._d.api_tokens.values() if t.account_id == account_id]
        return sorted(mine, key=lambda t: (t.created_at, t.id))

    def touch(self, token_id: int, at: dt.datetime) -> None:
        if token_id in self._d.api_tokens:
            stored, found = self._d.api_tokens[token_id]
            self._d.api_tokens[token_id] = (stored, replace(found, last_used_at=_utc(at)))

    def revoke(self, account_id: int, token_id: int, at: dt.datetime) -> bool:
        stored_found = self._d.api_tokens.get(token_id)
        if stored_found is None:
            return False
        stored, found = stored_found
        if found.account_id != account_id or found.revoked_at is not None:
            return False
        self._d.api_tokens[token_id] = (stored, replace(found, revoked_at=_utc(at)))
        return True


class FakeLinks:
    def __init__(self, data: FakeData) -> None:
        self._d = data

    def add(
        self,
        account_id: int,
        secret_hash: str,
        purpose: LinkPurpose,
        at: dt.datetime,
        expires_at: dt.datetime,
    ) -> int:
        link_id = _next_id(self._d, "one_time_link")
        self._d.links[link_id] = (
            secret_hash,
            OneTimeLink(link_id, account_id, purpose, _utc(at), _utc(expires_at)),
        )
        return link_id

    def find(self, secret_hash: str) -> OneTimeLink | None:
        return next((link for s, link in self._d.links.values() if s == secret_hash), None)

    def consume(self, link_id: int, at: dt.datetime) -> bool:
        found = self._d.links.get(link_id)
        if found is None or found[1].used_at is not None:
            return False
        self._d.links[link_id] = (found[0], replace(found[1], used_at=_utc(at)))
        return True


class FakeLoginFailures:
    def __init__(self, data: FakeData) -> None:
        self._d = data

    def serialise(self, account_key: str | None, address: str) -> None:
        pass  # one fake, one thread: nothing runs beside a unit of work

    def add(self, account_key: str | None, address: str, at: dt.datetime) -> int:
        failure_id = _next_id(self._d, "login_failure")
        self._d.login_failures[failure_id] = (account_key, address, _utc(at))
        return failure_id

    def remove(self, failure_id: int) -> None:
        self._d.login_failures.pop(failure_id, None)

    def _newest(self, found: list[dt.datetime], limit: int) -> list[dt.datetime]:
        return sorted(found, reverse=True)[:limit]

    def for_account(self, account_key: str, since: dt.datetime, limit: int) -> list[dt.datetime]:
        found = [a for k, _, a in self._d.login_failures.values() if k == account_key and a > since]
        return self._newest(found, limit)

    def for_address(self, address: str, since: dt.datetime, limit: int) -> list[dt.datetime]:
        found = [a for _, k, a in self._d.login_failures.values() if k == address and a > since]
        return self._newest(found, limit)

    def clear_account(self, account_key: str) -> None:
        self._d.login_failures = {
            i: f for i, f in self._d.login_failures.items() if f[0] != account_key
        }

    def prune(self, before: dt.datetime) -> int:
        old = [i for i, (_, _, at) in self._d.login_failures.items() if at < before]
        for failure_id in old:
            del self._d.login_failures[failure_id]
        return len(old)


class FakeAccounts:
    def __init__(self, data: FakeData) -> None:
        self.users = FakeUsers(data)
        self.sessions = FakeAuthSessions(data)
        self.tokens = FakeApiTokens(data)
        self.links = FakeLinks(data)
        self.failures = FakeLoginFailures(data)
