"""A coach's changes to an athlete's programme (pure): what changes, from which week, and the
words the athlete reads in their plan's reasons.

A coach can set, from a week on: sessions per week; an exercise preferred, excluded or left to
the planner again; a maintenance or taper phase with its last day (or back to the usual
programme); whether rest days stay free of sessions; the Nordic ramp-in on or off. A coach can
also add a race on a date (or take one they added off again).

A weekly setting applies from the first Monday after today on or after the day the coach chose,
never to a week that has begun: what is still to come is re-planned, what was planned stays as
it was (so past adherence is judged against the plan the athlete had). For a week, of the
changes to one setting in effect by then, the one made last wins: the coach's latest word
counts. A phase is in effect only up to its last day, so an earlier, longer phase shows again
after a shorter one made later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.values import MAX_RACES, check_date, whole_number

MAX_PHASE_WEEKS = 16  # a maintenance block or a taper longer than this is a new programme


class Kind(StrEnum):
    SESSIONS = "sessions"
    EXERCISE = "exercise"
    PHASE = "phase"
    RACE = "race"
    REST_DAYS = "rest-days"
    NORDIC_RAMP = "nordic-ramp"


class Choice(StrEnum):
    PREFER = "prefer"
    EXCLUDE = "exclude"
    EITHER = "either"  # back to the planner's own choice
    MAINTENANCE = "maintenance"
    TAPER = "taper"
    USUAL = "usual"  # the end of a phase
    ADD = "add"
    REMOVE = "remove"
    KEEP = "keep"  # rest days stay free of sessions
    FREE = "free"  # sessions may go on rest days
    ON = "on"
    OFF = "off"


CHOICES: dict[Kind, frozenset[Choice]] = {
    Kind.SESSIONS: frozenset(),
    Kind.EXERCISE: frozenset({Choice.PREFER, Choice.EXCLUDE, Choice.EITHER}),
    Kind.PHASE: frozenset({Choice.MAINTENANCE, Choice.TAPER, Choice.USUAL}),
    Kind.RACE: frozenset({Choice.ADD, Choice.REMOVE}),
    Kind.REST_DAYS: frozenset({Choice.KEEP, Choice.FREE}),
    Kind.NORDIC_RAMP: frozenset({Choice.ON, Choice.OFF}),
}
# The choices that only undo an earlier change: the plan has no reason to give for them.
NEUTRAL = frozenset({Choice.EITHER, Choice.USUAL, Choice.REMOVE})


@dataclass(frozen=True, slots=True)
class Setting:
    """What one change sets; which fields are used depends on the kind (see `check`)."""

    kind: Kind
    choice: Choice | None = None
    sessions: int | None = None
    exercise: str | None = None  # a catalogue slug
    until: dt.date | None = None  # a phase's last day

    @property
    def code(self) -> str:
        """The short code `setting_from_code` reads (the last day of a phase travels apart)."""
        if self.kind is Kind.SESSIONS:
            return f"{self.kind}:{self.sessions}"
        tail = f":{self.exercise}" if self.exercise else ""
        return f"{self.kind}:{self.choice}{tail}"

    def check(self) -> None:
        if self.kind is Kind.SESSIONS:
            if self.sessions is None or not 1 <= self.sessions <= 3:
                raise InvalidInput(f"sessions per week must be 1-3 (got {self.sessions})")
            if self.choice is not None:
                raise InvalidInput("sessions per week take a number, not a choice")
        else:
            if self.sessions is not None:
                raise InvalidInput(f"a {self.kind} change has no sessions per week")
            if self.choice not in CHOICES[self.kind]:
                allowed = ", ".join(sorted(CHOICES[self.kind]))
                raise InvalidInput(f"a {self.kind} change is one of {allowed} (got {self.choice})")
        if (self.kind is Kind.EXERCISE) != (self.exercise is not None):
            raise InvalidInput("an exercise change names one exercise; other changes name none")
        if self.exercise is not None and self.exercise not in CATALOGUE.slugs():
            raise InvalidInput(f"no exercise {self.exercise!r}")
        phase = self.kind is Kind.PHASE and self.choice is not Choice.USUAL
        if phase != (self.until is not None):
            raise InvalidInput(
                "a maintenance phase or a taper needs its last day; other changes have none"
            )


@dataclass(frozen=True, slots=True)
class ProgrammeChange:
    id: int
    coach: str  # the coach's user name, as the athlete sees it
    setting: Setting
    effective: dt.date  # a Monday; for a race, the race day
    made_at: dt.datetime

    @property
    def reason(self) -> str:
        s, who = self.setting, f"your coach {self.coach}"
        when = f"from {self.effective:%a %d %b}"
        if s.kind is Kind.SESSIONS:
            per = "session" if s.sessions == 1 else "sessions"
            return f"{who} set {s.sessions} {per} a week {when}"
        if s.kind is Kind.EXERCISE:
            name = CATALOGUE.get(s.exercise or "").short_name.lower()
            return {
                Choice.PREFER: f"{who} asked for the {name} {when}",
                Choice.EXCLUDE: f"{who} took the {name} out of your plan {when}",
            }.get(s.choice or Choice.EITHER, f"{who} left the {name} to the planner {when}")
        if s.kind is Kind.PHASE:
            until = f" to {s.until:%a %d %b}" if s.until else ""
            return {
                Choice.MAINTENANCE: f"{who} set a maintenance phase, one session a week, "
                f"{when}{until}",
                Choice.TAPER: f"{who} set a taper, fewer and shorter sessions, {when}{until}",
            }.get(s.choice or Choice.USUAL, f"{who} set your usual programme again {when}")
        if s.kind is Kind.RACE:
            if s.choice is Choice.ADD:
                return f"{who} added a race on {self.effective:%a %d %b}"
            return f"{who} took the race on {self.effective:%a %d %b} off your plan"
        if s.kind is Kind.REST_DAYS:
            if s.choice is Choice.KEEP:
                return f"{who} keeps your rest days free of sessions {when}"
            return f"{who} allows sessions on rest days {when}"
        if s.choice is Choice.ON:
            return f"{who} turned the Nordic ramp-in on {when}"
        return f"{who} turned the Nordic ramp-in off {when}: the full Nordic dose"


def effective_monday(day: dt.date) -> dt.date:
    """The first Monday on or after `day`."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def check_setting(setting: Setting, start: dt.date, today: dt.date) -> tuple[dt.date, Setting]:
    """The day the change takes effect (a Monday; a race: its day) and the setting as stored
    (a phase ends on the Sunday of its last day's week), or InvalidInput."""
    setting.check()
    check_date(start, "the first day")
    if start < today:
        raise InvalidInput(
            f"a change applies from today or later (got {start:%d %b %Y}): weeks already "
            "planned stay as they were"
        )
    if setting.kind is Kind.RACE:
        # A race is a date, not a weekly setting: the athlete could add it for any day too.
        if start <= today:
            raise InvalidInput(f"a race is added for tomorrow or later (got {start:%d %b %Y})")
        return start, setting
    # Never this week, even on its Monday: it has begun.
    monday = effective_monday(max(start, today + dt.timedelta(days=1)))
    if setting.until is not None:
        check_date(setting.until, "the last day")
        last = setting.until + dt.timedelta(days=6 - setting.until.weekday())
        if last < monday:
            raise InvalidInput(
                f"the phase would end ({setting.until:%d %b %Y}) before it starts "
                f"({monday:%d %b %Y})"
            )
        if (last - monday).days + 1 > 7 * MAX_PHASE_WEEKS:
            raise InvalidInput(f"a phase lasts at most {MAX_PHASE_WEEKS} weeks")
        setting = Setting(setting.kind, setting.choice, until=last)
    return monday, setting


