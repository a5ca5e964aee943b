"""The operator's jobs on accounts: add, list, set a password, disable (the CLI's `users`).

Accounts mode is on once the database holds an account; until then hamcoach is the local
single-user app it always was, and nothing here runs.

The first account takes the athlete of an existing single-user database: added to a database
holding exactly one athlete (and no account), it becomes that athlete's owner, so upgrading
loses nothing. Later accounts start without an athlete; onboarding creates one with
`uow.athletes.add(profile, owner=account_id)` in its own unit of work, and `attach_athlete`
gives an existing athlete to an account.

Every function takes the unit of work and the time (`now`, aware); a password is hashed before
the unit of work opens, so no transaction waits on argon2.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.account_records import Account
from hamcoach.domain.accounts import check_password, normalise_username
from hamcoach.domain.coaching import Role
from hamcoach.domain.errors import Conflict, NotFound
from hamcoach.services.passwords import Hasher, default_hasher
from hamcoach.services.ports import UnitOfWorkPort


@dataclass(frozen=True, slots=True)
class UserSummary:
    """One line of `hamcoach users list`."""

    id: int
    username: str
    is_operator: bool
    has_password: bool
    disabled_at: dt.datetime | None
    athlete_id: int | None
    athlete_name: str | None
    last_sign_in: dt.datetime | None
    is_coach: bool = False


def accounts_mode(uow: UnitOfWorkPort) -> bool:
    """Whether the database holds an account (then every request must say who asks).

    It never goes back off (accounts are disabled, not deleted), so a worker may keep a True
    for its life and ask again only while it is False.
    """
    with uow:
        return uow.accounts.users.exists()


def find_account(uow: UnitOfWorkPort, username: str) -> Account:
    """The account named `username`, inside an open unit of work, or NotFound."""
    name = normalise_username(username)
    found = uow.accounts.users.by_username(name)
    if found is None:
        raise NotFound(f"no user named {name}; `hamcoach users list` shows them")
    return found


def add_user(
    uow: UnitOfWorkPort,
    username: str,
    password: str | None,
    *,
    operator: bool = False,
    now: dt.datetime,
    hasher: Hasher | None = None,
) -> int:
    """A new account (without a password when `password` is None: a reset link sets it).

    The first account of a database with exactly one athlete takes that athlete.
    """
    name = normalise_username(username)
    hashed = None
    if password is not None:
        hashed = (hasher or default_hasher()).hash(check_password(password, name))
    with uow:
        users = uow.accounts.users
        if users.by_username(name) is not None:
            raise Conflict(f"a user named {name} already exists")
        first = not users.exists()
        account_id = users.add(name, hashed, operator=operator, at=now)
        if first:
            unowned = uow.athletes.without_account()
            if len(unowned) == 1 and uow.athletes.ids() == unowned:
                users.attach_athlete(account_id, unowned[0])
        uow.commit()
    return account_id


def attach_athlete(uow: UnitOfWorkPort, account_id: int, athlete_id: int) -> None:
    """Give an athlete no account owns to an account that has none."""
    with uow:
        account = uow.accounts.users.get(account_id)
        if account is None:
            raise NotFound(f"no account {account_id}")
        if account.athlete_id is not None:
            raise Conflict(f"{account.username} already has an athlete")
        if athlete_id not in uow.athletes.without_account():
            if athlete_id in uow.athletes.ids():
                raise Conflict(f"athlete {athlete_id} belongs to another account")
            raise NotFound(f"no athlete {athlete_id}")
        uow.accounts.users.attach_athlete(account_id, athlete_id)
        uow.commit()


def list_users(uow: UnitOfWorkPort) -> list[UserSummary]:
    """Every account, by name, with its athlete and when it last signed in."""
    with uow:
        last = uow.accounts.sessions.last_started()
        found = []
        for a in uow.accounts.users.all():
            athlete = None if a.athlete_id is None else uow.athlete(a.athlete_id).profile.get()
            found.append(
                UserSummary(
                    a.id,
                    a.username,
                    a.is_operator,
                    a.password_hash is not None,
                    a.disabled_at,
                    a.athlete_id,
                    None if athlete is None else athlete.name,
                    last.get(a.id),
                    Role.COACH in uow.coaching.roles.of(a.id),
                )
            )
        return found


def set_password(
    uow: UnitOfWorkPort,
    username: str,
    password: str,
    now: dt.datetime,
    *,
    hasher: Hasher | None = None,
) -> None:
    """A new password for `username` (the operator's reset); every session of theirs ends."""
    name = normalise_username(username)
    hashed = (hasher or default_hasher()).hash(check_password(password, name))
    with uow:
        account = find_account(uow, name)
        store_password(uow, account.id, hashed, now)
        uow.commit()


def store_password(uow: UnitOfWorkPort, account_id: int, hashed: str, now: dt.datetime) -> None:
    """Inside an open unit of work: the new hash, every session ended, failures forgotten (the
    person can sign in with it at once)."""
    accounts = uow.accounts
    accounts.users.set_password(account_id, hashed, now)
    accounts.sessions.end_all(account_id, now)
    account = accounts.users.get(account_id)
    if account is not None:
        accounts.failures.clear_account(account.username)


def disable_user(uow: UnitOfWorkPort, username: str, now: dt.datetime) -> None:
    """Refuse `username` any further sign-in and end their sessions. Their tokens stay (they
    stop working while the account is disabled) and so does their data."""
    with uow:
        account = find_account(uow, username)
        if account.disabled_at is None:
            uow.accounts.users.set_disabled(account.id, now)
        uow.accounts.sessions.end_all(account.id, now)
        uow.commit()


def enable_user(uow: UnitOfWorkPort, username: str) -> None:
    """Let a disabled account sign in again (its old sessions stay ended)."""
    with uow:
        account = find_account(uow, username)
        uow.accounts.users.set_disabled(account.id, None)
        uow.commit()
