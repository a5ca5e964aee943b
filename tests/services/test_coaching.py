"""Coaches and athletes (services/coaching.py) on the fake unit of work: the coach role,
invitations that expire and can be withdrawn, accepting once, leaving, and the rule that a coach
sees an athlete exactly while a link is live."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.domain.coaching import INVITATION_LIFETIME, Ended
from hamcoach.domain.errors import Conflict, Forbidden, InvalidInput, NoProfile, NotFound
from hamcoach.domain.profile import Profile
from hamcoach.services.accounts import add_user, attach_athlete
from hamcoach.services.coaching import (
    accept_invitation,
    coached_caller,
    invite,
    leave_coach,
    my_athletes,
    my_coaches,
    open_invitations,
    peek_invitation,
    remove_athlete,
    revoke_invitation,
    set_coach,
)
from tests.fakes import FakeUnitOfWork

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def athlete_account(uow: FakeUnitOfWork, name: str) -> tuple[int, int]:
    """(account id, athlete id) of a new onboarded account."""
    account = add_user(uow, name, None, now=NOW)
    with uow:
        athlete = uow.athletes.add(Profile(name=name.title(), equipment=frozenset({"towel"})))
        uow.commit()
    attach_athlete(uow, account, athlete)
    return account, athlete


def coach_account(uow: FakeUnitOfWork, name: str) -> int:
    account = add_user(uow, name, None, now=NOW)
    assert set_coach(uow, name, coach=True)
    return account


def sees(uow: FakeUnitOfWork, coach: int, athlete: int, at: dt.datetime = NOW) -> bool:
    try:
        return coached_caller(uow, coach, athlete, at).athlete_id == athlete
    except NotFound:
        return False


def test_only_a_coach_invites_and_the_role_can_be_taken_back() -> None:
    uow = FakeUnitOfWork()
    add_user(uow, "cora", None, now=NOW)
    account = add_user(uow, "dan", None, now=NOW)
    with pytest.raises(Forbidden, match="coach"):
        invite(uow, account, NOW)
    assert set_coach(uow, "dan", coach=True)
    assert not set_coach(uow, "dan", coach=True)  # held already: nothing changes
    secret, invitation = invite(uow, account, NOW, group="  Tuesday   squad ")
    assert invitation.group == "Tuesday squad"
    assert invitation.expires_at == NOW + INVITATION_LIFETIME
    assert len(secret) >= 40
    assert set_coach(uow, "dan", coach=False)
    with pytest.raises(Forbidden):
        invite(uow, account, NOW)
    with pytest.raises(Conflict, match="no longer coaches"):  # its old invitation is dead too
        peek_invitation(uow, secret, NOW)


def test_accepting_links_once_and_only_the_linked_coach_sees() -> None:
    uow = FakeUnitOfWork()
    coach, other = coach_account(uow, "cora"), coach_account(uow, "otto")
    ana_account, ana = athlete_account(uow, "ana")
    _, ben = athlete_account(uow, "ben")
    secret, _ = invite(uow, coach, NOW, group="marathon")
    seen = peek_invitation(uow, secret, NOW)
    assert (seen.coach, seen.group) == ("cora", "marathon")
    assert peek_invitation(uow, secret, NOW) == seen  # looking does not use it
    assert not sees(uow, coach, ana)
    link = accept_invitation(uow, secret, ana_account, NOW + dt.timedelta(hours=1))
    assert (link.coach_id, link.athlete_id, link.group) == (coach, ana, "marathon")
    assert sees(uow, coach, ana)
    assert not sees(uow, other, ana)  # another coach
    assert not sees(uow, coach, ben)  # an athlete who never accepted
    assert not sees(uow, coach, 999)  # nobody: the same answer as for someone unlinked
    with pytest.raises(Conflict, match="accepted already"):
        accept_invitation(uow, secret, ana_account, NOW)
    assert [a.name for a in my_athletes(uow, coach)] == ["Ana"]
    assert open_invitations(uow, coach, NOW) == []


def test_an_invitation_expires_after_seven_days_and_can_be_withdrawn() -> None:
    uow = FakeUnitOfWork()
    coach = coach_account(uow, "cora")
    ana_account, ana = athlete_account(uow, "ana")
    secret, invitation = invite(uow, coach, NOW)
    ends = invitation.expires_at
    with pytest.raises(Conflict, match="expired"):
        accept_invitation(uow, secret, ana_account, ends)
    assert open_invitations(uow, coach, ends) == []
    assert accept_invitation(uow, secret, ana_account, ends - dt.timedelta(seconds=1))

    withdrawn, second = invite(uow, coach, NOW)
    assert [i.id for i in open_invitations(uow, coach, NOW)] == [second.id]
    with pytest.raises(NotFound):  # not another coach's to withdraw
        revoke_invitation(uow, coach_account(uow, "otto"), second.id, NOW)
    revoke_invitation(uow, coach, second.id, NOW)
    with pytest.raises(Conflict, match="withdrew"):
        accept_invitation(uow, withdrawn, ana_account, NOW)
    with pytest.raises(NotFound):  # once withdrawn, there is nothing left to withdraw
        revoke_invitation(uow, coach, second.id, NOW)
    with pytest.raises(NotFound, match="not valid"):
        peek_invitation(uow, "not-a-secret", NOW)
    assert sees(uow, coach, ana)


def test_leaving_ends_the_view_keeps_the_data_and_the_history() -> None:
    uow = FakeUnitOfWork()
    coach = coach_account(uow, "cora")
    ana_account, ana = athlete_account(uow, "ana")
    accept_invitation(uow, invite(uow, coach, NOW)[0], ana_account, NOW)
    later = NOW + dt.timedelta(days=30)
    leave_coach(uow, ana, coach, later)
    assert not sees(uow, coach, ana, later)
    with uow:
        assert uow.athlete(ana).profile.get().name == "Ana"  # the athlete keeps everything
    [before] = my_coaches(uow, ana)
    assert (before.coach, before.until, before.ended_by) == ("cora", later, Ended.ATHLETE)
    with pytest.raises(NotFound):
        leave_coach(uow, ana, coach, later)
    # Invited again: a new link, the old one stays in the history.
    accept_invitation(uow, invite(uow, coach, later)[0], ana_account, later)
    assert sees(uow, coach, ana, later)
    assert [c.until for c in my_coaches(uow, ana)] == [None, later]
    remove_athlete(uow, coach, ana, later)
    assert not sees(uow, coach, ana, later)
    assert my_coaches(uow, ana)[0].ended_by is Ended.COACH


def test_an_account_cannot_accept_its_own_invitation_nor_before_onboarding() -> None:
    uow = FakeUnitOfWork()
    coach = coach_account(uow, "cora")
    secret, _ = invite(uow, coach, NOW)
    with pytest.raises(NoProfile):  # the coach has no athlete of their own yet
        accept_invitation(uow, secret, coach, NOW)
    with uow:
        athlete = uow.athletes.add(Profile(name="Cora"))
        uow.commit()
    attach_athlete(uow, coach, athlete)
    with pytest.raises(InvalidInput, match="your own invitation"):
        accept_invitation(uow, secret, coach, NOW)
    newcomer = add_user(uow, "nina", None, now=NOW)
    with pytest.raises(NoProfile):
        accept_invitation(uow, secret, newcomer, NOW)
    assert [i.accepted_at for i in open_invitations(uow, coach, NOW)] == [None]  # still open


# A random life of one coach and two athletes: invitations made, accepted, withdrawn, links
# ended by either side, time passing. After every step the coach sees an athlete exactly when
# the simple model below says a link is live.
steps = st.lists(
    st.one_of(
        st.tuples(st.just("invite")),
        st.tuples(st.just("accept"), st.integers(0, 5), st.integers(0, 1)),
        st.tuples(st.just("revoke"), st.integers(0, 5)),
        st.tuples(st.just("leave"), st.integers(0, 1)),
        st.tuples(st.just("remove"), st.integers(0, 1)),
        st.tuples(st.just("wait"), st.integers(1, 10)),
    ),
    max_size=25,
)


@settings(max_examples=150)
@given(steps=steps)
def test_a_coach_sees_an_athlete_exactly_while_linked(steps: list[tuple[object, ...]]) -> None:
    uow = FakeUnitOfWork()
    coach = coach_account(uow, "cora")
    athletes = [athlete_account(uow, "ana"), athlete_account(uow, "ben")]
    now = NOW
    made: list[tuple[str, int, dt.datetime]] = []  # secret, id, expires
    used: set[int] = set()  # accepted or withdrawn
    linked = [False, False]
    for step in steps:
        kind = step[0]
        if kind == "invite":
            secret, invitation = invite(uow, coach, now)
            made.append((secret, invitation.id, invitation.expires_at))
        elif kind == "accept" and made:
            secret, invitation_id, expires = made[int(str(step[1])) % len(made)]
            who = int(str(step[2]))
            can = invitation_id not in used and now < expires
            try:
                accept_invitation(uow, secret, athletes[who][0], now)
                assert can, "an expired, used or withdrawn invitation was accepted"
                used.add(invitation_id)
                linked[who] = True
            except Conflict:
                assert not can, "an open invitation was refused"
        elif kind == "revoke" and made:
            _, invitation_id, _ = made[int(str(step[1])) % len(made)]
            try:
                revoke_invitation(uow, coach, invitation_id, now)
                assert invitation_id not in used
                used.add(invitation_id)
            except NotFound:
                assert invitation_id in used
        elif kind in ("leave", "remove"):
            who = int(str(step[1]))
            try:
                if kind == "leave":
                    leave_coach(uow, athletes[who][1], coach, now)
                else:
                    remove_athlete(uow, coach, athletes[who][1], now)
                assert linked[who]
                linked[who] = False
            except NotFound:
                assert not linked[who]
        elif kind == "wait":
            now += dt.timedelta(days=int(str(step[1])))
        for who, (_, athlete) in enumerate(athletes):
            assert sees(uow, coach, athlete, now) == linked[who]
    assert {a.athlete_id for a in my_athletes(uow, coach)} == {
        athletes[who][1] for who in (0, 1) if linked[who]
    }
