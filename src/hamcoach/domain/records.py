"""What storage hands back: plain, immutable records of logged work and tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hamcoach.domain.errors import UnknownChoice
from hamcoach.domain.model import PlannedSession, Side


class SetKind(StrEnum):
    """What a logged set was for: only working (and failure) sets drive progression."""

    WARMUP = "warmup"
    WORKING = "working"
    DROP = "drop"
    FAILURE = "failure"

    @classmethod
    def parse(cls, raw: str | None) -> SetKind:
        if raw is None or raw == "":
            return cls.WORKING
        try:
            return cls(raw.strip().lower())
        except ValueError:
            raise UnknownChoice("set kind", raw, [k.value for k in cls]) from None

    @property
    def counts_as_work(self) -> bool:
        return self in (SetKind.WORKING, SetKind.FAILURE)


class Measure(StrEnum):
    """What one stored strength-test value measures (see `domain.assessment`)."""

    HAMSTRING_CON = "hamstring-con"
    QUAD_CON = "quad-con"
    HAMSTRING_ECC = "hamstring-ecc"
    NORDIC_FORCE = "nordic-force"
    BREAK_ANGLE = "break-angle"
    TEN_RM = "10rm"


@dataclass(frozen=True)
class LoggedSet:
    id: str
    exercise: str
    variant: str | None
    stance: str | None
    side: Side | None
    set_number: int
    target_reps_min: int | None
    target_reps_max: int | None
    target_load: float | None
    reps: int
    load: float | None
    unit: str
    rir: int | None
    performed_at: dt.datetime
    session_date: dt.date
    note: str | None = None
    kind: SetKind = SetKind.WORKING
    # Floor curl only: did the hips stay up on every rep? None: not said (the ladder waits).
    hips_up: bool | None = None


@dataclass(frozen=True)
class Measurement:
    group_id: str
    kind: Measure
    side: Side | None
    exercise: str | None
    value: float
    unit: str
    velocity_deg_s: int | None
    tested_on: dt.date


@dataclass(frozen=True)
class SessionRecord:
    date: dt.date
    finished_at: dt.datetime | None
    note: str | None
    started_at: dt.datetime | None = None
    skipped_at: dt.datetime | None = None
    # The session as planned when it began: later plan changes leave it as it was.
    planned: PlannedSession | None = None