@dataclass(frozen=True, slots=True)
class WeekProgramme:
    """The coach's settings for one plan week; None: the athlete's own setting holds."""

    sessions: int | None = None
    phase: Choice | None = None  # MAINTENANCE or TAPER
    preferred: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    keep_rest_days: bool | None = None
    nordic_ramp: bool | None = None
    reasons: tuple[str, ...] = field(default=())


def _key(setting: Setting) -> tuple[Kind, str | None]:
    return setting.kind, setting.exercise


def for_week(week_start: dt.date, changes: Sequence[ProgrammeChange]) -> WeekProgramme:
    """The settings in effect in the week from `week_start` (`changes` in the order made): per
    setting, the change made last among those in effect by then."""
    winners: dict[tuple[Kind, str | None], ProgrammeChange] = {}
    week_end = week_start + dt.timedelta(days=6)
    reasons: list[str] = []
    for change in changes:
        s = change.setting
        if s.kind is Kind.RACE:
            continue
        if change.effective > week_start:
            continue
        if s.until is not None and s.until < week_start:
            continue
        winners.pop(_key(s), None)  # re-inserted: the dict keeps the order made
        winners[_key(s)] = change
    for race in _race_changes(changes):
        if race.setting.choice is Choice.ADD and week_start <= race.effective <= week_end:
            reasons.append(race.reason)
    sessions = phase = keep = ramp = None
    preferred: set[str] = set()
    excluded: set[str] = set()
    for change in winners.values():
        s = change.setting
        if s.choice not in NEUTRAL:
            reasons.append(change.reason)
        if s.kind is Kind.SESSIONS:
            sessions = s.sessions
        elif s.kind is Kind.PHASE and s.choice is not Choice.USUAL:
            phase = s.choice
        elif s.kind is Kind.EXERCISE and s.choice is Choice.PREFER:
            preferred.add(s.exercise or "")
        elif s.kind is Kind.EXERCISE and s.choice is Choice.EXCLUDE:
            excluded.add(s.exercise or "")
        elif s.kind is Kind.REST_DAYS:
            keep = s.choice is Choice.KEEP
        elif s.kind is Kind.NORDIC_RAMP:
            ramp = s.choice is Choice.ON
    return WeekProgramme(
        sessions,
        phase,
        frozenset(preferred),
        frozenset(excluded),
        keep,
        ramp,
        tuple(reasons),
    )


