"""The fake unit of work is a unit of work: mypy checks it against the ports here."""

from __future__ import annotations

from hamcoach.services.ports import UnitOfWorkPort
from tests.fakes import FakeUnitOfWork


def test_the_fake_is_a_unit_of_work() -> None:
    uow: UnitOfWorkPort = FakeUnitOfWork()  # mypy checks the protocols here
    with uow:
        assert uow.athletes.ids() == []
