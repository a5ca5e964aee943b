"""The in-memory `uow.coaching` of tests/fakes.py: roles, invitations and coach links.

Rows live in `FakeData` (copied and undone with the rest by the fake's transactions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from hamcoach.domain.coaching import ClubRole, CoachLink, Ended, Invitation, Membership, Role
from hamcoach.domain.comments import Comment
from hamcoach.domain.programme import ProgrammeChange, Setting
from hamcoach.domain.roster import Row, Stored
from tests.fake_accounts import _next_id, _utc

if TYPE_CHECKING:
    from tests.fakes import FakeData


class FakeRoles:
    def __init__(self, data: FakeData) -> None:
        self._d = data

    def of(self, account_id: int) -> frozenset[Role]:
        return frozenset(Role(r) for a, r in self._d.roles if a == account_id)

    def grant(self, account_id: int, role: Role) -> bool:
        if (account_id, role.value) in self._d.roles:
            return False
        self._d.roles.add((account_id, role.value))
        return True

    def revoke(self, account_id: int, role: Role) -> bool:
        if (account_id, role.value) not in self._d.roles:
            return False
        self._d.roles.discard((account_id, role.value))
        return True


class FakeInvitations:
    def __init__(self, data: FakeData) -> None:
        self._d = data

    def add(
        self,
        coach_id: int,
        secret_hash: str,
        at: dt.datetime,
        expires_at: dt.datetime,
        group: str | None,
    ) -> int:
        if any(h == secret_hash for h, _ in self._d.invitations.values()):
            raise ValueError("secret_hash is unique")
        new_id = _next_id(self._d, "coach_invitation")
        self._d.invitations[new_id] = (
            secret_hash,
            Invitation(new_id, coach_id, _utc(at), _utc(expires_at), group),
        )
        return new_id

    def find(self, secret_hash: str) -> Invitation | None:
        return next((i for h, i in self._d.invitations.values() if h == secret_hash), None)

    def of_coach(self, coach_id: int) -> list[Invitation]:
        mine = [i for _, i in self._d.invitations.values() if i.coach_id == coach_id]
        return sorted(mine, key=lambda i: (i.created_at, i.id), reverse=True)

    def _open(self, invitation_id: int) -> tuple[str, Invitation] | None:
        entry = self._d.invitations.get(invitation_id)
        if entry is None or entry[1].revoked_at or entry[1].accepted_at:
            return None
        return entry

    def revoke(self, coach_id: int, invitation_id: int, at: dt.datetime) -> bool:
        entry = self._open(invitation_id)
        if entry is None or entry[1].coach_id != coach_id:
            return False
        self._d.invitations[invitation_id] = (entry[0], replace(entry[1], revoked_at=_utc(at)))
        return True

    def accept(self, invitation_id: int, athlete_id: int, at: dt.datetime) -> bool:
        entry = self._open(invitation_id)
        if entry is None:
            return False
        accepted = replace(entry[1], accepted_at=_utc(at), accepted_by=athlete_id)
        self._d.invitations[invitation_id] = (entry[0], accepted)
        return True


class FakeCoachLinks:
    def __init__(self, data: FakeData) -> None:
        self._d = data

    def live(self, coach_id: int, athlete_id: int, *, lock: bool = False) -> CoachLink | None:
        return next(
            (
                link
                for link in self._d.coach_links.values()
                if (link.coach_id, link.athlete_id) == (coach_id, athlete_id)
                and link.ended_at is None
            ),
            None,
        )

    def start(
        self, coach_id: int, athlete_id: int, at: dt.datetime, group: str | None
    ) -> CoachLink:
        known = self.live(coach_id, athlete_id)
        if known is not None:
            return known
        new_id = _next_id(self._d, "coach_link")
        link = CoachLink(new_id, coach_id, athlete_id, _utc(at), group)
        self._d.coach_links[new_id] = link
        return link

    def of_coach(self, coach_id: int) -> list[CoachLink]:
        mine = [
            link
            for link in self._d.coach_links.values()
            if link.coach_id == coach_id and link.ended_at is None
        ]
        return sorted(mine, key=lambda link: (link.started_at, link.id))

    def of_athlete(self, athlete_id: int) -> list[CoachLink]:
        theirs = [link for link in self._d.coach_links.values() if link.athlete_id == athlete_id]
        return sorted(theirs, key=lambda link: (link.started_at, link.id), reverse=True)

    def end(self, coach_id: int, athlete_id: int, at: dt.datetime, by: Ended) -> bool:
        link = self.live(coach_id, athlete_id)
        if link is None:
            return False
        self._d.coach_links[link.id] = replace(link, ended_at=_utc(at), ended_by=by)
        return True

    def mark_seen(self, coach_id: int, athlete_id: int, at: dt.datetime) -> None:
        link = self.live(coach_id, athlete_id)
        if link is not None:
            self._d.comments_seen[link.id] = _utc(at)


class FakeComments:
    def __init__(self, data: FakeData, athlete_id: int) -> None:
        self._d = data
        self._id = athlete_id

    def add(self, date: dt.date, author_id: int, body: str, at: dt.datetime) -> int:
        new_id = _next_id(self._d, "session_comment")
        self._d.comments[new_id] = (self._id, Comment(new_id, date, author_id, body, _utc(at)))
        return new_id

    def on(self, dates: list[dt.date]) -> list[Comment]:
        mine = [c for a, c in self._d.comments.values() if a == self._id and c.date in dates]
        return sorted(mine, key=lambda c: (c.date, c.created_at, c.id))


class FakeProgramme:
    def __init__(self, data: FakeData, athlete_id: int) -> None:
        self._d = data
        self._id = athlete_id

    def add(self, coach_id: int, setting: Setting, effective: dt.date, at: dt.datetime) -> int:
        setting.check()
        new_id = _next_id(self._d, "programme_change")
        self._d.programme[new_id] = (self._id, coach_id, setting, effective, _utc(at))
        return new_id

    def all(self) -> list[ProgrammeChange]:
        found = []
        for i, (athlete, coach, setting, effective, at) in sorted(self._d.programme.items()):
            if athlete == self._id:
                account = self._d.accounts.get(coach)
                name = account.username if account else "(a removed account)"
                found.append(ProgrammeChange(i, name, setting, effective, at))
        return sorted(found, key=lambda c: (c.made_at, c.id))


class FakeClubs:
    def __init__(self, data: FakeData) -> None:
        self._d = data

    def add(self, name: str) -> int:
        for club_id, known in self._d.clubs.items():
            if known == name:
                return club_id
        new_id = _next_id(self._d, "club")
        self._d.clubs[new_id] = name
        return new_id

    def join(self, club_id: int, account_id: int, role: ClubRole, at: dt.datetime) -> None:
        self._d.club_members[account_id] = (club_id, role, _utc(at))

    def leave(self, account_id: int) -> bool:
        return self._d.club_members.pop(account_id, None) is not None

    def membership(self, account_id: int) -> Membership | None:
        found = self._d.club_members.get(account_id)
        if found is None:
            return None
        return Membership(found[0], self._d.clubs[found[0]], found[1], found[2])

    def members(self, club_id: int) -> list[tuple[int, ClubRole]]:
        return sorted((a, r) for a, (c, r, _) in self._d.club_members.items() if c == club_id)


class FakeRosterRows:
    """A cache that keeps nothing: every read holds no stored row, so the roster service
    computes each one, as it does for a row gone stale. The stored rows themselves are tested
    on SQLite and PostgreSQL (tests/storage/test_roster_rows.py)."""

    def __init__(self, data: FakeData) -> None:
        self._d = data

    def read(self, athlete_ids: Sequence[int]) -> dict[int, Stored]:
        found = {}
        for athlete in athlete_ids:
            p = self._d.profiles.get(athlete)
            if p is not None:
                found[athlete] = Stored(athlete, p.name, p.units.value, p.timezone, 0)
        return found

    def linked(self) -> list[Stored]:
        live = {link.athlete_id for link in self._d.coach_links.values() if link.ended_at is None}
        return list(self.read(sorted(live)).values())

    def claim_refresh(self) -> bool:
        return True

    def put(self, athlete_id: int, revision: int, computed_on: dt.date, row: Row) -> None:
        pass

    def unread(self, coach_id: int, athlete_ids: Sequence[int] | None = None) -> dict[int, int]:
        counts: dict[int, int] = {}
        for link in self._d.coach_links.values():
            if link.coach_id != coach_id or link.ended_at is not None:
                continue
            if athlete_ids is not None and link.athlete_id not in athlete_ids:
                continue
            seen = self._d.comments_seen.get(link.id)
            n = sum(
                1
                for athlete, c in self._d.comments.values()
                if athlete == link.athlete_id
                and c.author_id != coach_id
                and (seen is None or c.created_at > seen)
            )
            if n:
                counts[link.athlete_id] = n
        return counts


class FakeCoaching:
    def __init__(self, data: FakeData) -> None:
        self.roster = FakeRosterRows(data)
        self.clubs = FakeClubs(data)
        self.roles = FakeRoles(data)
        self.invitations = FakeInvitations(data)
        self.links = FakeCoachLinks(data)
