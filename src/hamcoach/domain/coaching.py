"""Coaches and the athletes who let them in: roles, invitations and links (pure rules).

A coach sees an athlete's training only through a live link, and a link exists only because the
athlete accepted the coach's invitation. What a linked coach sees is decided here, once:

- **All of the athlete's history, including what came before the link.** A coach judges an H:Q
  ratio, an asymmetry or a Nordic trend against the athlete's own earlier tests, and a runner
  who asks a coach in wants that baseline read. The athlete is told so before accepting
  (`WHAT_A_COACH_SEES`).
- **A club's head coach sees what its coaches see** (while the link to one of them is live),
  and nothing else; the invitation page names the club and its head coaches before the athlete
  accepts.
- **Nothing once the link ends.** Either side may end it (the athlete "leaves", the coach
  "removes"); the athlete keeps every set, test and run, and the coach's view of them is gone at
  once. An ended link is kept (who, since when, until when) so the athlete can see who saw their
  data and when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hamcoach.domain.errors import InvalidInput

INVITATION_LIFETIME = dt.timedelta(days=7)
GROUP_MAX = 40  # characters of a roster group's name ("Tuesday squad", "marathon 2027")

WHAT_A_COACH_SEES = (
    "Your coach will see your whole training record, including what you logged before today: "
    "sets, sessions, strength tests, runs, soreness and your profile. They cannot change your "
    "sets or tests. You can leave at any time on your Account page; you keep all your data, and "
    "the coach no longer sees any of it."
)


class Role(StrEnum):
    """What an account may do beyond training itself (an account with an athlete trains)."""

    COACH = "coach"


class Ended(StrEnum):
    """Who ended a link."""

    ATHLETE = "athlete"  # the athlete left
    COACH = "coach"  # the coach removed the athlete
    MOVED = "moved"  # the club's head coach moved the athlete to another of its coaches


class ClubRole(StrEnum):
    """A coach's place in a club: a head coach sees every athlete of the club's coaches
    (read-only, as their coach does) and moves athletes between them."""

    COACH = "coach"
    HEAD = "head"


@dataclass(frozen=True, slots=True)
class Membership:
    club_id: int
    club: str  # the club's name
    role: ClubRole
    joined_at: dt.datetime  # a head coach sees only links begun after both joined


def head_sees(link: CoachLink, coach: Membership, head: Membership) -> bool:
    """Whether the club's head coach sees through this link of one of its coaches: only when
    the athlete accepted after both were in the club (the invitation page named them then)."""
    return (
        coach.club_id == head.club_id
        and head.role is ClubRole.HEAD
        and link.ended_at is None
        and link.started_at >= max(coach.joined_at, head.joined_at)
    )


@dataclass(frozen=True, slots=True)
class Invitation:
    """A coach's one-time invitation, found by the hash of its secret (shown once, in a link
    and a QR code). `accepted_by` is the athlete who took it."""

    id: int
    coach_id: int  # an account
    created_at: dt.datetime
    expires_at: dt.datetime
    group: str | None = None
    revoked_at: dt.datetime | None = None
    accepted_at: dt.datetime | None = None
    accepted_by: int | None = None  # an athlete


@dataclass(frozen=True, slots=True)
class CoachLink:
    """A coach's view of one athlete, from the acceptance until either side ends it."""

    id: int
    coach_id: int  # an account
    athlete_id: int
    started_at: dt.datetime
    group: str | None = None
    ended_at: dt.datetime | None = None
    ended_by: Ended | None = None

    def live_at(self, at: dt.datetime) -> bool:
        return self.started_at <= at and (self.ended_at is None or at < self.ended_at)


def check_club_name(text: str) -> str:
    name = " ".join(text.split())
    if not 1 <= len(name) <= GROUP_MAX or not name.isprintable():
        raise InvalidInput(f"a club's name is 1-{GROUP_MAX} printable characters")
    return name


def invitation_expires_at(created_at: dt.datetime) -> dt.datetime:
    return created_at + INVITATION_LIFETIME


def invitation_problem(invitation: Invitation, now: dt.datetime) -> str | None:
    """Why an invitation cannot be accepted any more (in words for the athlete), or None."""
    if invitation.revoked_at is not None:
        return "the coach withdrew this invitation"
    if invitation.accepted_at is not None:
        return "this invitation was accepted already (an invitation works once)"
    if now >= invitation.expires_at:
        return f"this invitation expired on {invitation.expires_at:%Y-%m-%d %H:%M} UTC"
    return None


def pending(invitation: Invitation, now: dt.datetime) -> bool:
    """Still waiting for its athlete (what the coach's list of invitations shows)."""
    return invitation_problem(invitation, now) is None


def check_group(text: str | None) -> str | None:
    """A roster group's name, trimmed; None for no group. Printable text only, at most
    GROUP_MAX characters."""
    if text is None:
        return None
    name = " ".join(text.split())
    if not name:
        return None
    if len(name) > GROUP_MAX:
        raise InvalidInput(f"a group's name is at most {GROUP_MAX} characters")
    if not name.isprintable():
        raise InvalidInput("a group's name must be printable text")
    return name
