"""Coaches and their athletes: the role, invitations, accepting, leaving, and the coach's view.

The rules of who sees what are `domain.coaching`'s; this is where they are kept. An invitation's
secret is returned once (for its link and QR code) and stored only as its SHA-256. A coach reaches
an athlete's data only through `coached_caller`, which refuses unless a link is live, so every
coach route is one check away from the athlete's own use-cases (read-only: a coach's caller is
never handed to a use-case that writes the athlete's training).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hamcoach.domain.accounts import SECRET_MAX, digest
from hamcoach.domain.coaching import (
    ClubRole,
    CoachLink,
    Ended,
    Invitation,
    Role,
    check_group,
    head_sees,
    invitation_expires_at,
    invitation_problem,
    pending,
)
from hamcoach.domain.errors import Conflict, Forbidden, InvalidInput, NoProfile, NotFound
from hamcoach.services.accounts import find_account
from hamcoach.services.caller import Caller, caller_for
from hamcoach.services.passwords import new_secret
from hamcoach.services.ports import UnitOfWorkPort

ASK_COACH = "ask your coach for a new invitation"


@dataclass(frozen=True, slots=True)
class InvitationSeen:
    """What an athlete is shown before accepting: who invites, into which group, until when."""

    coach_id: int
    coach: str  # the coach's user name
    group: str | None
    expires_at: dt.datetime


@dataclass(frozen=True, slots=True)
class CoachSeen:
    """One of the athlete's coaches, now or before (an ended link says until when)."""

    coach_id: int
    coach: str
    since: dt.datetime
    until: dt.datetime | None
    ended_by: Ended | None


@dataclass(frozen=True, slots=True)
class AthleteSeen:
    """One athlete on a coach's roster."""

    athlete_id: int
    name: str
    since: dt.datetime
    group: str | None


def set_coach(uow: UnitOfWorkPort, username: str, *, coach: bool) -> bool:
    """Give (or take back) the coach role; whether anything changed. Taking it back ends no
    link: the coach's athletes stay linked and are seen again if the role returns."""
    with uow:
        account = find_account(uow, username)
        roles = uow.coaching.roles
        changed = (
            roles.grant(account.id, Role.COACH) if coach else roles.revoke(account.id, Role.COACH)
        )
        uow.commit()
    return changed


def is_coach(uow: UnitOfWorkPort, account_id: int) -> bool:
    with uow:
        return Role.COACH in uow.coaching.roles.of(account_id)


def require_coach(uow: UnitOfWorkPort, account_id: int) -> None:
    account = uow.accounts.users.get(account_id)
    if account is None or account.disabled or Role.COACH not in uow.coaching.roles.of(account_id):
        raise Forbidden("only a coach can do this: ask the operator to make you a coach")


def invite(
    uow: UnitOfWorkPort, coach_id: int, now: dt.datetime, group: str | None = None
) -> tuple[str, Invitation]:
    """A new invitation (7 days, one use): its secret, shown once, and the invitation."""
    group = check_group(group)
    secret = new_secret()
    with uow:
        require_coach(uow, coach_id)
        expires = invitation_expires_at(now)
        found = uow.coaching.invitations
        invitation_id = found.add(coach_id, digest(secret), now, expires, group)
        uow.commit()
    return secret, Invitation(invitation_id, coach_id, now, expires, group)


def open_invitations(uow: UnitOfWorkPort, coach_id: int, now: dt.datetime) -> list[Invitation]:
    """The coach's invitations still waiting for an athlete, newest first."""
    with uow:
        require_coach(uow, coach_id)
        return [i for i in uow.coaching.invitations.of_coach(coach_id) if pending(i, now)]


def revoke_invitation(
    uow: UnitOfWorkPort, coach_id: int, invitation_id: int, now: dt.datetime
) -> None:
    with uow:
        require_coach(uow, coach_id)
        if not uow.coaching.invitations.revoke(coach_id, invitation_id, now):
            raise NotFound(f"no open invitation {invitation_id} of yours")
        uow.commit()


def _usable(uow: UnitOfWorkPort, secret: str, now: dt.datetime) -> Invitation:
    invitation = None
    if secret and len(secret) <= SECRET_MAX:
        invitation = uow.coaching.invitations.find(digest(secret))
    if invitation is None:
        raise NotFound(f"this invitation link is not valid: {ASK_COACH}")
    problem = invitation_problem(invitation, now)
    if problem is not None:
        raise Conflict(f"{problem}: {ASK_COACH}")
    coach = uow.accounts.users.get(invitation.coach_id)
    if coach is None or coach.disabled:
        raise Conflict(f"the coach who sent this invitation can no longer sign in: {ASK_COACH}")
    if Role.COACH not in uow.coaching.roles.of(coach.id):
        raise Conflict(f"{coach.username} no longer coaches on this server")
    return invitation


