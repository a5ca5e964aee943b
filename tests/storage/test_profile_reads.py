"""A profile reads back as saved, inside the unit of work that changed it and in the next one
(the profile read runs below the ORM with a parse cache: neither may hide a change)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from hamcoach.domain.profile import Profile
from tests.services.backup_histories import profiles
from tests.storage.conftest import Make


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=profiles(), second=profiles())
def test_a_saved_profile_reads_back_before_and_after_its_commit(
    make: Make, first: Profile, second: Profile
) -> None:
    with make() as uow:
        athlete = uow.athletes.add(first)
        uow.commit()
    with make() as uow:
        assert uow.athlete(athlete).profile.get() == first
        uow.athlete(athlete).profile.save(second)
        assert uow.athlete(athlete).profile.get() == second  # not yet flushed nor committed
        uow.commit()
    with make() as uow:
        assert uow.athlete(athlete).profile.get() == second
        uow.athlete(athlete).profile.save(first)
        # Left without a commit: the next unit of work still reads the committed profile.
    with make() as uow:
        assert uow.athlete(athlete).profile.get() == second
