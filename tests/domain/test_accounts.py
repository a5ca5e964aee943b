"""The rules of accounts (domain/accounts.py): user names, passwords, scopes, how long sessions
and one-time links live. Properties over any input, not a few examples."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hamcoach.domain.accounts import (
    PAIRING_LINK_LIFETIME,
    PASSWORD_MAX,
    PASSWORD_MIN,
    RESET_LINK_LIFETIME,
    SESSION_ABSOLUTE,
    SESSION_IDLE,
    TOKEN_NAME_MAX,
    TOUCH_EVERY,
    USERNAME_MAX,
    LinkPurpose,
    Scope,
    check_password,
    check_token_name,
    digest,
    link_expires_at,
    needs_touch,
    normalise_username,
    parse_scope,
    require_scope,
    session_alive,
    session_expires_at,
)
from hamcoach.domain.errors import Forbidden, InvalidInput, UnknownChoice

NAME_CHARS = string.ascii_lowercase + string.digits + "._-"
names = st.text(alphabet=NAME_CHARS, min_size=1, max_size=USERNAME_MAX)
T0 = dt.datetime(2026, 11, 3, 17, 30, tzinfo=dt.UTC)
times = st.datetimes(
    min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1), timezones=st.just(dt.UTC)
)
spans = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=200))


@given(name=names, upper=st.lists(st.booleans(), max_size=USERNAME_MAX), pad=st.booleans())
def test_a_valid_name_is_lowered_and_stays_itself(name: str, upper: list[bool], pad: bool) -> None:
    flags = (upper + [False] * len(name))[: len(name)]
    typed = "".join(c.upper() if u else c for c, u in zip(name, flags, strict=True))
    typed = f"  {typed}\t" if pad else typed
    assert normalise_username(typed) == name
    assert normalise_username(name) == name  # idempotent


@given(name=names, bad=st.characters(exclude_characters=NAME_CHARS + string.ascii_uppercase))
def test_any_other_character_is_refused_by_name(name: str, bad: str) -> None:
    assume(not bad.isspace() and bad.lower() not in NAME_CHARS)
    assume(len(bad.strip().lower()) == 1)  # e.g. "İ" lowers to two characters
    typed = name[: USERNAME_MAX - 1] + bad
    with pytest.raises(InvalidInput, match="use only letters a-z"):
        normalise_username(typed)


@given(extra=st.integers(1, 100))
def test_names_have_a_length_limit_and_a_floor(extra: int) -> None:
    with pytest.raises(InvalidInput, match=f"at most {USERNAME_MAX} characters"):
        normalise_username("a" * (USERNAME_MAX + extra))
    with pytest.raises(InvalidInput, match="a user name is needed"):
        normalise_username(" " * extra)


def test_spaces_inside_a_name_are_refused_with_a_reason() -> None:
    with pytest.raises(InvalidInput, match=r"' '.*no spaces"):
        normalise_username("ana lopez")


@given(password=st.text(min_size=PASSWORD_MIN, max_size=PASSWORD_MAX), name=names)
def test_a_password_is_allowed_exactly_when_the_rules_allow_it(password: str, name: str) -> None:
    allowed = len(set(password)) > 1 and password.strip().lower() != name
    if allowed:
        assert check_password(password, name) == password
    else:
        with pytest.raises(InvalidInput, match="hard to guess"):
            check_password(password, name)


@given(length=st.integers(0, PASSWORD_MIN - 1) | st.integers(PASSWORD_MAX + 1, 1000))
def test_passwords_too_short_or_too_long_say_the_limit(length: int) -> None:
    password = ("ab" * 600)[:length]
    limit = PASSWORD_MIN if length < PASSWORD_MIN else PASSWORD_MAX
    with pytest.raises(InvalidInput, match=f"{limit} characters") as refused:
        check_password(password, "ana")
    assert f"got {length}" in refused.value.message


@given(char=st.characters(), times_=st.integers(PASSWORD_MIN, PASSWORD_MAX))
def test_one_character_repeated_is_refused(char: str, times_: int) -> None:
    with pytest.raises(InvalidInput, match="one character repeated"):
        check_password(char * times_, "ana")


def test_the_user_name_as_password_is_refused_in_any_case() -> None:
    with pytest.raises(InvalidInput, match="is the user name"):
        check_password("Ana.Lopez.1", "ana.lopez.1")


@given(granted=st.sampled_from(Scope), needed=st.sampled_from(Scope))
def test_write_includes_read_and_read_only_reads(granted: Scope, needed: Scope) -> None:
    allowed = granted is Scope.WRITE or needed is Scope.READ
    assert granted.allows(needed) is allowed
    if allowed:
        require_scope(granted, needed)
    else:
        with pytest.raises(Forbidden, match="read-only"):
            require_scope(granted, needed)


@given(scope=st.sampled_from(Scope), pad=st.booleans())
def test_scopes_parse_from_their_names(scope: Scope, pad: bool) -> None:
    text = f" {scope.value.upper()} " if pad else scope.value
    assert parse_scope(text) is scope


def test_an_unknown_scope_names_the_allowed_ones() -> None:
    with pytest.raises(UnknownChoice, match="allowed: read, write"):
        parse_scope("admin")


def test_token_names_are_one_short_line() -> None:
    assert check_token_name("  watch sync ") == "watch sync"
    for bad in ("", "   ", "x" * (TOKEN_NAME_MAX + 1), "two\nlines"):
        with pytest.raises(InvalidInput):
            check_token_name(bad)


@given(created=times, idle=spans, age=spans)
def test_a_session_lives_until_idle_or_too_old(
    created: dt.datetime, idle: dt.timedelta, age: dt.timedelta
) -> None:
    last_seen = created + min(age, SESSION_ABSOLUTE)
    now = last_seen + idle
    alive = session_alive(created, last_seen, now)
    assert alive == (idle < SESSION_IDLE and now - created < SESSION_ABSOLUTE)
    expires = session_expires_at(created, last_seen)
    assert expires <= created + SESSION_ABSOLUTE and expires <= last_seen + SESSION_IDLE
    assert session_alive(created, last_seen, expires - dt.timedelta(microseconds=1))
    assert not session_alive(created, last_seen, expires)


@given(created=times, uses=st.lists(st.timedeltas(dt.timedelta(0), dt.timedelta(days=13))))
def test_a_session_used_every_fortnight_still_ends_at_90_days(
    created: dt.datetime, uses: list[dt.timedelta]
) -> None:
    seen = created
    for gap in uses:
        seen += gap
    assert session_alive(created, seen, seen) == (seen - created < SESSION_ABSOLUTE)


@given(last=times, gap=st.timedeltas(dt.timedelta(seconds=-120), dt.timedelta(minutes=10)))
def test_a_use_is_written_down_at_most_once_a_minute(last: dt.datetime, gap: dt.timedelta) -> None:
    assert needs_touch(last, last + gap) == (gap >= TOUCH_EVERY)
    assert needs_touch(None, last)


@given(created=times, purpose=st.sampled_from(LinkPurpose))
def test_links_live_10_minutes_for_pairing_and_a_day_for_reset(
    created: dt.datetime, purpose: LinkPurpose
) -> None:
    lifetime = PAIRING_LINK_LIFETIME if purpose is LinkPurpose.PAIR else RESET_LINK_LIFETIME
    assert link_expires_at(purpose, created) - created == lifetime
    expected = dt.timedelta(minutes=10) if purpose is LinkPurpose.PAIR else dt.timedelta(days=1)
    assert link_expires_at(purpose, created) == created + expected


@given(secret=st.text(), other=st.text())
def test_a_digest_is_hex_sha256_and_tells_secrets_apart(secret: str, other: str) -> None:
    found = digest(secret)
    assert len(found) == 64 and set(found) <= set("0123456789abcdef")
    assert (found == digest(other)) == (secret == other)
