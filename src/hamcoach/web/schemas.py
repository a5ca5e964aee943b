"""Request bodies of the JSON API. Domain rules validate meaning; these validate shape."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.values import MAX_NAME, MAX_NOTE, MAX_RACES, MAX_TIMEZONE
from hamcoach.domain.values import check_date as _check_date
from hamcoach.domain.values import check_moment as _check_moment
from hamcoach.domain.values import parse_iso_date as _parse_iso_date

SideIn = Literal["left", "right"]


def _iso_date(value: Any) -> Any:
    # Dates are written YYYY-MM-DD: pydantic alone would take 0.0 or 20261201 as a date.
    try:
        if isinstance(value, str):
            return _parse_iso_date(value)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return _check_date(value)
    except InvalidInput as exc:
        raise ValueError(exc.message) from None
    raise ValueError("a date written YYYY-MM-DD is needed")


def _iso_moment_text(value: Any) -> Any:
    if isinstance(value, str | dt.datetime):
        return value
    raise ValueError("a time written in ISO 8601 with its offset is needed")


def _moment_range(value: dt.datetime) -> dt.datetime:
    try:
        return _check_moment(value, "time")
    except InvalidInput as exc:
        raise ValueError(exc.message) from None


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
IsoDateTime = Annotated[
    dt.datetime, BeforeValidator(_iso_moment_text), AfterValidator(_moment_range)
]
Note = Annotated[str, Field(max_length=MAX_NOTE)]


class _Strict(BaseModel):
    # Infinity and NaN are not numbers a person logs; refusing them here keeps every export
    # valid JSON.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class SetIn(_Strict):
    id: str = Field(description="Client-generated UUID; sending the same id again is harmless.")
    exercise: str = Field(examples=["lying-leg-curl"])
    variant: str | None = None
    side: SideIn | None = None
    reps: int
    load: float | None = Field(
        default=None, description="In the profile's unit; null for body weight."
    )
    rir: int | None = None
    performed_at: IsoDateTime = Field(description="ISO 8601 with a time zone offset.")
    note: Note | None = None


class SetEdit(_Strict):
    reps: int
    load: float | None = None
    note: Note | None = None


class ProfileIn(_Strict):
    name: str = Field(min_length=1, max_length=MAX_NAME)
    units: Literal["kg", "lb"] = "kg"
    body_mass: float | None = None
    increment: float | None = None
    equipment: list[Annotated[str, Field(max_length=40)]] = Field(max_length=20)
    week: str = Field(default="", max_length=200, examples=["mon=rest,tue=key,thu=easy,sun=long"])
    sessions: int = 2
    per_session: int = 2
    nordic_experienced: bool = False
    race_dates: list[IsoDate] = Field(default=[], max_length=MAX_RACES)
    keep_rest_days: bool = False
    rest_s: int = 90
    timezone: str = Field(default="UTC", max_length=MAX_TIMEZONE, examples=["Europe/Paris"])


class TestIn(_Strict):
    kind: Literal["hq", "nordic-force", "break-angle", "10rm"]
    tested_on: IsoDate | None = None
    hamstring_con: float | None = None
    quad_con: float | None = None
    hamstring_ecc: float | None = None
    velocity_deg_s: int = 60
    left: float | None = None
    right: float | None = None
    side: SideIn | None = None
    degrees: float | None = None
    exercise: str | None = None
    load: float | None = None
    unit: str | None = None


class FinishIn(_Strict):
    note: Note | None = None


class SetRestore(_Strict):
    """A set as GET/DELETE returned it, to put back after a delete (undo)."""

    id: str
    exercise: str
    variant: str | None
    stance: str | None
    side: SideIn | None
    set_number: int = Field(ge=1, le=1000)
    target_reps_min: int | None
    target_reps_max: int | None
    target_load: float | None
    reps: int
    load: float | None
    unit: Literal["kg", "lb"]
    rir: int | None
    performed_at: IsoDateTime
    session_date: IsoDate
    note: Note | None = None


class SorenessIn(_Strict):
    score: int = Field(ge=0, le=10, description="0 = none, 10 = worst.")
    date: IsoDate | None = Field(default=None, description="Default: today (your time zone).")
    note: Note | None = None
