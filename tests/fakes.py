"""An in-memory unit of work for use-case tests (cosmicpython's FakeUnitOfWork, with repositories).

Plain records in dicts and lists, no SQL: a use-case test runs in microseconds and says what the
use-case does, not what the database does. It implements the ports of `hamcoach.services.ports`
(mypy checks it wherever a `UnitOfWorkPort` is expected), and `tests/storage/test_uow_contract.py`
runs the same operations on it and on SQLite and PostgreSQL, so it cannot drift from the real one.

Transactions as the real unit of work has them: entering takes a private copy of the committed
data, `commit()` publishes the copy (and sets `committed`), leaving the `with` block discards
whatever was not committed. One fake serves a whole test: pass it (or `lambda: uow` where a
factory is wanted) to each use-case in turn.
"""

from __future__ import annotations

import copy
import datetime as dt
import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Self

from hamcoach.domain.account_records import Account, ApiToken, AuthSession, OneTimeLink
from hamcoach.domain.coaching import ClubRole, CoachLink, Invitation
from hamcoach.domain.comments import Comment
from hamcoach.domain.errors import NoProfile
from hamcoach.domain.model import PlannedSession, RunType
from hamcoach.domain.profile import Profile
from hamcoach.domain.programme import Setting
from hamcoach.domain.records import LoggedSet, Measurement, SessionRecord
from hamcoach.domain.runs import Run
from tests.fake_accounts import FakeAccounts
from tests.fake_coaching import FakeCoaching, FakeComments, FakeProgramme

Soreness = tuple[dt.date, int, str | None]


def _utc(at: dt.datetime) -> dt.datetime:
    # As storage's UTCDateTime: aware times come back in UTC, naive ones are refused.
    if at.tzinfo is None:
        raise ValueError("naive datetime: times must carry a time zone")
    return at.astimezone(dt.UTC)


def _as_stored(profile: Profile) -> Profile:
    # The athlete row keeps race dates in date order (a comma-separated column).
    return replace(profile, race_dates=tuple(sorted(profile.race_dates)))


@dataclass
class _Session:
    athlete_id: int
    date: dt.date
    finished_at: dt.datetime | None = None
    note: str | None = None
    started_at: dt.datetime | None = None
    skipped_at: dt.datetime | None = None
    planned: PlannedSession | None = None

    def record(self) -> SessionRecord:
        return SessionRecord(
            self.date, self.finished_at, self.note, self.started_at, self.skipped_at, self.planned
        )


@dataclass
class _Set:
    athlete_id: int
    session_id: int
    record: LoggedSet


@dataclass
class FakeData:
    """The "tables": what a database would hold, keyed as its unique constraints are."""

    profiles: dict[int, Profile] = field(default_factory=dict)
    tokens: dict[int, str | None] = field(default_factory=dict)
    plan_starts: dict[int, dt.date] = field(default_factory=dict)
    sessions: dict[int, _Session] = field(default_factory=dict)
    sets: dict[str, _Set] = field(default_factory=dict)  # set ids are global, like the table's
    assessments: list[tuple[int, Measurement]] = field(default_factory=list)
    frames: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    soreness: dict[tuple[int, dt.date], tuple[int, str | None]] = field(default_factory=dict)
    runs: dict[tuple[int, str], Run] = field(default_factory=dict)
    moves: dict[tuple[int, dt.date], dt.date] = field(default_factory=dict)
    last_athlete_id: int = 0  # ids are never reused, as PostgreSQL's sequences
    last_session_id: int = 0
    # Accounts (tests/fake_accounts.py); each secret's row is kept beside its stored hash.
    accounts: dict[int, Account] = field(default_factory=dict)  # athlete_id left None here
    owners: dict[int, int] = field(default_factory=dict)  # athlete id -> account id
    auth_sessions: dict[int, tuple[str, AuthSession]] = field(default_factory=dict)
    api_tokens: dict[int, tuple[str, ApiToken]] = field(default_factory=dict)
    links: dict[int, tuple[str, OneTimeLink]] = field(default_factory=dict)
    login_failures: dict[int, tuple[str | None, str, dt.datetime]] = field(default_factory=dict)
    last_ids: dict[str, int] = field(default_factory=dict)  # table -> last id handed out
    # Coaching (tests/fake_coaching.py).
    roles: set[tuple[int, str]] = field(default_factory=set)  # (account id, role)
    invitations: dict[int, tuple[str, Invitation]] = field(default_factory=dict)
    coach_links: dict[int, CoachLink] = field(default_factory=dict)
    clubs: dict[int, str] = field(default_factory=dict)  # id -> name
    # account -> (club, role, joined at)
    club_members: dict[int, tuple[int, ClubRole, dt.datetime]] = field(default_factory=dict)
    comments_seen: dict[int, dt.datetime] = field(default_factory=dict)  # coach link id -> at
    comments: dict[int, tuple[int, Comment]] = field(default_factory=dict)  # id -> athlete
    # id -> (athlete, coach account, sessions, effective Monday, made at)
    programme: dict[int, tuple[int, int, Setting, dt.date, dt.datetime]] = field(
        default_factory=dict
    )


