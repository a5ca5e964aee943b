"""Coaching, reached as `UnitOfWork.coaching`: roles, a coach's invitations and the links that
let a coach see an athlete. Not scoped to an athlete: these rows are what grant access."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Row, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hamcoach.domain.coaching import ClubRole, CoachLink, Ended, Invitation, Membership, Role
from hamcoach.storage.repositories.roster_rows import RosterRowRepository
from hamcoach.storage.tables import (
    AccountRoleRow,
    ClubMemberRow,
    ClubRow,
    CoachInvitationRow,
    CoachLinkRow,
)

_INVITATION = (
    CoachInvitationRow.id,
    CoachInvitationRow.coach_id,
    CoachInvitationRow.created_at,
    CoachInvitationRow.expires_at,
    CoachInvitationRow.group_name,
    CoachInvitationRow.revoked_at,
    CoachInvitationRow.accepted_at,
    CoachInvitationRow.accepted_by,
)
_LINK = (
    CoachLinkRow.id,
    CoachLinkRow.coach_id,
    CoachLinkRow.athlete_id,
    CoachLinkRow.started_at,
    CoachLinkRow.group_name,
    CoachLinkRow.ended_at,
    CoachLinkRow.ended_by,
)


def _invitation(values: Row[*tuple[Any, ...]] | tuple[Any, ...]) -> Invitation:
    return Invitation(*values)


def _link(values: Row[*tuple[Any, ...]] | tuple[Any, ...]) -> CoachLink:
    link_id, coach_id, athlete_id, started, group, ended, ended_by = values
    by = None if ended_by is None else Ended(ended_by)
    return CoachLink(link_id, coach_id, athlete_id, started, group, ended, by)


class RoleRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def of(self, account_id: int) -> frozenset[Role]:
        found = self._s.scalars(
            select(AccountRoleRow.role).where(AccountRoleRow.account_id == account_id)
        )
        return frozenset(Role(r) for r in found)

    def grant(self, account_id: int, role: Role) -> bool:
        """Give the role; False when the account held it already."""
        if role in self.of(account_id):
            return False
        try:
            with self._s.begin_nested():  # granted twice at once: one insert wins
                self._s.add(AccountRoleRow(account_id=account_id, role=role.value))
        except IntegrityError:
            return False
        return True

    def revoke(self, account_id: int, role: Role) -> bool:
        result = self._s.execute(
            delete(AccountRoleRow).where(
                AccountRoleRow.account_id == account_id, AccountRoleRow.role == role.value
            )
        )
        return getattr(result, "rowcount", 0) == 1


class InvitationRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(
        self,
        coach_id: int,
        secret_hash: str,
        at: dt.datetime,
        expires_at: dt.datetime,
        group: str | None,
    ) -> int:
        row = CoachInvitationRow(
            coach_id=coach_id,
            secret_hash=secret_hash,
            group_name=group,
            created_at=at,
            expires_at=expires_at,
        )
        self._s.add(row)
        self._s.flush()
        return row.id

    def find(self, secret_hash: str) -> Invitation | None:
        found = self._s.execute(
            select(*_INVITATION).where(CoachInvitationRow.secret_hash == secret_hash)
        ).first()
        return None if found is None else _invitation(found)

    def of_coach(self, coach_id: int) -> list[Invitation]:
        """Every invitation the coach made, newest first."""
        rows = self._s.execute(
            select(*_INVITATION)
            .where(CoachInvitationRow.coach_id == coach_id)
            .order_by(CoachInvitationRow.created_at.desc(), CoachInvitationRow.id.desc())
        )
        return [_invitation(r) for r in rows]

    def revoke(self, coach_id: int, invitation_id: int, at: dt.datetime) -> bool:
        """Withdraw an open invitation of this coach; False when there is none to withdraw."""
        result = self._s.execute(
            update(CoachInvitationRow)
            .where(
                CoachInvitationRow.id == invitation_id,
                CoachInvitationRow.coach_id == coach_id,
                CoachInvitationRow.revoked_at.is_(None),
                CoachInvitationRow.accepted_at.is_(None),
            )
            .values(revoked_at=at)
        )
        return getattr(result, "rowcount", 0) == 1

    def accept(self, invitation_id: int, athlete_id: int, at: dt.datetime) -> bool:
        """Mark it accepted by the athlete unless it was accepted or withdrawn meanwhile: one
        conditional UPDATE, so of two acceptances at once exactly one wins."""
        result = self._s.execute(
            update(CoachInvitationRow)
            .where(
                CoachInvitationRow.id == invitation_id,
                CoachInvitationRow.revoked_at.is_(None),
                CoachInvitationRow.accepted_at.is_(None),
            )
            .values(accepted_at=at, accepted_by=athlete_id)
        )
        return getattr(result, "rowcount", 0) == 1


class CoachLinkRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def live(self, coach_id: int, athlete_id: int, *, lock: bool = False) -> CoachLink | None:
        """The live link; with `lock`, held until the transaction ends, so a concurrent leave
        waits for it, or it waits for the leave and then finds no link (PostgreSQL; SQLite
        has one writer at a time)."""
        query = select(*_LINK).where(
            CoachLinkRow.coach_id == coach_id,
            CoachLinkRow.athlete_id == athlete_id,
            CoachLinkRow.ended_at.is_(None),
        )
        found = self._s.execute(query.with_for_update() if lock else query).first()
        return None if found is None else _link(found)

    def start(
        self, coach_id: int, athlete_id: int, at: dt.datetime, group: str | None
    ) -> CoachLink:
        """A live link of this coach and athlete: the one there is, or a new one."""
        known = self.live(coach_id, athlete_id)
        if known is not None:
            return known
        row = CoachLinkRow(
            coach_id=coach_id, athlete_id=athlete_id, group_name=group, started_at=at
        )
        try:
            with self._s.begin_nested():  # the partial unique index keeps one live link
                self._s.add(row)
        except IntegrityError:
            found = self.live(coach_id, athlete_id)
            if found is None:
                raise
            return found
        return CoachLink(row.id, coach_id, athlete_id, at, group)

    def of_coach(self, coach_id: int) -> list[CoachLink]:
        """The coach's live links, oldest first."""
        rows = self._s.execute(
            select(*_LINK)
            .where(CoachLinkRow.coach_id == coach_id, CoachLinkRow.ended_at.is_(None))
            .order_by(CoachLinkRow.started_at, CoachLinkRow.id)
        )
        return [_link(r) for r in rows]

    def of_athlete(self, athlete_id: int) -> list[CoachLink]:
        """Every link the athlete has had, live or ended, newest first."""
        rows = self._s.execute(
            select(*_LINK)
            .where(CoachLinkRow.athlete_id == athlete_id)
            .order_by(CoachLinkRow.started_at.desc(), CoachLinkRow.id.desc())
        )
        return [_link(r) for r in rows]

    def end(self, coach_id: int, athlete_id: int, at: dt.datetime, by: Ended) -> bool:
        result = self._s.execute(
            update(CoachLinkRow)
            .where(
                CoachLinkRow.coach_id == coach_id,
                CoachLinkRow.athlete_id == athlete_id,
                CoachLinkRow.ended_at.is_(None),
            )
            .values(ended_at=at, ended_by=by.value)
        )
        return getattr(result, "rowcount", 0) == 1

    def mark_seen(self, coach_id: int, athlete_id: int, at: dt.datetime) -> None:
        self._s.execute(
            update(CoachLinkRow)
            .where(
                CoachLinkRow.coach_id == coach_id,
                CoachLinkRow.athlete_id == athlete_id,
                CoachLinkRow.ended_at.is_(None),
            )
            .values(comments_seen_at=at)
        )


