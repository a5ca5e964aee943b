"""Clubs (services/clubs.py) on the fake unit of work: a head coach sees what the club's coaches
see and moves athletes between them; the head coach of another club sees nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from hamcoach.domain.coaching import Ended
from hamcoach.domain.errors import Forbidden, NotFound
from hamcoach.services.clubs import (
    club_of,
    club_rosters,
    heads_seeing,
    move_athlete,
    put_in_club,
)
from hamcoach.services.coaching import (
    accept_invitation,
    coached_caller,
    invite,
    my_coaches,
    set_coach,
)
from hamcoach.services.comments import post_comment, threads
from tests.fakes import FakeUnitOfWork
from tests.services.test_coaching import athlete_account, coach_account, sees

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def club() -> tuple[FakeUnitOfWork, dict[str, int], int, int]:
    """North: head hana, coaches cora and carl; South: head hugo. Ana is cora's athlete."""
    uow = FakeUnitOfWork()
    people = {name: coach_account(uow, name) for name in ("hana", "cora", "carl", "hugo")}
    put_in_club(uow, "hana", "North RC", NOW - dt.timedelta(days=1), head=True)
    put_in_club(uow, "cora", "North RC", NOW - dt.timedelta(days=1), head=False)
    put_in_club(
        uow, "carl", "  North   RC ", NOW - dt.timedelta(days=1), head=False
    )  # the same club, however spaced
    put_in_club(uow, "hugo", "South AC", NOW - dt.timedelta(days=1), head=True)
    account, ana = athlete_account(uow, "ana")
    accept_invitation(uow, invite(uow, people["cora"], NOW, "squad")[0], account, NOW)
    return uow, people, account, ana


def test_a_head_coach_sees_the_clubs_athletes_and_another_clubs_does_not() -> None:
    uow, people, account, ana = club()
    assert sees(uow, people["hana"], ana)
    assert not sees(uow, people["carl"], ana)  # a fellow coach is no head coach
    assert not sees(uow, people["hugo"], ana)  # the head coach of another club
    membership, rosters = club_rosters(uow, people["hana"], NOW)
    assert membership.club == "North RC"
    assert [(r.coach, r.head, [e.name for e in r.athletes]) for r in rosters] == [
        ("hana", True, []),
        ("carl", False, []),
        ("cora", False, ["Ana"]),
    ]
    with pytest.raises(Forbidden):
        club_rosters(uow, people["cora"], NOW)  # a coach of the club, not its head
    assert [n for r in club_rosters(uow, people["hugo"], NOW)[1] for n in r.athletes] == []
    assert club_of(uow, people["cora"]) == ("North RC", ["hana"])
    # Reading, not writing: the head coach reads the thread, only the linked coach writes.
    post_comment(uow, account, ana, NOW.date(), "sore calves", NOW)
    assert [s.comment.body for s in threads(uow, people["hana"], ana, [NOW.date()])[NOW.date()]]
    with pytest.raises(NotFound):
        post_comment(uow, people["hana"], ana, NOW.date(), "hello", NOW)
    with pytest.raises(NotFound):
        threads(uow, people["hugo"], ana, [NOW.date()])


def test_a_head_coach_moves_an_athlete_to_another_coach_of_the_club() -> None:
    uow, people, _, ana = club()
    later = NOW + dt.timedelta(days=1)
    with pytest.raises(NotFound):  # carl does not have her: the source coach must
        move_athlete(uow, people["hana"], ana, people["carl"], people["cora"], later)
    move_athlete(uow, people["hana"], ana, people["cora"], people["carl"], later)
    assert sees(uow, people["carl"], ana, later) and not sees(uow, people["cora"], ana, later)
    assert coached_caller(uow, people["hana"], ana, later).athlete_id == ana
    history = my_coaches(uow, ana)
    assert [(c.coach, c.ended_by) for c in history] == [("carl", None), ("cora", Ended.MOVED)]
    _, rosters = club_rosters(uow, people["hana"], later)
    carl = next(r for r in rosters if r.coach == "carl")
    assert [(e.name, e.group) for e in carl.athletes] == [("Ana", "squad")]  # the group moves too
    with pytest.raises(NotFound):  # not a coach of this club
        move_athlete(uow, people["hana"], ana, people["carl"], people["hugo"], later)
    with pytest.raises(NotFound):  # another club's head coach cannot reach the athlete
        move_athlete(uow, people["hugo"], ana, people["carl"], people["hugo"], later)
    with pytest.raises(Forbidden):
        move_athlete(uow, people["cora"], ana, people["carl"], people["cora"], later)


def test_a_head_coach_sees_only_athletes_who_accepted_after_both_joined() -> None:
    uow, people, _, ana = club()  # ana accepted cora's invitation after North was set up
    late = NOW + dt.timedelta(days=2)
    put_in_club(uow, "hugo", "North RC", late, head=True)  # a head appointed afterwards
    assert not sees(uow, people["hugo"], ana, late)
    assert sees(uow, people["hana"], ana, late)
    assert heads_seeing(uow, ana) == [("hana", "North RC")]  # what ana's Account page says
    # A coach who joins a club brings no earlier athlete into its head coach's view.
    account, ben = athlete_account(uow, "ben")
    otto = coach_account(uow, "otto")
    accept_invitation(uow, invite(uow, otto, NOW)[0], account, NOW)
    put_in_club(uow, "otto", "North RC", late, head=False)
    assert not sees(uow, people["hana"], ben, late)
    assert heads_seeing(uow, ben) == []
    _, rosters = club_rosters(uow, people["hana"], late)
    assert [e.name for r in rosters if r.coach == "otto" for e in r.athletes] == []


def test_an_athlete_moves_only_to_a_coach_who_can_coach() -> None:
    uow, people, _, ana = club()
    set_coach(uow, "carl", coach=False)
    with pytest.raises(NotFound):
        move_athlete(uow, people["hana"], ana, people["cora"], people["carl"], NOW)
    assert sees(uow, people["cora"], ana)  # nothing moved