class FakeAthletes:
    def __init__(self, data: FakeData) -> None:
        self._d = data

    def first_id(self) -> int | None:
        return min(self._d.profiles, default=None)

    def add(self, profile: Profile, owner: int | None = None) -> int:
        self._d.last_athlete_id += 1
        athlete_id = self._d.last_athlete_id
        self._d.profiles[athlete_id] = _as_stored(profile)
        self._d.tokens[athlete_id] = secrets.token_urlsafe(24)  # every athlete gets one
        if owner is not None:
            self._d.owners[athlete_id] = owner
        return athlete_id

    def ids(self) -> list[int]:
        return sorted(self._d.profiles)

    def by_calendar_token(self, token: str) -> int | None:
        if not token:
            return None
        return next((a for a, t in self._d.tokens.items() if t == token), None)

    def without_account(self) -> list[int]:
        return sorted(a for a in self._d.profiles if a not in self._d.owners)


class _Repository:
    def __init__(self, data: FakeData, athlete_id: int) -> None:
        self._d = data
        self._id = athlete_id


class FakeProfile(_Repository):
    def _exists(self) -> None:
        if self._id not in self._d.profiles:
            raise NoProfile

    def get(self) -> Profile:
        self._exists()
        return self._d.profiles[self._id]

    def save(self, profile: Profile) -> None:
        self._exists()
        self._d.profiles[self._id] = _as_stored(profile)

    def plan_start(self) -> dt.date | None:
        return self._d.plan_starts.get(self._id)

    def set_plan_start(self, start: dt.date) -> None:
        self._d.plan_starts[self._id] = start

    def calendar_token(self) -> str:
        self._exists()
        token = self._d.tokens.get(self._id) or secrets.token_urlsafe(24)
        self._d.tokens[self._id] = token
        return token

    def set_calendar_token(self, token: str) -> None:
        self._exists()
        self._d.tokens[self._id] = token

    def delete_athlete(self) -> None:
        # The cascade of the foreign keys, by hand.
        d, me = self._d, self._id
        d.profiles.pop(me, None)
        d.owners.pop(me, None)
        d.tokens.pop(me, None)
        d.plan_starts.pop(me, None)
        d.sessions = {k: s for k, s in d.sessions.items() if s.athlete_id != me}
        d.sets = {k: s for k, s in d.sets.items() if s.athlete_id != me}
        d.assessments = [(a, v) for a, v in d.assessments if a != me]
        d.frames = {g: f for g, f in d.frames.items() if f[0] != me}
        d.soreness = {k: v for k, v in d.soreness.items() if k[0] != me}
        d.runs = {k: r for k, r in d.runs.items() if k[0] != me}
        d.moves = {k: t for k, t in d.moves.items() if k[0] != me}
        d.coach_links = {k: x for k, x in d.coach_links.items() if x.athlete_id != me}
        d.comments = {k: v for k, v in d.comments.items() if v[0] != me}
        d.programme = {k: v for k, v in d.programme.items() if v[0] != me}
        d.invitations = {
            k: (h, replace(i, accepted_by=None) if i.accepted_by == me else i)
            for k, (h, i) in d.invitations.items()
        }


