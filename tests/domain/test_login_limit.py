"""The sign-in rate limit (domain/login_limit.py): at most 5 failures per account and 20 per
address in any 15 minutes, and a retry time that is exactly when an attempt is allowed again."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.accounts import ACCOUNT_FAILURES, ADDRESS_FAILURES, LOGIN_WINDOW
from hamcoach.domain.login_limit import login_verdict

NOW = dt.datetime(2026, 11, 3, 17, 30, tzinfo=dt.UTC)
# Failures from an hour ago to a little after now (another worker's clock may be ahead).
ages = st.timedeltas(min_value=dt.timedelta(seconds=-5), max_value=dt.timedelta(hours=1))
failures = st.lists(ages.map(lambda age: NOW - age), max_size=30)
TICK = dt.timedelta(microseconds=1)


def _recent(found: list[dt.datetime], now: dt.datetime) -> int:
    return sum(1 for at in found if at > now - LOGIN_WINDOW)


@given(account=failures, address=failures)
def test_allowed_exactly_while_both_are_under_their_limits(
    account: list[dt.datetime], address: list[dt.datetime]
) -> None:
    verdict = login_verdict(account, address, NOW)
    expected = _recent(account, NOW) < ACCOUNT_FAILURES and _recent(address, NOW) < ADDRESS_FAILURES
    assert verdict.allowed is expected
    assert (verdict.retry_at == NOW) is expected
    assert (verdict.retry_after(NOW) == 0) is expected


@given(account=failures, address=failures)
def test_a_refused_attempt_is_allowed_at_retry_at_and_not_a_moment_before(
    account: list[dt.datetime], address: list[dt.datetime]
) -> None:
    verdict = login_verdict(account, address, NOW)
    if verdict.allowed:
        return
    assert verdict.retry_at > NOW and verdict.retry_at <= NOW + LOGIN_WINDOW + dt.timedelta(
        seconds=5
    )
    assert verdict.retry_after(NOW) >= 1
    assert login_verdict(account, address, verdict.retry_at).allowed
    assert not login_verdict(account, address, verdict.retry_at - TICK).allowed


@given(account=failures, address=failures, data=st.data())
def test_only_the_newest_failures_matter_in_any_order(
    account: list[dt.datetime], address: list[dt.datetime], data: st.DataObject
) -> None:
    """What lets the repository read just the newest `limit` rows of each."""
    newest_account = sorted(account, reverse=True)[:ACCOUNT_FAILURES]
    newest_address = sorted(address, reverse=True)[:ADDRESS_FAILURES]
    shuffled = data.draw(st.permutations(account))
    assert login_verdict(newest_account, newest_address, NOW) == login_verdict(
        shuffled, address, NOW
    )


def test_five_quick_failures_lock_the_account_for_15_minutes_from_the_first() -> None:
    five = [NOW - dt.timedelta(minutes=m) for m in (4, 3, 2, 1, 0)]
    verdict = login_verdict(five, five, NOW)
    assert not verdict.allowed
    assert verdict.retry_at == NOW + dt.timedelta(minutes=11)
    assert verdict.retry_after(NOW) == 11 * 60
    assert login_verdict(five[:4], five, NOW).allowed  # four: one more guess


def test_an_address_may_fail_on_several_accounts_up_to_twenty() -> None:
    spread = [NOW - dt.timedelta(seconds=s) for s in range(19)]
    assert login_verdict([], spread, NOW).allowed
    assert not login_verdict([], [*spread, NOW], NOW).allowed