def peek_invitation(uow: UnitOfWorkPort, secret: str, now: dt.datetime) -> InvitationSeen:
    """What accepting would mean; the invitation stays open (a link preview cannot use it)."""
    with uow:
        invitation = _usable(uow, secret, now)
        coach = uow.accounts.users.get(invitation.coach_id)
        assert coach is not None  # _usable found it
        return InvitationSeen(
            invitation.coach_id, coach.username, invitation.group, invitation.expires_at
        )


def accept_invitation(
    uow: UnitOfWorkPort, secret: str, account_id: int, now: dt.datetime
) -> CoachLink:
    """Accept as the signed-in account: its athlete gets linked to the coach (once, however
    often the link is opened and by however many at once: one acceptance wins)."""
    with uow:
        invitation = _usable(uow, secret, now)
        account = uow.accounts.users.get(account_id)
        if account is None or account.athlete_id is None:
            raise NoProfile
        if invitation.coach_id == account_id:
            raise InvalidInput("this is your own invitation: send its link to your athlete")
        if not uow.coaching.invitations.accept(invitation.id, account.athlete_id, now):
            raise Conflict(f"this invitation was accepted already: {ASK_COACH}")
        link = uow.coaching.links.start(
            invitation.coach_id, account.athlete_id, now, invitation.group
        )
        uow.commit()
    return link


def my_coaches(uow: UnitOfWorkPort, athlete_id: int) -> list[CoachSeen]:
    """The athlete's coaches, live first, then those who saw their data before."""
    with uow:
        links = uow.coaching.links.of_athlete(athlete_id)
        seen = []
        for link in links:
            coach = uow.accounts.users.get(link.coach_id)
            name = coach.username if coach is not None else "(a removed account)"
            seen.append(
                CoachSeen(link.coach_id, name, link.started_at, link.ended_at, link.ended_by)
            )
    return sorted(seen, key=lambda c: c.until is not None)


def leave_coach(uow: UnitOfWorkPort, athlete_id: int, coach_id: int, now: dt.datetime) -> None:
    """The athlete ends the link: the coach sees nothing from now on; the data stays theirs."""
    with uow:
        if not uow.coaching.links.end(coach_id, athlete_id, now, Ended.ATHLETE):
            raise NotFound(f"no coach {coach_id} sees your data")
        uow.commit()


def my_athletes(uow: UnitOfWorkPort, coach_id: int) -> list[AthleteSeen]:
    """The coach's linked athletes, in the order they joined."""
    with uow:
        require_coach(uow, coach_id)
        return [
            AthleteSeen(
                link.athlete_id,
                uow.athlete(link.athlete_id).profile.get().name,
                link.started_at,
                link.group,
            )
            for link in uow.coaching.links.of_coach(coach_id)
        ]


def remove_athlete(uow: UnitOfWorkPort, coach_id: int, athlete_id: int, now: dt.datetime) -> None:
    with uow:
        require_coach(uow, coach_id)
        if not uow.coaching.links.end(coach_id, athlete_id, now, Ended.COACH):
            raise NotFound(f"no athlete {athlete_id} on your roster")
        uow.commit()


def visible_link(uow: UnitOfWorkPort, viewer_id: int, athlete_id: int) -> CoachLink | None:
    """Inside an open unit of work: the live link through which `viewer_id` (a coach) sees the
    athlete: their own, or, for a club's head coach, one of the club's coaches'. None: the
    viewer sees nothing of this athlete."""
    own = uow.coaching.links.live(viewer_id, athlete_id)
    if own is not None:
        return own
    head = uow.coaching.clubs.membership(viewer_id)
    if head is None or head.role is not ClubRole.HEAD:
        return None
    for coach_id, _ in uow.coaching.clubs.members(head.club_id):
        link = uow.coaching.links.live(coach_id, athlete_id)
        coach = uow.coaching.clubs.membership(coach_id)
        if link is not None and coach is not None and head_sees(link, coach, head):
            return link
    return None


def coached_caller(uow: UnitOfWorkPort, coach_id: int, athlete_id: int, now: dt.datetime) -> Caller:
    """The athlete as their linked coach (or the club's head coach) sees them, or NotFound (an
    unlinked coach learns nothing, not even whether the athlete exists)."""
    with uow:
        require_coach(uow, coach_id)
        if visible_link(uow, coach_id, athlete_id) is None:
            raise NotFound(f"no athlete {athlete_id} on your roster")
    return caller_for(uow, athlete_id, now)


def links_to(uow: UnitOfWorkPort, coach_id: int, athlete_id: int) -> bool:
    """Whether the coach has a live link of their own to the athlete (not through a club)."""
    with uow:
        return uow.coaching.links.live(coach_id, athlete_id) is not None
