"""A coach's changes to an athlete's programme (pure): what changes, from which week, and the
words the athlete reads in their plan's reasons.

A change applies from the first Monday after today on or after the day the coach chose, never
to a week that has begun: what is still to come is re-planned, what was planned stays as it was
(so past adherence is judged against the plan the athlete had). For a week, the latest change
made among those in effect by then wins: the coach's latest word counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hamcoach.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class ProgrammeChange:
    id: int
    coach: str  # the coach's user name, as the athlete sees it
    sessions: int  # sessions per week
    effective: dt.date  # a Monday
    made_at: dt.datetime

    @property
    def reason(self) -> str:
        per = "session" if self.sessions == 1 else "sessions"
        when = f"{self.effective:%a %d %b}"
        return f"your coach {self.coach} set {self.sessions} {per} a week from {when}"


def effective_monday(day: dt.date) -> dt.date:
    """The first Monday on or after `day`."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def check_change(sessions: int, start: dt.date, today: dt.date) -> dt.date:
    """The Monday the change takes effect, or InvalidInput (sessions 1-3; not in the past)."""
    if not 1 <= sessions <= 3:
        raise InvalidInput(f"sessions per week must be 1-3 (got {sessions})")
    if start < today:
        raise InvalidInput(
            f"a change applies from today or later (got {start:%d %b %Y}): weeks already "
            "planned stay as they were"
        )
    # Never this week, even on its Monday: it has begun.
    return effective_monday(max(start, today + dt.timedelta(days=1)))


def sessions_for(
    week_start: dt.date, changes: Sequence[tuple[dt.date, int, str]]
) -> tuple[int, str] | None:
    """The sessions per week a coach set for the week from `week_start`, with its reason: of
    the changes in effect by then, the one made last (`changes` in the order they were made)."""
    found = None
    for effective, sessions, reason in changes:
        if effective <= week_start:
            found = (sessions, reason)
    return found
