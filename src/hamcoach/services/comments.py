"""Comments on sessions: who may read and write a session's thread, and the coach's "new".

The athlete writes on their own sessions; a coach on a linked athlete's (while the link is
live). Anyone else learns nothing: the same NotFound as for a session that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hamcoach.domain.coaching import Role
from hamcoach.domain.comments import Comment, check_comment
from hamcoach.domain.errors import NotFound
from hamcoach.domain.values import check_date
from hamcoach.services.coaching import visible_link
from hamcoach.services.ports import UnitOfWorkPort


@dataclass(frozen=True, slots=True)
class Said:
    """A comment as a reader sees it: who wrote it, and whether it was the reader."""

    comment: Comment
    author: str
    mine: bool


def _allowed(uow: UnitOfWorkPort, account_id: int, athlete_id: int, *, write: bool) -> None:
    """The athlete, or their linked coach; for reading also the club's head coach."""
    account = uow.accounts.users.get(account_id)
    if account is not None and not account.disabled:
        if account.athlete_id == athlete_id:
            return
        coaching = uow.coaching
        if Role.COACH in coaching.roles.of(account_id):
            link = (
                coaching.links.live(account_id, athlete_id)
                if write
                else visible_link(uow, account_id, athlete_id)
            )
            if link is not None:
                return
    raise NotFound("no such session")


def post_comment(
    uow: UnitOfWorkPort,
    account_id: int,
    athlete_id: int,
    date: dt.date,
    text: str,
    now: dt.datetime,
) -> Comment:
    """Add a comment to `date`'s session of the athlete, as the account."""
    check_date(date, "the session's date")
    body = check_comment(text)
    with uow:
        _allowed(uow, account_id, athlete_id, write=True)
        comment_id = uow.athlete(athlete_id).comments.add(date, account_id, body, now)
        uow.commit()
    return Comment(comment_id, date, account_id, body, now)


def threads(
    uow: UnitOfWorkPort, account_id: int, athlete_id: int, dates: Sequence[dt.date]
) -> dict[dt.date, list[Said]]:
    """The threads of these sessions, each oldest first (days without comments left out)."""
    with uow:
        _allowed(uow, account_id, athlete_id, write=False)
        names: dict[int | None, str] = {}
        found: dict[dt.date, list[Said]] = {}
        for c in uow.athlete(athlete_id).comments.on(list(dates)):
            if c.author_id not in names:
                author = None if c.author_id is None else uow.accounts.users.get(c.author_id)
                names[c.author_id] = author.username if author else "(a removed account)"
            found.setdefault(c.date, []).append(
                Said(c, names[c.author_id], c.author_id == account_id)
            )
        return found


def mark_read(uow: UnitOfWorkPort, coach_id: int, athlete_id: int, now: dt.datetime) -> None:
    """The coach has read the athlete's comments up to now (the roster's "new" count resets)."""
    with uow:
        uow.coaching.links.mark_seen(coach_id, athlete_id, now)
        uow.commit()