class FakeSessions(_Repository):
    def _mine(self) -> list[tuple[int, _Session]]:
        return sorted(
            ((k, s) for k, s in self._d.sessions.items() if s.athlete_id == self._id),
            key=lambda item: item[1].date,
        )

    def id_for(self, date: dt.date) -> int:
        found = next((k for k, s in self._mine() if s.date == date), None)
        if found is not None:
            return found
        self._d.last_session_id += 1
        self._d.sessions[self._d.last_session_id] = _Session(self._id, date)
        return self._d.last_session_id

    def known_ids(self, dates: Collection[dt.date]) -> dict[dt.date, int]:
        return {s.date: k for k, s in self._mine() if s.date in dates}

    def get(self, date: dt.date) -> SessionRecord | None:
        found = next((s for _, s in self._mine() if s.date == date), None)
        return None if found is None else found.record()

    def start(
        self,
        date: dt.date,
        at: dt.datetime,
        planned: PlannedSession | None,
        *,
        again: bool = False,
    ) -> bool:
        session = self._d.sessions[self.id_for(date)]
        if session.started_at is not None and not again:
            return False
        session.started_at = session.started_at or _utc(at)
        session.planned, session.skipped_at = planned, None
        return True

    def skip(self, date: dt.date, at: dt.datetime) -> None:
        self._d.sessions[self.id_for(date)].skipped_at = _utc(at)

    def started(self, first: dt.date, last: dt.date) -> dict[dt.date, PlannedSession]:
        return {
            s.date: s.planned
            for _, s in self._mine()
            if s.planned is not None and first <= s.date <= last
        }

    def finish(self, date: dt.date, at: dt.datetime, note: str | None) -> bool:
        found = next((s for _, s in self._mine() if s.date == date), None)
        if found is None:
            return False
        found.finished_at = _utc(at)
        if note:
            found.note = note
        return True

    def all(self, since: dt.date | None = None) -> list[SessionRecord]:
        return [s.record() for _, s in self._mine() if since is None or s.date >= since]

    def dates_with_sets(
        self, before: dt.date | None, limit: int, exercise: str | None = None
    ) -> list[dt.date]:
        used = {
            s.session_id
            for s in self._d.sets.values()
            if exercise is None or s.record.exercise == exercise
        }
        dates = [
            s.date for k, s in self._mine() if k in used and (before is None or s.date < before)
        ]
        return sorted(dates, reverse=True)[:limit]

    def restore(self, record: SessionRecord) -> None:
        session = self._d.sessions[self.id_for(record.date)]
        session.finished_at = None if record.finished_at is None else _utc(record.finished_at)
        session.note = record.note
        session.started_at = None if record.started_at is None else _utc(record.started_at)
        session.skipped_at = None if record.skipped_at is None else _utc(record.skipped_at)
        session.planned = record.planned


