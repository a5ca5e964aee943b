"""One-time links: a password reset the operator hands over (there is no mail server), and the
pairing link a new phone opens from a QR code.

Only the SHA-256 of a link's secret is stored; the secret itself is returned once, to be shown.
A link works once and for a short time (domain.accounts: 24 hours, 10 minutes). Opening the
page of a link (`peek_link`) does not use it, so a chat app's preview cannot spend it; the
form's answer does (`use_link`, `reset_password`, or `auth.sign_in_with_link`).
"""

from __future__ import annotations

import datetime as dt

from hamcoach.domain.account_records import OneTimeLink
from hamcoach.domain.accounts import (
    SECRET_MAX,
    LinkPurpose,
    check_password,
    digest,
    link_expires_at,
)
from hamcoach.domain.errors import NotFound, Unauthorized
from hamcoach.services.accounts import find_account, store_password
from hamcoach.services.passwords import Hasher, default_hasher, new_secret
from hamcoach.services.ports import UnitOfWorkPort

ASK_AGAIN = "ask the operator for a new one"


def _new_link(uow: UnitOfWorkPort, account_id: int, purpose: LinkPurpose, now: dt.datetime) -> str:
    secret = new_secret()
    expires = link_expires_at(purpose, now)
    uow.accounts.links.add(account_id, digest(secret), purpose, now, expires)
    return secret


def reset_link(uow: UnitOfWorkPort, username: str, now: dt.datetime) -> str:
    """The secret of a password-reset link for `username` (24 hours, one use)."""
    with uow:
        account = find_account(uow, username)
        secret = _new_link(uow, account.id, LinkPurpose.RESET, now)
        uow.commit()
    return secret


def pairing_link(uow: UnitOfWorkPort, account_id: int, now: dt.datetime) -> str:
    """The secret of a link that signs a new device in as `account_id` (10 minutes, one use)."""
    with uow:
        account = uow.accounts.users.get(account_id)
        if account is None:
            raise NotFound(f"no account {account_id}")
        if account.disabled:
            raise Unauthorized(f"{account.username} is disabled: no device can sign in as them")
        secret = _new_link(uow, account.id, LinkPurpose.PAIR, now)
        uow.commit()
    return secret


def _usable(
    uow: UnitOfWorkPort, secret: str, purpose: LinkPurpose, now: dt.datetime
) -> OneTimeLink:
    link = None
    if secret and len(secret) <= SECRET_MAX:
        link = uow.accounts.links.find(digest(secret))
    if link is None or link.purpose is not purpose:
        raise Unauthorized(f"this link is not a valid {purpose.value} link: {ASK_AGAIN}")
    if link.used_at is not None:
        raise Unauthorized(f"this link was used already (a link works once): {ASK_AGAIN}")
    if now >= link.expires_at:
        raise Unauthorized(
            f"this link expired at {link.expires_at:%Y-%m-%d %H:%M} UTC: {ASK_AGAIN}"
        )
    return link


def take_link(uow: UnitOfWorkPort, secret: str, purpose: LinkPurpose, now: dt.datetime) -> int:
    """Inside an open unit of work: use the link, or Unauthorized (unknown, used, expired);
    the account it was for. Of two uses at once exactly one gets past `consume`."""
    link = _usable(uow, secret, purpose, now)
    if not uow.accounts.links.consume(link.id, now):
        raise Unauthorized(f"this link was used already (a link works once): {ASK_AGAIN}")
    return link.account_id


def peek_link(uow: UnitOfWorkPort, secret: str, purpose: LinkPurpose, now: dt.datetime) -> int:
    """The account a link is for, if it can still be used; the link stays unused."""
    with uow:
        return _usable(uow, secret, purpose, now).account_id


def use_link(uow: UnitOfWorkPort, secret: str, purpose: LinkPurpose, now: dt.datetime) -> int:
    """Use a link once: the account it was for; Unauthorized when unknown, used or expired."""
    with uow:
        account_id = take_link(uow, secret, purpose, now)
        uow.commit()
    return account_id


def reset_password(
    uow: UnitOfWorkPort,
    secret: str,
    password: str,
    now: dt.datetime,
    *,
    hasher: Hasher | None = None,
) -> int:
    """Set a new password through a reset link, in one unit of work (the link is used only if
    the password is taken); every session of the account ends. The account's id."""
    with uow:
        account_id = _usable(uow, secret, LinkPurpose.RESET, now).account_id
        account = uow.accounts.users.get(account_id)
    if account is None:
        raise Unauthorized(f"this link is not a valid reset link: {ASK_AGAIN}")
    hashed = (hasher or default_hasher()).hash(check_password(password, account.username))
    with uow:
        take_link(uow, secret, LinkPurpose.RESET, now)
        store_password(uow, account_id, hashed, now)
        uow.commit()
    return account_id
