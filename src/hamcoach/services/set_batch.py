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
from hamcoach.services.ports import AthleteScopePort
from hamcoach.services.training import local_date


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
    heads: dict[tuple[int, str, str | None], tuple[LoggedSet | None, int]] = field(
        default_factory=dict
    )
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
        items: Sequence[tuple[str, SetInput, dt.datetime]],
        owners: dict[str, int] | None = None,
    ) -> Batch:
        """`owners`: the owners of these ids when the caller asked already (set ids are
        global, so one question serves a transaction's every athlete)."""
        days = set()
        for _, _, at in items:
            try:
                days.add(local_date(at, profile))
            except (HamcoachError, TypeError, ValueError, OverflowError):
                continue  # refused on its own turn, with its own message
        return cls(
            scope,
            profile,
            today,
            catalogue,
            scope.sets.owners_of(canonical_ids(items)) if owners is None else owners,
            scope.sessions.known_ids(days),
        )

    def session_id(self, day: dt.date) -> int:
        if day not in self.sessions:
            self.sessions[day] = self.scope.sessions.id_for(day)
        return self.sessions[day]

    def head(self, key: tuple[int, str, str | None]) -> tuple[LoggedSet | None, int]:
        if key not in self.heads:
            self.heads[key] = self.scope.sets.head(*key)
        return self.heads[key]

    def flush(self) -> set[str]:
        """Insert the pending sets; every id this batch has put in so far."""
        if self.pending:
            added = self.scope.sets.add_many(list(self.pending.values()))
            self.inserted |= added
            # `owners` may be shared with the transaction's other athletes: an id stored now
            # is refused to them at once, as a fresh lookup would (their later sets are then
            # numbered as if it had never been sent).
            self.owners.update(dict.fromkeys(added, self.scope.athlete_id))
            self.pending.clear()
            # Targets computed before these sets went in may miss them (a set sent late for
            # an earlier day): the next first set computes its targets again.
            self.targets.clear()
        return self.inserted


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