class FakeSets(_Repository):
    def _mine(self) -> list[LoggedSet]:
        return [s.record for s in self._d.sets.values() if s.athlete_id == self._id]

    def get(self, set_id: str) -> LoggedSet | None:
        found = self._d.sets.get(set_id)
        return found.record if found is not None and found.athlete_id == self._id else None

    def owner_of(self, set_id: str) -> int | None:
        found = self._d.sets.get(set_id)
        return None if found is None else found.athlete_id

    def owners_of(self, set_ids: Collection[str]) -> dict[str, int]:
        return {i: self._d.sets[i].athlete_id for i in set_ids if i in self._d.sets}

    def head(
        self, session_id: int, exercise: str, side: str | None
    ) -> tuple[LoggedSet | None, int]:
        return (
            self.first_in_session(session_id, exercise, side),
            self.last_number(session_id, exercise, side),
        )

    def add_many(self, records: Sequence[tuple[LoggedSet, int]]) -> set[str]:
        return {record.id for record, session_id in records if self.add(record, session_id)}

    def _in_session(self, session_id: int, exercise: str, side: str | None) -> list[LoggedSet]:
        return [
            s.record
            for s in self._d.sets.values()
            if s.session_id == session_id
            and s.record.exercise == exercise
            and s.record.side == side
        ]

    def first_in_session(
        self, session_id: int, exercise: str, side: str | None
    ) -> LoggedSet | None:
        found = self._in_session(session_id, exercise, side)
        return min(found, key=lambda s: s.set_number) if found else None

    def last_number(self, session_id: int, exercise: str, side: str | None) -> int:
        return max((s.set_number for s in self._in_session(session_id, exercise, side)), default=0)

    def add(self, record: LoggedSet, session_id: int) -> bool:
        if record.id in self._d.sets:
            return False
        session = self._d.sessions[session_id]
        # As the database does: the date is the session's, the time is kept in UTC.
        stored = replace(record, session_date=session.date, performed_at=_utc(record.performed_at))
        self._d.sets[record.id] = _Set(self._id, session_id, stored)
        return True

    def update(self, set_id: str, reps: int, load: float | None, note: str | None) -> bool:
        found = self._d.sets.get(set_id)
        if found is None or found.athlete_id != self._id:
            return False
        found.record = replace(found.record, reps=reps, load=load, note=note)
        return True

    def delete(self, set_id: str) -> bool:
        found = self._d.sets.get(set_id)
        if found is None or found.athlete_id != self._id:
            return False
        del self._d.sets[set_id]
        return True

    def all(
        self,
        exercise: str | None = None,
        since: dt.date | None = None,
        limit: int | None = None,
        before: tuple[dt.datetime, str] | None = None,
        newest_first: bool = False,
        until: dt.date | None = None,
    ) -> list[LoggedSet]:
        found = self._mine()
        if exercise is not None:
            found = [s for s in found if s.exercise == exercise]
        if since is not None:
            # The same bounds as the query (its time margin included), so both agree on odd data.
            margin_day = max(since, dt.date(1900, 1, 2)) - dt.timedelta(days=1)
            margin = dt.datetime.combine(margin_day, dt.time(), dt.UTC)
            found = [s for s in found if s.performed_at >= margin and s.session_date >= since]
        if until is not None:
            found = [s for s in found if s.session_date <= until]
        if before is not None:
            found = [s for s in found if (s.performed_at, s.id) < before]
        if newest_first:
            found.sort(key=lambda s: (s.performed_at, s.id), reverse=True)
        else:
            found.sort(key=lambda s: (s.performed_at, s.set_number, s.id))
        return found if limit is None else found[:limit]

    def count(self) -> int:
        return len(self._mine())


class FakeAssessments(_Repository):
    def add(self, values: Sequence[Measurement]) -> None:
        self._d.assessments.extend((self._id, v) for v in values)

    def add_frame(self, group_id: str, jpeg: bytes, video_time_s: float | None) -> None:
        self._d.frames[group_id] = (self._id, jpeg)

    def frame(self, group_id: str) -> bytes | None:
        found = self._d.frames.get(group_id)
        return found[1] if found and found[0] == self._id else None

    def framed(self) -> set[str]:
        return {g for g, (a, _) in self._d.frames.items() if a == self._id}

    def all(self, kind: str | None = None) -> list[Measurement]:
        mine = [v for a, v in self._d.assessments if a == self._id and kind in (None, v.kind)]
        return sorted(mine, key=lambda v: v.tested_on)  # stable: insertion order within a day


class FakeRuns(_Repository):
    def all(self, since: dt.datetime | None = None, until: dt.datetime | None = None) -> list[Run]:
        found = [
            r
            for (a, _), r in self._d.runs.items()
            if a == self._id
            and (since is None or r.start >= since)
            and (until is None or r.start < until)
        ]
        return sorted(found, key=lambda r: (r.start, r.external_id))

    def known_ids(self, external_ids: Collection[str]) -> set[str]:
        return {e for e in external_ids if (self._id, e) in self._d.runs}

    def add(self, run: Run) -> bool:
        key = (self._id, run.external_id)
        if key in self._d.runs:
            return False
        self._d.runs[key] = replace(run, start=_utc(run.start))
        return True

    def mark(self, external_id: str, marked: RunType | None) -> bool:
        key = (self._id, external_id)
        if key not in self._d.runs:
            return False
        self._d.runs[key] = replace(self._d.runs[key], marked=marked)
        return True

    def count(self) -> int:
        return sum(1 for a, _ in self._d.runs if a == self._id)


