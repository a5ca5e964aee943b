"""Onboarding in accounts mode: the first profile of an account creates its athlete; a second
first onboarding (two tabs, a retry, two workers) updates that athlete instead of failing."""

from __future__ import annotations

import datetime as dt

from hamcoach.domain.profile import Profile
from hamcoach.services.accounts import add_user
from hamcoach.services.profile import save_profile
from tests.fakes import FakeUnitOfWork

NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
TODAY = NOW.date()


def _account(uow: FakeUnitOfWork, name: str) -> int:
    return add_user(uow, name, None, now=NOW)


def test_a_first_onboarding_creates_the_accounts_athlete_and_a_second_updates_it() -> None:
    uow = FakeUnitOfWork()
    ana, ben = _account(uow, "ana"), _account(uow, "ben")
    first = save_profile(
        uow,
        Profile(name="Ana", equipment=frozenset({"towel"})),
        TODAY,
        account_id=ana,
        athlete_id=None,
    )
    # The second request was identified before the first committed: it still says "no athlete".
    again = save_profile(
        uow,
        Profile(name="Ana B.", equipment=frozenset({"towel"})),
        TODAY,
        account_id=ana,
        athlete_id=None,
    )
    assert again == first
    with uow:
        assert uow.athlete(first).profile.get().name == "Ana B."
        assert uow.accounts.users.get(ana).athlete_id == first  # type: ignore[union-attr]
        assert uow.athletes.ids() == [first]
    other = save_profile(
        uow,
        Profile(name="Ben", equipment=frozenset({"towel"})),
        TODAY,
        account_id=ben,
        athlete_id=None,
    )
    assert other != first
    with uow:
        assert uow.athlete(first).profile.get().name == "Ana B."  # untouched by ben's
