"""Request bodies of a coach's API (`POST /api/v1/coach/programme`)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag

from hamcoach.domain.coaching import GROUP_MAX
from hamcoach.domain.programme import every_code
from hamcoach.web.schemas import _LINE_PATTERN, IsoDate, Whole, _Strict, documented

# Every code is short and plain: `sessions:3`, `exercise:exclude:nordic-curl`, `phase:taper`.
_CODE = r"^[a-z0-9-]+(:[a-z0-9-]+){1,2}$"
MAX_ATHLETES = 1000  # a club's roster at most in one change
MAX_ID = 2**31 - 1  # ids are PostgreSQL integers
AthleteId = Annotated[
    int, Whole, Field(ge=1, le=MAX_ID), documented(type="integer", minimum=1, maximum=MAX_ID)
]


class _Change(_Strict):
    change: str = Field(
        max_length=60,
        pattern=_CODE,
        json_schema_extra={"enum": list(every_code())},
        description=(
            "`sessions:1`..`sessions:3`; `exercise:prefer|exclude|either:<exercise>`; "
            "`phase:maintenance|taper|usual` (with `until`); `race:add|remove` (on `start`); "
            "`rest-days:keep|free`; `nordic-ramp:on|off`."
        ),
        examples=["sessions:3"],
    )
    start: IsoDate = Field(
        description="From this day: the change takes effect the Monday on or after it (a race: "
        "on that day). Today or later."
    )
    until: IsoDate | None = Field(default=None, description="A phase's last day.")


class ChangeForAthletes(_Change):
    """A programme change for some of the coach's athletes."""

    athletes: list[AthleteId] = Field(
        min_length=1,
        max_length=MAX_ATHLETES,
        description="Athlete ids from GET /api/v1/coach/roster.",
    )


class ChangeForGroup(_Change):
    """A programme change for everyone in one of the coach's roster groups."""

    group: str = Field(
        min_length=1,
        max_length=GROUP_MAX,
        pattern=_LINE_PATTERN,
        description="A group name as the roster shows it.",
    )


def _target(body: Any) -> str | None:
    if isinstance(body, dict):
        given = [k for k in ("athletes", "group") if k in body]
        return given[0] if len(given) == 1 else None
    return "athletes" if isinstance(body, ChangeForAthletes) else "group"


# Either the athletes or a group: a body with both or neither is told what to give (422).
ProgrammeChangeIn = Annotated[
    Annotated[ChangeForAthletes, Tag("athletes")] | Annotated[ChangeForGroup, Tag("group")],
    Discriminator(
        _target,
        custom_error_type="target",
        custom_error_message="give either `athletes` (ids) or `group` (a group's name)",
    ),
]
