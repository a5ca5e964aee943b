"""One transaction's batch of an athlete's sets: what it reads once and writes together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from hamcoach.domain.catalogue import Catalogue
from hamcoach.domain.errors import HamcoachError
from hamcoach.domain.profile import Profile
from hamcoach.domain.records import LoggedSet
from hamcoach.domain.set_rules import SetInput
from hamcoach.domain.targets import Targets
from hamcoach.domain.values import check_uuid
from hamcoach.services.ports import AthleteScopePort, Head, HeadKey, SetBatchesPort
from hamcoach.services.training import local_date

Item = tuple[str, SetInput, dt.datetime]  # (set id, what was done, when)


@dataclass
class Batch:
    """What one transaction of sets reads once and writes together.

    Each statement costs more in the database driver than in the database, so a batch asks
    once for the owners of all its ids and for the sessions of all its days, once per
    session, exercise and side for the first set and the highest set number (updated as sets
    join them), and inserts every set in one statement at the end (`flush`).
    """

    scope: AthleteScopePort
    profile: Profile
    today: dt.date
    catalogue: Catalogue
    owners: dict[str, int]
    sessions: dict[dt.date, int]
    heads: dict[HeadKey, Head] = field(default_factory=dict)
    targets: dict[dt.date, Targets] = field(default_factory=dict)
    pending: dict[str, tuple[LoggedSet, int]] = field(default_factory=dict)
    queued: set[str] = field(default_factory=set)  # every id queued, flushed or not
    inserted: set[str] = field(default_factory=set)

    @classmethod
    def open(
        cls,
        scope: AthleteScopePort,
        profile: Profile,
        today: dt.date,
        catalogue: Catalogue,
        items: Sequence[Item],
        owners: dict[str, int] | None = None,
        known: Prefetched | None = None,
    ) -> Batch:
        """`owners`: the owners of these ids when the caller asked already (set ids are
        global, so one question serves a transaction's every athlete); `known`: this
        athlete's sessions and heads, read with the other athletes' (`prefetch`)."""
        owners = scope.sets.owners_of(canonical_ids(items)) if owners is None else owners
        if known is not None:
            sessions = known.sessions_of(scope.athlete_id)
            mine = set(sessions.values())
            heads = {k: h for k, h in known.heads.items() if k[0] in mine}
            return cls(scope, profile, today, catalogue, owners, sessions, heads)
        days = set()
        for _, _, at in items:
            try:
                days.add(local_date(at, profile))
            except (HamcoachError, TypeError, ValueError, OverflowError):
                continue  # refused on its own turn, with its own message
        return cls(scope, profile, today, catalogue, owners, scope.sessions.known_ids(days))

    def session_id(self, day: dt.date) -> int:
        if day not in self.sessions:
            self.sessions[day] = self.scope.sessions.id_for(day)
        return self.sessions[day]

    def head(self, key: tuple[int, str, str | None]) -> tuple[LoggedSet | None, int]:
        if key not in self.heads:
            self.heads[key] = self.scope.sets.head(*key)
        return self.heads[key]

    def queue(self, record: LoggedSet, session_id: int) -> None:
        """Hold a checked set for the insert. Its id is claimed at once in `owners`, which
        the transaction's other athletes share: the same id from one of them is refused, as
        it would be were this set stored already (their later sets are then numbered as if
        it had never been sent)."""
        self.pending[record.id] = (record, session_id)
        self.queued.add(record.id)
        self.owners[record.id] = self.scope.athlete_id

    def flush(self) -> set[str]:
        """Insert the pending sets; every id this batch has put in so far."""
        if self.pending:
            self.settle(self.scope.sets.add_many(list(self.pending.values())))
        return self.inserted

    def settle(self, added: set[str]) -> None:
        """The pending sets went to the database (with other athletes' ones, perhaps): `added`
        holds the ids that went in."""
        self.inserted |= added & self.pending.keys()
        self.pending.clear()
        # Targets computed before these sets went in may miss them (a set sent late for an
        # earlier day): the next first set computes its targets again.
        self.targets.clear()


@dataclass(frozen=True)
class Prefetched:
    """What a transaction's athletes' batches read together: one statement for the profiles,
    one for the sessions of their days, one for the heads of their exercises."""

    profiles: dict[int, Profile]
    sessions: dict[tuple[int, dt.date], int]
    heads: dict[HeadKey, Head]

    def sessions_of(self, athlete_id: int) -> dict[dt.date, int]:
        return {day: sid for (a, day), sid in self.sessions.items() if a == athlete_id}


def prefetch(
    batches: SetBatchesPort, groups: Sequence[tuple[int, Sequence[Item]]], catalogue: Catalogue
) -> Prefetched:
    """Read what the batches of these athletes' sets will ask, in three statements.

    A set that would be refused (a bad time, an unknown exercise) is skipped here: it is
    refused on its own turn, with its own message."""
    profiles = batches.profiles({athlete for athlete, items in groups if items})
    wanted: list[tuple[int, dt.date, str, str | None]] = []
    for athlete, items in groups:
        profile = profiles.get(athlete)
        if profile is None:
            continue  # each of its sets says so
        for _, item, at in items:
            if item.side is not None and not isinstance(item.side, str):
                continue  # not a side: refused on its own turn
            try:
                wanted.append(
                    (athlete, local_date(at, profile), catalogue.get(item.exercise).slug, item.side)
                )
            except (HamcoachError, TypeError, ValueError, OverflowError):
                continue
    sessions = batches.session_ids({(a, day) for a, day, _, _ in wanted})
    keys = {(sessions[(a, d)], slug, side) for a, d, slug, side in wanted if (a, d) in sessions}
    return Prefetched(profiles, sessions, batches.heads(keys))


def validate_uuid(set_id: str) -> str:
    """The canonical spelling of a set's UUID (one set, one id, however a client writes it)."""
    return check_uuid(set_id, "set id")


def canonical_ids(items: Sequence[tuple[str, SetInput, dt.datetime]]) -> set[str]:
    """The canonical ids among these sets (an invalid one is refused on its own turn)."""
    ids = set()
    for set_id, _, _ in items:
        try:
            ids.add(validate_uuid(set_id))
        except (HamcoachError, TypeError, ValueError, OverflowError):
            continue
    return ids
