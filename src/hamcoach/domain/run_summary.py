"""Result types of the runs use-cases (`services.runs`), shown by `views.runs`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Annotations only: domain.runs (and its `statistics`) loads when there are runs.
    from hamcoach.domain.model import RunType
    from hamcoach.domain.runs import ClassifiedRun, InferredWeek, Run, TypicalWeek


@dataclass(frozen=True)
class RunImport:
    """What became of one file's runs: `skipped` names each activity not imported and why (other
    sports, implausible tracks), `warnings` each run stored with less than the file claims (a
    track without a duration, a damaged file read up to the damage)."""

    name: str
    kind: str
    stored: tuple[Run, ...]
    duplicates: tuple[Run, ...]
    skipped: tuple[str, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunsOverview:
    """Stored runs classified week by week (weeks with runs), and the typical week they describe."""

    timezone: str
    weeks: tuple[InferredWeek, ...]
    typical: TypicalWeek | None

    def classified(self) -> list[ClassifiedRun]:
        return [c for week in self.weeks for c in week.runs]


@dataclass(frozen=True)
class ImportSummary:
    """An upload of several files: what each became, and the running week all runs describe."""

    files: tuple[RunImport, ...]
    typical: TypicalWeek | None

    @property
    def stored(self) -> int:
        return sum(len(f.stored) for f in self.files)

    @property
    def duplicates(self) -> int:
        return sum(len(f.duplicates) for f in self.files)


@dataclass(frozen=True)
class RunsPage:
    """A page of the athlete's runs, newest first, classified against all of them.

    `older` is the first day of the page (the next page holds the runs before it), None on the
    last page; `inferred` is, for each run the athlete gave a type, the type the rules give it.
    """

    timezone: str
    runs: tuple[ClassifiedRun, ...]
    older: dt.date | None
    typical: TypicalWeek | None
    total: int
    inferred: Mapping[str, RunType]