class ClubRepository:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, name: str) -> int:
        """The club named `name`, made if there is none yet."""
        found = self._s.scalar(select(ClubRow.id).where(ClubRow.name == name))
        if found is not None:
            return found
        row = ClubRow(name=name)
        try:
            with self._s.begin_nested():  # made twice at once: one insert wins
                self._s.add(row)
        except IntegrityError:
            again = self._s.scalar(select(ClubRow.id).where(ClubRow.name == name))
            assert again is not None
            return again
        return row.id

    def join(self, club_id: int, account_id: int, role: ClubRole, at: dt.datetime) -> None:
        """Put the account in the club with this role (out of any other club), from `at`."""
        self._s.execute(delete(ClubMemberRow).where(ClubMemberRow.account_id == account_id))
        self._s.add(
            ClubMemberRow(club_id=club_id, account_id=account_id, role=role.value, joined_at=at)
        )
        self._s.flush()

    def leave(self, account_id: int) -> bool:
        result = self._s.execute(
            delete(ClubMemberRow).where(ClubMemberRow.account_id == account_id)
        )
        return getattr(result, "rowcount", 0) == 1

    def membership(self, account_id: int) -> Membership | None:
        found = self._s.execute(
            select(ClubRow.id, ClubRow.name, ClubMemberRow.role, ClubMemberRow.joined_at)
            .join(ClubRow, ClubRow.id == ClubMemberRow.club_id)
            .where(ClubMemberRow.account_id == account_id)
        ).first()
        if found is None:
            return None
        return Membership(found[0], found[1], ClubRole(found[2]), found[3])

    def members(self, club_id: int) -> list[tuple[int, ClubRole]]:
        """(account id, role) of every member, by account id."""
        rows = self._s.execute(
            select(ClubMemberRow.account_id, ClubMemberRow.role)
            .where(ClubMemberRow.club_id == club_id)
            .order_by(ClubMemberRow.account_id)
        )
        return [(a, ClubRole(r)) for a, r in rows]


class Coaching:
    def __init__(self, session: Session) -> None:
        self.clubs = ClubRepository(session)
        self.roles = RoleRepository(session)
        self.invitations = InvitationRepository(session)
        self.links = CoachLinkRepository(session)
        self.roster = RosterRowRepository(session)