def _race_changes(changes: Sequence[ProgrammeChange]) -> list[ProgrammeChange]:
    """Per race day, the change made last."""
    last: dict[dt.date, ProgrammeChange] = {}
    for change in changes:
        if change.setting.kind is Kind.RACE:
            last[change.effective] = change
    return list(last.values())


# A race still shapes the days after it (no Nordic for a few days): a plan from a day keeps the
# races of the week before it.
RACE_REACH = dt.timedelta(days=7)


def plan_races(
    own: Sequence[dt.date], changes: Sequence[ProgrammeChange], since: dt.date | None = None
) -> tuple[dt.date, ...]:
    """The athlete's races and those their coaches added, each once, in date order, for a plan
    from `since` (the races that can no longer shape it left out). A plan holds at most
    MAX_RACES: past the cap the nearest are kept, the furthest ahead left for later plans."""
    added = {c.effective for c in _race_changes(changes) if c.setting.choice is Choice.ADD}
    races = sorted(set(own) | added)
    if since is not None:
        races = [d for d in races if d >= since - RACE_REACH]
    return tuple(races[:MAX_RACES])


def every_code() -> tuple[str, ...]:
    """Every code `setting_from_code` reads, in a stable order (for documents and forms)."""
    codes = [f"{Kind.SESSIONS}:{n}" for n in (1, 2, 3)]
    for kind, choices in CHOICES.items():
        for choice in sorted(choices, key=list(Choice).index):
            tails = CATALOGUE.slugs() if kind is Kind.EXERCISE else [None]
            codes += [Setting(kind, choice, exercise=t).code for t in tails]
    return tuple(codes)


def setting_from_code(code: str, until: dt.date | None = None) -> Setting:
    """A setting from its short code, as forms and scripts write it: `sessions:3`,
    `exercise:prefer:nordic`, `phase:taper` (with `until`), `race:add`, `rest-days:keep`,
    `nordic-ramp:off`; InvalidInput for anything else."""
    head, _, rest = code.partition(":")
    try:
        kind = Kind(head)
    except ValueError:
        raise InvalidInput(f"no programme change {code!r}") from None
    if kind is Kind.SESSIONS:
        count = whole_number(rest, digits=1)
        if count is None:
            raise InvalidInput(f"sessions per week must be 1-3 (got {rest!r})")
        setting = Setting(kind, sessions=count)
    else:
        word, named, exercise = rest.partition(":")
        try:
            choice = Choice(word)
        except ValueError:
            raise InvalidInput(f"no programme change {code!r}") from None
        if named and not exercise:
            raise InvalidInput(f"no exercise named after {code!r}")
        phase = kind is Kind.PHASE and choice is not Choice.USUAL
        setting = Setting(kind, choice, exercise=exercise or None, until=until if phase else None)
    setting.check()
    return setting
