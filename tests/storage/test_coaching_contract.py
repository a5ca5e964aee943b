"""`uow.coaching` behaves alike on the fake, SQLite and PostgreSQL: roles, invitations (one
acceptance or withdrawal wins), one live link per coach and athlete, ended links kept as history,
and an athlete's deletion taking their links with them; acceptances racing each other on
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from hamcoach.config import Settings
from hamcoach.domain.coaching import ClubRole, CoachLink, Ended, Membership, Role
from hamcoach.domain.errors import Conflict, NotFound
from hamcoach.domain.profile import Profile
from hamcoach.domain.programme import Choice, Kind, Setting
from hamcoach.services.accounts import add_user, attach_athlete
from hamcoach.services.coaching import accept_invitation, invite, set_coach
from hamcoach.services.programme import change_programme
from hamcoach.storage.store import open_store
from tests.dbs import database
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


def test_comments_are_threads_per_day_and_a_coach_reads_up_to_a_time(make: Make) -> None:
    cora, otto, ana, ben = _people(make)
    day, other = AT.date(), LATER.date()
    with make() as uow:
        mine = uow.athlete(ana).comments
        first = mine.add(day, cora, "Good work <b>today</b>", AT)
        mine.add(other, otto, "Later day", LATER)
        mine.add(day, otto, "Second on the day", LATER)
        uow.athlete(ben).comments.add(day, cora, "Ben's own", AT)
        uow.coaching.links.start(cora, ana, AT, None)
        uow.commit()
    with make() as uow:
        mine = uow.athlete(ana).comments
        found = mine.on([day, other])
        assert [(c.date, c.body) for c in found] == [
            (day, "Good work <b>today</b>"),
            (day, "Second on the day"),
            (other, "Later day"),
        ]
        assert found[0].id == first and found[0].author_id == cora and found[0].created_at == AT
        assert [c.body for c in mine.on([other])] == ["Later day"]
        assert mine.on([]) == []
        assert uow.coaching.roster.unread(cora) == {ana: 2}  # otto's two, not cora's own
        assert uow.coaching.roster.unread(cora, [ben]) == {}
        uow.coaching.links.mark_seen(cora, ana, AT)  # read up to AT: both later ones are new
        assert uow.coaching.roster.unread(cora, [ana]) == {ana: 2}
        uow.coaching.links.mark_seen(cora, ana, LATER)
        uow.coaching.links.mark_seen(otto, ana, LATER)  # no link: nothing to mark
        uow.commit()
    with make() as uow:
        assert uow.coaching.roster.unread(cora) == {}
        assert uow.coaching.roster.unread(otto) == {}  # not linked: no roster, nothing new
        uow.athlete(ana).profile.delete_athlete()
        uow.commit()
    with make() as uow:
        assert uow.athlete(ana).comments.on([day, other]) == []
        assert [c.body for c in uow.athlete(ben).comments.on([day])] == ["Ben's own"]


THREE = Setting(Kind.SESSIONS, sessions=3)
TAPER = Setting(Kind.PHASE, Choice.TAPER, until=dt.date(2026, 12, 20))
NO_NORDIC = Setting(Kind.EXERCISE, Choice.EXCLUDE, exercise="nordic-curl")


def test_programme_changes_come_back_in_the_order_made_with_the_coach_name(make: Make) -> None:
    cora, otto, ana, ben = _people(make)
    monday = dt.date(2026, 12, 7)
    with make() as uow:
        uow.athlete(ana).programme.add(cora, THREE, monday, LATER)
        uow.athlete(ana).programme.add(otto, TAPER, monday, AT)
        uow.athlete(ana).programme.add(otto, NO_NORDIC, monday, AT)
        uow.athlete(ben).programme.add(cora, Setting(Kind.SESSIONS, sessions=2), monday, AT)
        uow.commit()
    with make() as uow:
        found = uow.athlete(ana).programme.all()
        # Every kind's columns come back as they went in.
        assert [(c.coach, c.setting, c.effective, c.made_at) for c in found] == [
            ("otto", TAPER, monday, AT),
            ("otto", NO_NORDIC, monday, AT),
            ("cora", THREE, monday, LATER),
        ]
        assert [c.setting.sessions for c in uow.athlete(ben).programme.all()] == [2]
        uow.athlete(ana).profile.delete_athlete()
        uow.commit()
    with make() as uow:
        assert uow.athlete(ana).programme.all() == []


def test_clubs_are_made_once_and_a_coach_belongs_to_one(make: Make) -> None:
    cora, otto, _, _ = _people(make)
    with make() as uow:
        clubs = uow.coaching.clubs
        north = clubs.add("North RC")
        assert clubs.add("North RC") == north
        south = clubs.add("South AC")
        clubs.join(north, cora, ClubRole.HEAD, AT)
        clubs.join(north, otto, ClubRole.COACH, AT)
        uow.commit()
    with make() as uow:
        clubs = uow.coaching.clubs
        assert clubs.membership(cora) == Membership(north, "North RC", ClubRole.HEAD, AT)
        assert clubs.members(north) == sorted([(cora, ClubRole.HEAD), (otto, ClubRole.COACH)])
        clubs.join(south, otto, ClubRole.HEAD, LATER)  # moving clubs leaves the old one
        uow.commit()
    with make() as uow:
        clubs = uow.coaching.clubs
        assert clubs.members(north) == [(cora, ClubRole.HEAD)]
        assert clubs.membership(otto) == Membership(south, "South AC", ClubRole.HEAD, LATER)
        assert clubs.leave(otto) and not clubs.leave(otto)
        uow.commit()
    with make() as uow:
        assert uow.coaching.clubs.membership(otto) is None


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_programme_change_racing_a_leave_changes_nothing(kind: str, tmp_path: Path) -> None:
    """The athlete leaves in one transaction while the coach's change is written in another:
    the change must not land on someone who is no longer linked."""
    with database(kind, tmp_path) as url:
        store = open_store(Settings(url, tmp_path))
        try:
            with store.uow() as uow:
                cora = uow.accounts.users.add("cora", None, operator=False, at=AT)
                ana = uow.athletes.add(Profile(name="Ana", equipment=frozenset({"towel"})))
                uow.coaching.roles.grant(cora, Role.COACH)
                uow.coaching.links.start(cora, ana, AT, None)
                uow.commit()
            ended, release = threading.Event(), threading.Event()

            def leave() -> None:
                with store.uow() as uow:
                    assert uow.coaching.links.end(cora, ana, LATER, Ended.ATHLETE)
                    ended.set()
                    release.wait(10)
                    uow.commit()

            leaving = threading.Thread(target=leave)
            leaving.start()
            assert ended.wait(10)
            threading.Timer(0.3, release.set).start()  # the leave commits while we write
            with pytest.raises(NotFound):
                change_programme(
                    store.uow(), cora, [ana], Setting(Kind.SESSIONS, sessions=3), AT.date(), AT
                )
            leaving.join(10)
            with store.uow() as uow:
                assert uow.athlete(ana).programme.all() == []
                assert uow.coaching.links.live(cora, ana) is None
        finally:
            store.close()


def _race(count: int, work: Callable[[int], object]) -> list[object]:
    """`work(k)` for k < count, each on its own thread, let go at the same moment; what each
    returned or raised."""
    start = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(k: int) -> None:
        start.wait(10)
        try:
            results[k] = work(k)
        except Exception as exc:  # the outcome under test, kept for the assertions
            results[k] = exc

    threads = [threading.Thread(target=run, args=(k,)) for k in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_one_invitation_opened_by_many_at_once_links_one_athlete(kind: str, tmp_path: Path) -> None:
    with database(kind, tmp_path) as url:
        store = open_store(Settings(url, tmp_path))
        try:
            cora = add_user(store.uow(), "cora", None, now=AT)
            set_coach(store.uow(), "cora", coach=True)
            accounts = []
            for k in range(6):
                account = add_user(store.uow(), f"runner{k}", None, now=AT)
                with store.uow() as uow:
                    athlete = uow.athletes.add(Profile(name=f"Runner {k}"))
                    uow.commit()
                attach_athlete(store.uow(), account, athlete)
                accounts.append(account)
            secret, _ = invite(store.uow(), cora, AT)
            results = _race(6, lambda k: accept_invitation(store.uow(), secret, accounts[k], AT))
            won = [r for r in results if isinstance(r, CoachLink)]
            assert len(won) == 1, results
            assert all(isinstance(r, Conflict) for r in results if r not in won), results
            with store.uow() as uow:
                assert [link.athlete_id for link in uow.coaching.links.of_coach(cora)] == [
                    won[0].athlete_id
                ]
        finally:
            store.close()


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_an_athlete_taking_two_invitations_of_a_coach_at_once_has_one_live_link(
    kind: str, tmp_path: Path
) -> None:
    with database(kind, tmp_path) as url:
        store = open_store(Settings(url, tmp_path))
        try:
            cora = add_user(store.uow(), "cora", None, now=AT)
            set_coach(store.uow(), "cora", coach=True)
            account = add_user(store.uow(), "ana", None, now=AT)
            with store.uow() as uow:
                athlete = uow.athletes.add(Profile(name="Ana"))
                uow.commit()
            attach_athlete(store.uow(), account, athlete)
            secrets = [invite(store.uow(), cora, AT)[0] for _ in range(4)]
            results = _race(4, lambda k: accept_invitation(store.uow(), secrets[k], account, AT))
            assert all(isinstance(r, CoachLink) for r in results), results
            assert len({r.id for r in results if isinstance(r, CoachLink)}) == 1
            with store.uow() as uow:
                assert len(uow.coaching.links.of_coach(cora)) == 1
                assert (
                    len([x for x in uow.coaching.links.of_athlete(athlete) if x.ended_at is None])
                    == 1
                )
        finally:
            store.close()
