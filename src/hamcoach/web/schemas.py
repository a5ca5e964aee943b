"""Request bodies of the JSON API. Domain rules validate meaning; these validate shape."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SideIn = Literal["left", "right"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


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
    performed_at: dt.datetime = Field(description="ISO 8601 with a time zone offset.")
    note: str | None = Field(default=None, max_length=500)


class SetEdit(_Strict):
    reps: int
    load: float | None = None
    note: str | None = Field(default=None, max_length=500)


class ProfileIn(_Strict):
    name: str = Field(min_length=1, max_length=100)
    units: Literal["kg", "lb"] = "kg"
    body_mass: float | None = None
    increment: float | None = None
    equipment: list[str]
    week: str = Field(default="", examples=["mon=rest,tue=key,thu=easy,sun=long"])
    sessions: int = 2
    per_session: int = 2
    nordic_experienced: bool = False
    race_dates: list[dt.date] = []
    keep_rest_days: bool = False
    rest_s: int = 90
    timezone: str = "UTC"


class TestIn(_Strict):
    kind: Literal["hq", "nordic-force", "break-angle", "10rm"]
    tested_on: dt.date | None = None
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
    note: str | None = Field(default=None, max_length=500)


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
    performed_at: dt.datetime
    session_date: dt.date
    note: str | None = Field(default=None, max_length=500)


class SorenessIn(_Strict):
    score: int = Field(ge=0, le=10, description="0 = none, 10 = worst.")
    date: dt.date | None = Field(default=None, description="Default: today (your time zone).")
    note: str | None = Field(default=None, max_length=500)
