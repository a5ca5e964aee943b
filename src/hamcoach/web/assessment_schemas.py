"""Request bodies of the strength tests (`POST /api/v1/tests`), one model per kind."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, Strict

from hamcoach.domain.assessment import FORCE_UNITS, MACHINE_CURLS, TORQUE_UNITS, VELOCITIES
from hamcoach.web.schemas import IsoDate, Load, SideIn, Whole, _Strict, documented


def _number(low: float, high: float, *, above: bool = True, note: str = "") -> Any:
    bound = {"exclusiveMinimum": low} if above else {"minimum": low}
    return documented(
        type="number", maximum=high, **bound, **({"description": note} if note else {})
    )


Torque = Annotated[float, Strict(), _number(0, 1000)]


class _AssessmentBase(_Strict):
    tested_on: IsoDate | None = Field(default=None, description="Default: today.")


class HqAssessmentIn(_AssessmentBase):
    """Peak torques at one angular velocity: conventional and (with eccentric) functional H:Q."""

    kind: Literal["hq"]
    hamstring_con: Torque
    quad_con: Torque
    hamstring_ecc: Torque | None = None
    velocity_deg_s: Annotated[int, Whole, documented(type="integer", enum=list(VELOCITIES))] = 60
    side: SideIn | None = None
    unit: Annotated[str, documented(type="string", enum=list(TORQUE_UNITS))] = "Nm"


class NordicForceAssessmentIn(_AssessmentBase):
    """Eccentric knee-flexor force per side (N, or kg / lb as the device shows it)."""

    kind: Literal["nordic-force"]
    left: Annotated[float, Strict(), _number(0, 2000, note="At most 2000 N, or 250 kg or lb.")]
    right: Annotated[float, Strict(), _number(0, 2000, note="At most 2000 N, or 250 kg or lb.")]
    unit: Annotated[str, documented(type="string", enum=list(FORCE_UNITS))] = "N"


class BreakAngleAssessmentIn(_AssessmentBase):
    kind: Literal["break-angle"]
    degrees: Annotated[float, Strict(), _number(0, 90, above=False, note="0 = upright kneeling.")]


class TenRmAssessmentIn(_AssessmentBase):
    kind: Literal["10rm"]
    exercise: Annotated[
        str,
        documented(type="string", enum=list(MACHINE_CURLS)),
    ]
    load: Load


AssessmentIn = Annotated[
    HqAssessmentIn | NordicForceAssessmentIn | BreakAngleAssessmentIn | TenRmAssessmentIn,
    Field(discriminator="kind"),
]


Coordinate = Annotated[float, Strict(), _number(-1, 20_000, above=False)]
Mark = Annotated[
    list[Coordinate],
    Field(min_length=2, max_length=2, description="[x, y] in the frame's pixels, y down."),
]
# base64 of MAX_FRAME_BYTES (4 characters per 3 bytes), so a larger body is refused unread.
_FRAME_CHARS = (300 * 1024 * 4) // 3 + 4


class MarkedBreakAngleIn(_Strict):
    """A break-angle test marked by hand on a video frame: the server computes the angle."""

    tested_on: IsoDate | None = Field(default=None, description="Default: today.")
    hip: Mark
    knee: Mark
    ankle: Mark | None = Field(
        default=None, description="Levels the floor (a rolled camera reads right); optional."
    )
    frame_jpeg: str = Field(
        max_length=_FRAME_CHARS,
        pattern=r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$",
        description="The marked frame as a base64 JPEG, at most 300 KB.",
    )
    video_time_s: Annotated[float, Strict(), _number(0, 36_000, above=False)] | None = None
