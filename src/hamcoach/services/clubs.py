"""Clubs: coaches grouped under head coaches (the operator puts coaches in a club from the CLI).

A head coach sees every athlete linked to the club's coaches, each roster as its coach sees it,
and moves an athlete from one of the club's coaches to another (the athlete's old link ends as
"moved", the new one starts with the same group; the athlete's data never moves, only who sees
it). A head coach changes no one's training; their own athletes are their own roster.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.coaching import (
    ClubRole,
    Ended,
    Membership,
    Role,
    check_club_name,
    head_sees,
)
from hamcoach.domain.errors import Conflict, Forbidden, NotFound
from hamcoach.domain.roster import Entry, select
from hamcoach.services.accounts import find_account
from hamcoach.services.coaching import require_coach
from hamcoach.services.ports import UnitOfWorkPort
from hamcoach.services.roster import entries_for_links


@dataclass(frozen=True)
class CoachRoster:
    coach_id: int
    coach: str
    head: bool
    athletes: list[Entry]


def put_in_club(
    uow: UnitOfWorkPort, username: str, club: str, now: dt.datetime, *, head: bool
) -> Membership:
    """Make the account a coach of `club` (made if new), as its head coach when `head`. A head
    coach sees only the athletes who accept after this (they were told about the club)."""
    name = check_club_name(club)
    with uow:
        account = find_account(uow, username)
        uow.coaching.roles.grant(account.id, Role.COACH)
        club_id = uow.coaching.clubs.add(name)
        role = ClubRole.HEAD if head else ClubRole.COACH
        uow.coaching.clubs.join(club_id, account.id, role, now)
        uow.commit()
    return Membership(club_id, name, role, now)


def leave_club(uow: UnitOfWorkPort, username: str) -> bool:
    with uow:
        left = uow.coaching.clubs.leave(find_account(uow, username).id)
        uow.commit()
    return left


def _head(uow: UnitOfWorkPort, account_id: int) -> Membership:
    require_coach(uow, account_id)
    membership = uow.coaching.clubs.membership(account_id)
    if membership is None or membership.role is not ClubRole.HEAD:
        raise Forbidden("only a club's head coach can do this: ask the operator")
    return membership


def club_rosters(
    uow: UnitOfWorkPort, head_id: int, now: dt.datetime
) -> tuple[Membership, list[CoachRoster]]:
    """The club and each of its coaches with their athletes (head coaches first)."""
    with uow:
        membership = _head(uow, head_id)
        rosters = []
        for coach_id, role in uow.coaching.clubs.members(membership.club_id):
            account = uow.accounts.users.get(coach_id)
            coach = uow.coaching.clubs.membership(coach_id)
            links = [
                link
                for link in uow.coaching.links.of_coach(coach_id)
                if coach_id == head_id or (coach is not None and head_sees(link, coach, membership))
            ]
            entries = select(entries_for_links(uow, links, now))
            name = account.username if account else "(a removed account)"
            rosters.append(CoachRoster(coach_id, name, role is ClubRole.HEAD, entries))
    rosters.sort(key=lambda r: (not r.head, r.coach))
    return membership, rosters


def move_athlete(
    uow: UnitOfWorkPort,
    head_id: int,
    athlete_id: int,
    from_coach_id: int,
    to_coach_id: int,
    now: dt.datetime,
) -> None:
    """Move the athlete from one of the club's coaches to another (a coach of the club who can
    sign in and still holds the coach role)."""
    with uow:
        membership = _head(uow, head_id)
        members = dict(uow.coaching.clubs.members(membership.club_id))
        target = uow.accounts.users.get(to_coach_id)
        if (
            to_coach_id not in members
            or target is None
            or target.disabled
            or Role.COACH not in uow.coaching.roles.of(to_coach_id)
        ):
            raise NotFound(f"no coach {to_coach_id} in {membership.club}")
        current = uow.coaching.links.live(from_coach_id, athlete_id, lock=True)
        if from_coach_id not in members or current is None:
            raise NotFound(f"no athlete {athlete_id} with that coach in {membership.club}")
        if from_coach_id == to_coach_id:
            return
        # The end is conditional: if the athlete left meanwhile, nothing moves.
        if not uow.coaching.links.end(from_coach_id, athlete_id, now, Ended.MOVED):
            raise Conflict("the athlete left that coach meanwhile: nothing was moved")
        uow.coaching.links.start(to_coach_id, athlete_id, now, current.group)
        uow.commit()


def club_of(uow: UnitOfWorkPort, coach_id: int) -> tuple[str, list[str]] | None:
    """The coach's club and its head coaches' names (what an invitation tells the athlete)."""
    with uow:
        membership = uow.coaching.clubs.membership(coach_id)
        if membership is None:
            return None
        heads = []
        for account_id, role in uow.coaching.clubs.members(membership.club_id):
            account = uow.accounts.users.get(account_id)
            if role is ClubRole.HEAD and account is not None and account_id != coach_id:
                heads.append(account.username)
        return membership.club, sorted(heads)


def headed_club(uow: UnitOfWorkPort, account_id: int) -> str | None:
    """The name of the club the account is head coach of, if any."""
    with uow:
        membership = uow.coaching.clubs.membership(account_id)
        return membership.club if membership and membership.role is ClubRole.HEAD else None


def check_head(uow: UnitOfWorkPort, account_id: int) -> Membership:
    """The club the account heads, or Forbidden."""
    with uow:
        return _head(uow, account_id)


def heads_seeing(uow: UnitOfWorkPort, athlete_id: int) -> list[tuple[str, str]]:
    """(head coach, club) of everyone who sees the athlete as a club's head coach."""
    with uow:
        found = []
        for link in uow.coaching.links.of_athlete(athlete_id):
            coach = uow.coaching.clubs.membership(link.coach_id)
            if link.ended_at is not None or coach is None:
                continue
            for account_id, role in uow.coaching.clubs.members(coach.club_id):
                head = uow.coaching.clubs.membership(account_id)
                account = uow.accounts.users.get(account_id)
                if (
                    role is ClubRole.HEAD
                    and head is not None
                    and account is not None
                    and account_id != link.coach_id
                    and head_sees(link, coach, head)
                ):
                    found.append((account.username, coach.club))
        return sorted(set(found))