class FakeMoves(_Repository):
    def all(self, first: dt.date, last: dt.date) -> dict[dt.date, dt.date]:
        return {s: t for (a, s), t in self._d.moves.items() if a == self._id and first <= s <= last}

    def put(self, source: dt.date, target: dt.date, at: dt.datetime) -> None:
        self._d.moves[(self._id, source)] = target

    def delete(self, source: dt.date) -> bool:
        return self._d.moves.pop((self._id, source), None) is not None


class FakeSoreness(_Repository):
    def record(self, date: dt.date, score: int, note: str | None) -> None:
        self._d.soreness[(self._id, date)] = (score, note)

    def all(self) -> list[Soreness]:
        return sorted((d, s, n) for (a, d), (s, n) in self._d.soreness.items() if a == self._id)


class FakeAthleteScope:
    # Plain attributes: the ports declare read-only properties, which attributes satisfy.
    def __init__(self, data: FakeData, athlete_id: int) -> None:
        self.athlete_id = athlete_id
        self.profile = FakeProfile(data, athlete_id)
        self.sessions = FakeSessions(data, athlete_id)
        self.sets = FakeSets(data, athlete_id)
        self.assessments = FakeAssessments(data, athlete_id)
        self.runs = FakeRuns(data, athlete_id)
        self.soreness = FakeSoreness(data, athlete_id)
        self.moves = FakeMoves(data, athlete_id)
        self.comments = FakeComments(data, athlete_id)
        self.programme = FakeProgramme(data, athlete_id)


class FakeSetBatches:
    """The set writer's many-athlete reads, made of each athlete's own repositories."""

    def __init__(self, data: FakeData) -> None:
        self._d = data

    def owners_of(self, set_ids: Collection[str]) -> dict[str, int]:
        return {i: self._d.sets[i].athlete_id for i in set_ids if i in self._d.sets}

    def profiles(self, athlete_ids: Collection[int]) -> dict[int, Profile]:
        return {a: self._d.profiles[a] for a in athlete_ids if a in self._d.profiles}

    def session_ids(self, days: Collection[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], int]:
        found = {}
        for athlete, day in days:
            known = FakeSessions(self._d, athlete).known_ids([day])
            if day in known:
                found[(athlete, day)] = known[day]
        return found

    def heads(
        self, keys: Collection[tuple[int, str, str | None]]
    ) -> dict[tuple[int, str, str | None], tuple[LoggedSet | None, int]]:
        # A session id is one athlete's: any athlete's repository reads its head.
        return {key: FakeSets(self._d, 0).head(*key) for key in keys}

    def insert(self, rows: Sequence[tuple[int, LoggedSet, int]]) -> set[str]:
        added: set[str] = set()
        for athlete, record, session_id in rows:
            added |= FakeSets(self._d, athlete).add_many([(record, session_id)])
        return added


class FakeUnitOfWork:
    def __init__(self) -> None:
        self.data = FakeData()  # what is committed
        self._work: FakeData | None = None
        self.committed = False  # whether the last `with` block committed
        self.commits = 0  # commits over the fake's life

    def __enter__(self) -> Self:
        if self._work is not None:
            raise RuntimeError("unit of work entered twice: use-cases take one each")
        self._work = copy.deepcopy(self.data)
        self.committed = False
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()
        self._work = None

    def _data(self) -> FakeData:
        if self._work is None:
            raise RuntimeError("unit of work used outside its `with` block")
        return self._work

    @property
    def athletes(self) -> FakeAthletes:
        return FakeAthletes(self._data())

    def athlete(self, athlete_id: int) -> FakeAthleteScope:
        return FakeAthleteScope(self._data(), athlete_id)

    @property
    def accounts(self) -> FakeAccounts:
        return FakeAccounts(self._data())

    @property
    def coaching(self) -> FakeCoaching:
        return FakeCoaching(self._data())

    @property
    def batches(self) -> FakeSetBatches:
        return FakeSetBatches(self._data())

    def commit(self) -> None:
        self.data = copy.deepcopy(self._data())
        self.committed = True
        self.commits += 1

    def rollback(self) -> None:
        """Discard what was not committed (repositories already handed out see the undo)."""
        work = self._data()
        restored = copy.deepcopy(self.data)
        for name in FakeData.__dataclass_fields__:
            setattr(work, name, getattr(restored, name))
