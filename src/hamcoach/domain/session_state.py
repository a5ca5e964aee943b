"""Where a day's session stands: which exercise is current, how many sets each has, and whether
the session was done, partly done, missed or skipped (pure; the server's view of the session,
the same on every device and in the CLI).

Only working (and failure) sets count towards an exercise's target sets: a warm-up or a drop
set is extra work, not one of the programme's sets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from hamcoach.domain.model import PlannedSession, Side
from hamcoach.domain.records import LoggedSet, SessionRecord


class Status(StrEnum):
    """A planned day's outcome, as compliance colours show it (done / partial / missed)."""

    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    PARTIAL = "partial"
    MISSED = "missed"
    SKIPPED = "skipped"
    EXTRA = "extra"  # sets on a day with no planned session
    REST = "rest"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Status.PLANNED: "Planned",
    Status.IN_PROGRESS: "In progress",
    Status.DONE: "Done",
    Status.PARTIAL: "Partly done",
    Status.MISSED: "Missed",
    Status.SKIPPED: "Skipped",
    Status.EXTRA: "Extra session",
    Status.REST: "Rest",
}


@dataclass(frozen=True)
class ExerciseProgress:
    slug: str
    sides: tuple[Side | None, ...]  # (left, right) for a per-leg exercise, else (None,)
    target_sets: int  # on each side
    done: tuple[int, ...]  # working sets logged, in the order of `sides`

    @property
    def complete(self) -> bool:
        return all(d >= self.target_sets for d in self.done)

    @property
    def sets_done(self) -> int:
        return sum(self.done)

    @property
    def sets_target(self) -> int:
        return self.target_sets * len(self.sides)

    def next_set(self) -> tuple[Side | None, int]:
        """The leg that is behind (left first on a tie) and the number of its next set."""
        lagging = min(range(len(self.sides)), key=lambda i: self.done[i])
        return self.sides[lagging], min(self.done[lagging] + 1, self.target_sets)


@dataclass(frozen=True)
class SessionState:
    date: dt.date
    planned: bool
    exercises: tuple[ExerciseProgress, ...]
    extras: tuple[str, ...]  # exercises logged that the plan did not hold, first-logged first
    work_sets: int
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    skipped_at: dt.datetime | None

    @property
    def current(self) -> int | None:
        """The index of the first exercise still short of its sets; None when all are done."""
        return next((i for i, e in enumerate(self.exercises) if not e.complete), None)

    @property
    def complete(self) -> bool:
        return bool(self.exercises) and self.current is None

    def status(self, today: dt.date) -> Status:
        if self.work_sets == 0:
            if self.skipped_at is not None:
                return Status.SKIPPED
            if not self.planned:
                return Status.REST
            return Status.MISSED if self.date < today else Status.PLANNED
        if not self.planned:
            return Status.EXTRA
        if self.complete:
            return Status.DONE
        if self.finished_at is not None or self.date < today:
            return Status.PARTIAL
        return Status.IN_PROGRESS

    def progress_text(self, names: dict[str, str] | None = None) -> str:
        """ "Exercise 2 of 2, set 1 of 3" (with the leg when it matters), or that all are done."""
        n = len(self.exercises)
        if n == 0:
            return "Nothing planned"
        index = self.current
        if index is None:
            return "The exercise is done" if n == 1 else f"All {n} exercises done"
        progress = self.exercises[index]
        side, number = progress.next_set()
        leg = f" ({side.value} leg)" if side is not None else ""
        name = f": {names[progress.slug]}" if names and progress.slug in names else ""
        return f"Exercise {index + 1} of {n}{name}, set {number} of {progress.target_sets}{leg}"


def session_state(
    date: dt.date,
    planned: PlannedSession | None,
    sets: Sequence[LoggedSet],
    record: SessionRecord | None = None,
) -> SessionState:
    """The state of `date`'s session from its plan (as started, when it was) and its sets."""
    work = [s for s in sets if s.session_date == date and s.kind.counts_as_work]
    progress = []
    for e in planned.exercises if planned else ():
        sides: tuple[Side | None, ...] = (Side.LEFT, Side.RIGHT) if e.per_side else (None,)
        done = tuple(
            sum(1 for s in work if s.exercise == e.slug and (side is None or s.side == side))
            for side in sides
        )
        progress.append(ExerciseProgress(e.slug, sides, e.sets, done))
    planned_slugs = {p.slug for p in progress}
    extras = tuple(dict.fromkeys(s.exercise for s in work if s.exercise not in planned_slugs))
    return SessionState(
        date=date,
        planned=planned is not None and bool(planned.exercises),
        exercises=tuple(progress),
        extras=extras,
        work_sets=len(work),
        started_at=record.started_at if record else None,
        finished_at=record.finished_at if record else None,
        skipped_at=record.skipped_at if record else None,
    )
