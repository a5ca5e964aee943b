"""The rules of accounts, pure: user names, passwords, token scopes, how long sessions and
one-time links live. Every limit is a named constant here, and only here.

Why each rule:
- User names are typed on a phone and shown in `hamcoach users list`: short, lower case, no
  spaces or look-alike letters from other scripts, so one person has one spelling.
- Passwords: length is what makes a password strong, so the floor is 10 characters and nothing
  else is demanded (no "one digit and one symbol" rules). The ceiling (200) bounds the work
  argon2 does for one request. "aaaaaaaaaa" and the user name itself are refused: they are the
  first guesses of anyone.
- Sessions die after 14 days unused and after 90 days in any case, so a phone left in a drawer
  or a stolen cookie does not stay signed in forever. `last_seen_at` is written at most once a
  minute: a burst of requests must not write on every request.
- Sign-in: at most 5 failures per account and 20 per address in 15 minutes (login_limit.py).
- Links: a pairing link is shown on a screen beside the phone and used within seconds (10
  minutes); a reset link is handed over by the operator, by chat or on paper (24 hours).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from enum import StrEnum

from hamcoach.domain.errors import Forbidden, InvalidInput, UnknownChoice, excerpt
from hamcoach.domain.values import check_name

USERNAME_MAX = 40
PASSWORD_MIN = 10
PASSWORD_MAX = 200
TOKEN_NAME_MAX = 60
USER_AGENT_MAX = 200
ADDRESS_MAX = 64  # an IPv6 address with a zone is at most 45 characters
SECRET_MAX = 128  # longer than any secret hamcoach hands out (43 characters)

SESSION_IDLE = dt.timedelta(days=14)
SESSION_ABSOLUTE = dt.timedelta(days=90)
TOUCH_EVERY = dt.timedelta(minutes=1)
PAIRING_LINK_LIFETIME = dt.timedelta(minutes=10)
RESET_LINK_LIFETIME = dt.timedelta(hours=24)
# The sign-in rate limit (domain/login_limit.py says why these).
LOGIN_WINDOW = dt.timedelta(minutes=15)
ACCOUNT_FAILURES = 5
ADDRESS_FAILURES = 20

_USERNAME = re.compile(r"[a-z0-9._-]+")


class Scope(StrEnum):
    """What a personal API token may do; `write` includes `read`."""

    READ = "read"
    WRITE = "write"

    def allows(self, needed: Scope) -> bool:
        return self is Scope.WRITE or needed is Scope.READ


class LinkPurpose(StrEnum):
    """What a one-time link is for: setting a new password, or signing a new device in."""

    RESET = "reset"
    PAIR = "pair"


LINK_LIFETIMES = {LinkPurpose.RESET: RESET_LINK_LIFETIME, LinkPurpose.PAIR: PAIRING_LINK_LIFETIME}


def normalise_username(text: str) -> str:
    """The user name as stored: lower case, 1-40 of `a-z 0-9 . _ -`, or InvalidInput."""
    name = text.strip().lower()
    if not name:
        raise InvalidInput("a user name is needed (1-40 letters, digits, '.', '_' or '-')")
    if len(name) > USERNAME_MAX:
        raise InvalidInput(
            f"a user name can be at most {USERNAME_MAX} characters (got {len(name)})"
        )
    if not _USERNAME.fullmatch(name):
        bad = next(c for c in name if not _USERNAME.fullmatch(c))
        raise InvalidInput(
            f"user name {excerpt(text)} has {bad!r}: use only letters a-z, digits, '.', '_' "
            "and '-' (no spaces)"
        )
    return name


def check_password(password: str, username: str) -> str:
    """`password` if it may be used by `username` (already normalised), or InvalidInput."""
    if len(password) < PASSWORD_MIN:
        raise InvalidInput(
            f"the password is too short: use at least {PASSWORD_MIN} characters (got "
            f"{len(password)}); a few words in a row are easy to remember and hard to guess"
        )
    if len(password) > PASSWORD_MAX:
        raise InvalidInput(
            f"the password is too long: use at most {PASSWORD_MAX} characters (got {len(password)})"
        )
    if len(set(password)) == 1:
        raise InvalidInput("the password is one character repeated: choose one hard to guess")
    if password.strip().lower() == username.lower():
        raise InvalidInput("the password is the user name: choose one hard to guess")
    return password


def check_token_name(name: str) -> str:
    """A token's name as stored (what it is for: "watch sync"), one printable line."""
    return check_name(name, "a token's name", TOKEN_NAME_MAX)


def parse_scope(text: str) -> Scope:
    try:
        return Scope(text.strip().lower())
    except ValueError:
        raise UnknownChoice("token scope", text, (s.value for s in Scope)) from None


def require_scope(granted: Scope, needed: Scope) -> None:
    """Forbidden unless a token of scope `granted` may do what needs `needed`."""
    if not granted.allows(needed):
        raise Forbidden(f"this token is {granted.value}-only; this needs a {needed.value} token")


def digest(secret: str) -> str:
    """What is stored of a secret (session, token, link): its SHA-256, in hex.

    A plain hash suffices: the secrets are 256 random bits, not guessable passwords; a stolen
    database then holds nothing that signs anyone in.
    """
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def session_expires_at(created_at: dt.datetime, last_seen_at: dt.datetime) -> dt.datetime:
    """When a session dies: 14 days after it was last used, 90 after it began, what comes first."""
    return min(last_seen_at + SESSION_IDLE, created_at + SESSION_ABSOLUTE)


def session_alive(created_at: dt.datetime, last_seen_at: dt.datetime, now: dt.datetime) -> bool:
    return now < session_expires_at(created_at, last_seen_at)


def needs_touch(last_seen_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a use at `now` is worth writing down (at most once a minute)."""
    return last_seen_at is None or now - last_seen_at >= TOUCH_EVERY


def link_expires_at(purpose: LinkPurpose, created_at: dt.datetime) -> dt.datetime:
    return created_at + LINK_LIFETIMES[purpose]
