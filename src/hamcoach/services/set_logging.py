"""Logging sets: each set checked, stored once, and given the prescription it was done against."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from hamcoach.domain.catalogue import Catalogue
from hamcoach.domain.errors import (
    Conflict,
    HamcoachError,
    InvalidInput,
    NoProfile,
    Unauthorized,
)
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import PlannedSession, Side
from hamcoach.domain.planning import (
    build_plan,
)
from hamcoach.domain.profile import Profile
from hamcoach.domain.records import LoggedSet
from hamcoach.domain.set_rules import SetInput, check_set, check_stance_side
from hamcoach.domain.targets import Targets, compute_targets
from hamcoach.domain.values import check_date, check_moment, check_note
from hamcoach.services.credentials import Credential, writers_in
from hamcoach.services.ports import AthleteScopePort, UnitOfWorkPort
from hamcoach.services.profile import monday_of
from hamcoach.services.set_batch import (
    Batch,
    Item,
    Prefetched,
    canonical_ids,
    prefetch,
    validate_uuid,
)
from hamcoach.services.training import local_date, plan_request, planned_on


@dataclass(frozen=True)
class LoggedOutcome:
    stored: tuple[LoggedSet, ...]
    duplicates: tuple[LoggedSet, ...]
    next_load: float | None
    next_reason: str | None


def _record(
    batch: Batch,
    set_id: str,
    item: SetInput,
    performed_at: dt.datetime,
) -> LoggedSet | None:
    """Queue one set for its batch's insert unless its id is already stored (then None).

    The set is checked first: a retry of a stored set is valid, and an invalid body is refused
    even when its id is known (the id does not make any content acceptable)."""
    scope, profile, catalogue = batch.scope, batch.profile, batch.catalogue
    day = local_date(performed_at, profile)
    check_set(replace(item, performed_on=day), catalogue, profile.units, batch.today)
    side = Side.parse(item.side)
    if set_id in batch.queued:
        return None  # the same set twice in one batch: the second is a retry
    owner = batch.owners.get(set_id)
    if owner == scope.athlete_id:
        return None
    if owner is not None:
        raise Conflict(f"set id {set_id} is already in use; generate a new UUID")
    ex = catalogue.get(item.exercise)
    session_id = batch.session_id(day)
    key = (session_id, ex.slug, item.side)
    earlier, last_number = batch.head(key)
    target_cache = batch.targets
    if earlier is None:
        # A first set reads the history to prescribe: the sets queued before it belong there.
        batch.flush()
    # A later set of an exercise shares its first set's prescription: only a first set reads
    # (or begins) the session's plan, which keeps the hot path at its old queries.
    begun, begins = (None, False) if earlier else _begun(scope, profile, day, target_cache)
    planned_here = next((e for e in begun.exercises if e.slug == ex.slug), None) if begun else None
    reps_min: int | None
    reps_max: int | None
    if earlier is None and planned_here is not None:
        # The session's plan as it began: a later plan change does not move its targets.
        reps_min, reps_max = planned_here.reps_min, planned_here.reps_max
        target_load = None if ex.bodyweight else planned_here.load_on(side)
        variant = item.variant or planned_here.variant
        stance = planned_here.stance if variant == planned_here.variant else None
    elif earlier is not None:
        # The session's prescription was fixed by its first set; later sets share it, which
        # also spares replaying the whole history on every set sent from a phone.
        reps_min, reps_max = earlier.target_reps_min, earlier.target_reps_max
        target_load = earlier.target_load
        variant = item.variant or earlier.variant
        stance = earlier.stance if variant == earlier.variant else None
    else:
        if day not in target_cache:
            target_cache[day] = compute_targets(
                profile, scope.sets.all(), scope.assessments.all(), day
            )
        targets = target_cache[day]
        plan_week = build_plan(plan_request(profile, targets, monday_of(day), 1))
        planned = next(
            (e for s in plan_week.sessions() for e in s.exercises if e.slug == ex.slug), None
        )
        reps_min = planned.reps_min if planned else ex.prescription.reps_min
        reps_max = planned.reps_max if planned else ex.prescription.reps_max
        target_load = None if ex.bodyweight else targets.load_for(ex.slug, side)
        variant, stance = item.variant, None
        if ex.slug == "floor-curl":
            rung = targets.floor_rung
            variant = variant or (rung.variant if rung else ex.variants[0].slug)
            stance = rung.stance if rung and rung.variant == variant else "both"
    if ex.slug == "floor-curl" and stance is None:
        stance = "both"
    if ex.ladder:
        check_stance_side(stance, side)
    record = LoggedSet(
        id=set_id,
        exercise=ex.slug,
        variant=variant,
        stance=stance,
        side=side,
        set_number=1 + last_number,
        target_reps_min=reps_min,
        target_reps_max=reps_max,
        target_load=target_load,
        reps=item.reps,
        load=item.load,
        unit=profile.units.value,
        rir=item.rir,
        performed_at=performed_at,
        session_date=day,
        note=item.note,
        kind=item.kind,
        hips_up=item.hips_up,
    )
    if begins:  # written only now: a refused set must not begin the session
        scope.sessions.start(day, performed_at, begun)
    batch.queue(record, session_id)
    batch.heads[key] = (earlier or record, record.set_number)
    return record


def _begun(
    scope: AthleteScopePort,
    profile: Profile,
    day: dt.date,
    target_cache: dict[dt.date, Targets],
) -> tuple[PlannedSession | None, bool]:
    """The plan `day`'s session began with, and whether this set begins it (the first set
    of a session does, unless the athlete began it already)."""
    record = scope.sessions.get(day)
    if record is not None and record.started_at is not None:
        return record.planned, False
    if day not in target_cache:
        target_cache[day] = compute_targets(profile, scope.sets.all(), scope.assessments.all(), day)
    return planned_on(scope, profile, day, targets=target_cache[day]), True


def _log_one(
    batch: Batch, item: tuple[str, SetInput, dt.datetime], now: dt.datetime
) -> tuple[str, LoggedSet | None]:
    """Check one set and queue it: (its id, the set) when new, (its id, None) for a known id."""
    set_id, what, at = item
    check_moment(at, "the set's time")
    if at > now + dt.timedelta(minutes=5):
        raise InvalidInput(
            f"the set's time {at:%Y-%m-%d %H:%M %Z} is in the future; log only sets already done"
        )
    set_id = validate_uuid(set_id)
    return set_id, _record(batch, set_id, what, at)


def _outcomes(
    batch: Batch, queued: list[tuple[str, LoggedSet | None] | HamcoachError]
) -> list[tuple[bool, LoggedSet] | HamcoachError]:
    """Once the batch is in: say for each set whether it is new or which stored set it is."""
    inserted = batch.inserted
    outcomes: list[tuple[bool, LoggedSet] | HamcoachError] = []
    for entry in queued:
        if isinstance(entry, HamcoachError):
            outcomes.append(entry)
            continue
        set_id, record = entry  # a record only for an id's first appearance in the batch
        if record is not None and set_id in inserted:
            outcomes.append((True, record))
            continue
        found = batch.scope.sets.get(set_id)
        if found is None:  # lost a race with another athlete's identical UUID
            outcomes.append(Conflict(f"set id {set_id} is already in use; generate a new UUID"))
        else:  # a retry, or the same id arrived concurrently and won
            outcomes.append((False, found))
    return outcomes


def _queue_group(
    scope: AthleteScopePort,
    profile: Profile,
    items: Sequence[Item],
    now: dt.datetime,
    catalogue: Catalogue,
    owners: dict[str, int] | None = None,
    known: Prefetched | None = None,
    batch: Batch | None = None,
) -> tuple[Batch, list[tuple[str, LoggedSet | None] | HamcoachError]]:
    """One athlete's sets checked and queued as one batch, inside the caller's transaction
    (`batch`: the athlete's batch of this transaction, when an earlier group opened it)."""
    if batch is None:
        today = local_date(now, profile)
        batch = Batch.open(scope, profile, today, catalogue, items, owners, known)
    queued: list[tuple[str, LoggedSet | None] | HamcoachError] = []
    for item in items:
        try:
            queued.append(_log_one(batch, item, now))
        except HamcoachError as exc:
            queued.append(exc)
    return batch, queued


def _log_group(
    scope: AthleteScopePort,
    profile: Profile,
    items: Sequence[Item],
    now: dt.datetime,
    catalogue: Catalogue,
) -> list[tuple[bool, LoggedSet] | HamcoachError]:
    """One athlete's sets as one batch, inside the caller's transaction; each set's outcome."""
    batch, queued = _queue_group(scope, profile, items, now, catalogue)
    batch.flush()
    return _outcomes(batch, queued)


def log_sets(
    uow: UnitOfWorkPort,
    athlete_id: int,
    items: Sequence[tuple[str, SetInput, dt.datetime]],
    now: dt.datetime,
    catalogue: Catalogue = CATALOGUE,
    *,
    with_next: bool = True,
) -> LoggedOutcome:
    """Store sets (id, what, when) all or nothing; a known id is a duplicate, not an error."""
    stored: list[LoggedSet] = []
    duplicates: list[LoggedSet] = []
    with uow:
        scope = uow.athlete(athlete_id)
        profile = scope.profile.get()
        for outcome in _log_group(scope, profile, items, now, catalogue):
            if isinstance(outcome, HamcoachError):
                raise outcome
            new, record = outcome
            (stored if new else duplicates).append(record)
        uow.commit()
        next_load: float | None = None
        reason: str | None = None
        logged = stored or duplicates
        if logged and with_next:
            next_load, reason = _next_step(scope, profile, logged[-1])
    return LoggedOutcome(tuple(stored), tuple(duplicates), next_load, reason)


def _next_step(
    scope: AthleteScopePort, profile: Profile, last: LoggedSet
) -> tuple[float | None, str | None]:
    """The load and the reason for the next time this exercise comes round."""
    slug = last.exercise
    after = last.session_date + dt.timedelta(days=1)
    targets = compute_targets(profile, scope.sets.all(), scope.assessments.all(), after)
    next_load = targets.load_for(slug, last.side)
    reason = targets.reason_for(slug, last.side)
    if slug == "nordic-curl":
        # The ramp steps by training week: say where it stands next Monday.
        monday = monday_of(after) + dt.timedelta(days=7 if after.weekday() else 0)
        ramp = compute_targets(profile, scope.sets.all(), [], monday).nordic_ramp_week
        reason = f"Nordic ramp-in week {ramp} from {monday:%a %d %b}" + (
            " (full dose)" if ramp >= 5 else ""
        )
    elif slug == "floor-curl" and targets.floor_rung:
        rung = targets.floor_rung
        reason = f"floor curl next: {rung.variant}, {rung.stance}"
    return next_load, reason


def log_each(
    uow: UnitOfWorkPort,
    athlete_id: int,
    items: Sequence[tuple[str, SetInput, dt.datetime]],
    now: dt.datetime,
    catalogue: Catalogue = CATALOGUE,
) -> list[tuple[bool, LoggedSet] | HamcoachError]:
    """Store independent sets of one athlete in one transaction; each gets its own outcome."""
    return log_many(uow, [SetGroup(athlete_id, items)], now, catalogue)[0]


class SetGroup(NamedTuple):
    """One athlete's sets for a shared transaction, and the credential that sent each, to be
    confirmed in that transaction (none, or None for a set: nothing to confirm, as in local
    mode or the CLI)."""

    athlete_id: int
    items: Sequence[tuple[str, SetInput, dt.datetime]]
    signers: Sequence[Credential | None] = ()


def log_many(
    uow: UnitOfWorkPort,
    groups: Sequence[SetGroup],
    now: dt.datetime,
    catalogue: Catalogue = CATALOGUE,
    *,
    signed_at: dt.datetime | None = None,
) -> list[list[tuple[bool, LoggedSet] | HamcoachError]]:
    """Store independent sets of many athletes in one transaction; each set gets its own
    outcome.

    For a group commit: sets from many requests, whoever sent them, share one commit (one disk
    flush, one round trip to commit), and a refused set refuses only itself. A refused set
    writes nothing: every check runs before its insert. A set whose credential no longer
    writes for its athlete (as of `signed_at`, else `now`) is refused, Unauthorized.
    """
    results: list[list[tuple[bool, LoggedSet] | HamcoachError]] = []
    with uow:
        credentials = {c for g in groups for c in g.signers if c is not None}
        live = writers_in(uow, credentials, signed_at or now) if credentials else {}
        refused: list[dict[int, HamcoachError]] = [
            {
                i: Unauthorized(c.refusal)
                for i, c in enumerate(signers)
                if c is not None and live[c] != athlete_id
            }
            for athlete_id, _, signers in groups
        ]
        admitted = [
            (group.athlete_id, [item for i, item in enumerate(group.items) if i not in no])
            for group, no in zip(groups, refused, strict=True)
        ]
        # Set ids are global: one question for the owners of every id in the transaction,
        # and one for each other thing every athlete's batch reads (a club's batch holds a
        # set or two from each of many athletes; storage/repositories/set_batches.py).
        everyone = [item for _, items in admitted for item in items]
        owners = uow.batches.owners_of(canonical_ids(everyone))
        known = prefetch(uow.batches, admitted, catalogue)
        held: dict[int, Batch] = {}  # one batch per athlete, should one come in two groups
        queued = [
            _queue_athlete(uow, a, items, now, catalogue, owners, known, held)
            for a, items in admitted
        ]
        batches = list(held.values())
        # One insert for the sets every athlete's batch still holds.
        pending = [(b.scope.athlete_id, r, sid) for b in batches for r, sid in b.pending.values()]
        added = uow.batches.insert(pending)
        for batch in batches:
            batch.settle(added)
        for no, (group, (own, entries)) in zip(
            refused, zip(groups, queued, strict=True), strict=True
        ):
            # Without a batch, every entry is a refusal (no profile) or there are none.
            outcomes = iter(
                _outcomes(own, entries)
                if own is not None
                else [e for e in entries if isinstance(e, HamcoachError)]
            )
            results.append([no[i] if i in no else next(outcomes) for i in range(len(group.items))])
        uow.commit()
    return results


def _queue_athlete(
    uow: UnitOfWorkPort,
    athlete_id: int,
    items: Sequence[Item],
    now: dt.datetime,
    catalogue: Catalogue,
    owners: dict[str, int],
    known: Prefetched,
    held: dict[int, Batch],
) -> tuple[Batch | None, list[tuple[str, LoggedSet | None] | HamcoachError]]:
    """An athlete's sets queued in their batch (`held`: the transaction's batches, by
    athlete); no batch when none can be (no sets, no profile: then each set says so)."""
    if not items:
        return None, []
    profile = known.profiles.get(athlete_id)
    if profile is None:  # no profile (yet, or any more)
        return None, [NoProfile() for _ in items]
    scope = uow.athlete(athlete_id)
    batch, entries = _queue_group(
        scope, profile, items, now, catalogue, owners, known, held.get(athlete_id)
    )
    held[athlete_id] = batch
    return batch, entries


def finish_session(
    uow: UnitOfWorkPort, athlete_id: int, date: dt.date, now: dt.datetime, note: str | None
) -> bool:
    check_date(date, "session date")
    note = check_note(note, "session note")
    with uow:
        scope = uow.athlete(athlete_id)
        if not any(s.kind.counts_as_work for s in scope.sets.all(since=date, until=date)):
            return False  # nothing done: the athlete is asked to skip it instead
        done = scope.sessions.finish(date, now, note)
        uow.commit()
        return done
