"""`uow.coaching` behaves alike on the fake, SQLite and PostgreSQL: roles, invitations (one
acceptance or withdrawal wins), one live link per coach and athlete, ended links kept as history,
and an athlete's deletion taking their links with them."""

from __future__ import annotations

import datetime as dt

from hamcoach.domain.coaching import Ended, Role
from hamcoach.domain.profile import Profile
from tests.storage.conftest import Make

AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
LATER = AT + dt.timedelta(days=3)


def _people(make: Make) -> tuple[int, int, int, int]:
    """Two coach accounts and two athletes."""
    with make() as uow:
        cora = uow.accounts.users.add("cora", None, operator=False, at=AT)
        otto = uow.accounts.users.add("otto", None, operator=False, at=AT)
        ana = uow.athletes.add(Profile(name="Ana"))
        ben = uow.athletes.add(Profile(name="Ben"))
        uow.commit()
    return cora, otto, ana, ben


def test_roles_are_granted_and_taken_back_once(make: Make) -> None:
    cora, otto, _, _ = _people(make)
    with make() as uow:
        roles = uow.coaching.roles
        assert roles.of(cora) == frozenset()
        assert roles.grant(cora, Role.COACH)
        assert not roles.grant(cora, Role.COACH)
        uow.commit()
    with make() as uow:
        assert uow.coaching.roles.of(cora) == {Role.COACH}
        assert uow.coaching.roles.of(otto) == frozenset()
        assert uow.coaching.roles.revoke(cora, Role.COACH)
        assert not uow.coaching.roles.revoke(cora, Role.COACH)
        uow.commit()
    with make() as uow:
        assert uow.coaching.roles.of(cora) == frozenset()


def test_invitations_are_found_by_hash_and_close_once(make: Make) -> None:
    cora, otto, ana, ben = _people(make)
    with make() as uow:
        found = uow.coaching.invitations
        first = found.add(cora, "a" * 64, AT, LATER, "squad")
        second = found.add(cora, "b" * 64, LATER, LATER + LATER.resolution, None)
        found.add(otto, "c" * 64, AT, LATER, None)
        uow.commit()
    with make() as uow:
        found = uow.coaching.invitations
        got = found.find("a" * 64)
        assert got is not None
        assert (got.id, got.coach_id, got.group, got.created_at, got.expires_at) == (
            first,
            cora,
            "squad",
            AT,
            LATER,
        )
        assert found.find("d" * 64) is None
        assert [i.id for i in found.of_coach(cora)] == [second, first]  # newest first
        assert not found.revoke(otto, first, AT)  # not otto's
        assert found.accept(first, ana, LATER)
        assert not found.accept(first, ben, LATER)  # one acceptance wins
        assert not found.revoke(cora, first, LATER)  # accepted: nothing to withdraw
        assert found.revoke(cora, second, LATER)
        assert not found.accept(second, ben, LATER)  # withdrawn
        uow.commit()
    with make() as uow:
        closed = {i.id: i for i in uow.coaching.invitations.of_coach(cora)}
        assert (closed[first].accepted_at, closed[first].accepted_by) == (LATER, ana)
        assert closed[first].revoked_at is None
        assert (closed[second].revoked_at, closed[second].accepted_by) == (LATER, None)


def test_one_live_link_per_pair_and_ended_links_stay_as_history(make: Make) -> None:
    cora, otto, ana, ben = _people(make)
    with make() as uow:
        links = uow.coaching.links
        link = links.start(cora, ana, AT, "squad")
        assert links.start(cora, ana, LATER, None) == link  # the live one, not a second
        links.start(otto, ana, AT, None)
        links.start(cora, ben, LATER, None)
        uow.commit()
    with make() as uow:
        links = uow.coaching.links
        assert links.live(cora, ana) == link
        assert [(x.athlete_id, x.group) for x in links.of_coach(cora)] == [
            (ana, "squad"),
            (ben, None),
        ]
        assert links.end(cora, ana, LATER, Ended.ATHLETE)
        assert not links.end(cora, ana, LATER, Ended.ATHLETE)
        uow.commit()
    with make() as uow:
        links = uow.coaching.links
        assert links.live(cora, ana) is None
        assert [x.athlete_id for x in links.of_coach(cora)] == [ben]
        again = links.start(cora, ana, LATER + dt.timedelta(days=1), None)
        assert again.id != link.id
        history = links.of_athlete(ana)
        assert [(x.coach_id, x.ended_by) for x in history] == [
            (cora, None),
            (otto, None),
            (cora, Ended.ATHLETE),
        ]
        assert history[-1].ended_at == LATER
        assert history[-1].live_at(AT) and not history[-1].live_at(LATER)
        uow.commit()
    with make() as uow:
        uow.athlete(ana).profile.delete_athlete()
        uow.commit()
    with make() as uow:
        assert uow.coaching.links.of_athlete(ana) == []
        assert [x.athlete_id for x in uow.coaching.links.of_coach(cora)] == [ben]
