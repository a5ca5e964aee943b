"""The days around a race: a lighter week, quiet days before it, no Nordic close to it.

Every number here is a team default without a study behind it (the soreness a Nordic leaves
and the days of damage after a long race are well documented; the exact day counts are not),
so each one is the athlete's or the coach's to change: they live on the profile as
`RaceRules`, and the plan's reasons name the values in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from hamcoach.domain.setting_groups import Limits, changes_from_text, check

NORDIC_RACE_BUFFER_DAYS = 5  # no Nordic in the 5 days before a race (DESIGN 3.3)
# ... nor in the 2 days after it: eccentric work on hamstrings the race has just damaged.
NORDIC_AFTER_RACE_DAYS = 2
# The week of a race tapers: at most two sessions, one set fewer, and no session in the 3 days
# before the race.
RACE_WEEK_SESSIONS = 2
RACE_WEEK_SETS_DELTA = -1
RACE_QUIET_DAYS = 3

# The ranges a setting may take, with what each means (for messages and forms).
LIMITS: Limits = {
    "week_sessions": (1, 3, "sessions at most in a race week"),
    "week_sets_delta": (-2, 0, "change in sets per exercise in a race week"),
    "quiet_days": (1, 6, "days before a race without a session"),
    "nordic_before_days": (0, 14, "days before a race without a Nordic"),
    "nordic_after_days": (0, 7, "days after a race without a Nordic"),
}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass(frozen=True)
class RaceRules:
    week_sessions: int = RACE_WEEK_SESSIONS
    week_sets_delta: int = RACE_WEEK_SETS_DELTA
    quiet_days: int = RACE_QUIET_DAYS
    nordic_before_days: int = NORDIC_RACE_BUFFER_DAYS
    nordic_after_days: int = NORDIC_AFTER_RACE_DAYS

    def validate(self) -> None:
        check(self, LIMITS)

    def with_text(self, text: str) -> RaceRules:
        """These rules with some changed: `quiet_days=2,nordic_after_days=3` (names as in
        `LIMITS`, whole numbers); the result is checked."""
        changed = replace(self, **changes_from_text(text, LIMITS, "race rule"))
        changed.validate()
        return changed

    def quiet_dates(self, race: dt.date) -> Iterator[dt.date]:
        """Race day and the quiet days before it: no session on any of them."""
        for before in range(self.quiet_days + 1):
            yield race - dt.timedelta(days=before)

    def nordic_allowed(self, date: dt.date, races: Iterable[dt.date]) -> bool:
        return not any(
            -self.nordic_after_days <= (race - date).days <= self.nordic_before_days
            for race in races
        )

    def near_a_race(self, monday: dt.date, races: Iterable[dt.date]) -> bool:
        """Whether some day of the week from `monday` could be too close to a race for a Nordic."""
        first = monday - dt.timedelta(days=self.nordic_after_days)
        last = monday + dt.timedelta(days=6 + self.nordic_before_days)
        return any(first <= race <= last for race in races)

    def no_nordic_reason(self, date: dt.date, races: Iterable[dt.date]) -> str:
        if any(0 < (date - race).days <= self.nordic_after_days for race in races):
            return (
                f"no Nordic in the {self.nordic_after_days} days after your race: eccentric "
                "work on hamstrings the race has just tired slows their recovery"
            )
        return (
            f"no Nordic within {self.nordic_before_days} days of your race: it leaves the legs sore"
        )

    def week_reason(self) -> str:
        fewer = -self.week_sets_delta
        sets = f"{fewer} set{'s' if fewer != 1 else ''} fewer, " if fewer > 0 else ""
        return (
            f"race week: {sets}at most {_count(self.week_sessions, 'session')} and none in "
            f"the {_count(self.quiet_days, 'day')} before the race, so you start it fresh"
        )

    def why_no_nordic(self) -> str:
        return (
            f"no Nordic: every session falls within {_count(self.nordic_before_days, 'day')} "
            f"before a race or {_count(self.nordic_after_days, 'day')} after one, when "
            "eccentric work would leave the legs sore for it or slow their recovery"
        )
