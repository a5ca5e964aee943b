"""Recording strength tests (assessments): H:Q torques, Nordic force per side, break angle, 10RM.

The CLI, the API and the Tests page each parse their input into an `Entry` of the domain and
call `record`; the rules for the values live in `domain.assessment`.
"""

from __future__ import annotations

import datetime as dt
import uuid

from hamcoach.domain.assessment import BreakAngleEntry, Entry, measured_values
from hamcoach.domain.errors import InvalidInput, NotFound, excerpt
from hamcoach.domain.nordic_video import Point, angle_from_points
from hamcoach.domain.records import Measurement
from hamcoach.domain.values import check_date
from hamcoach.services.ports import UnitOfWorkPort


def record(
    uow: UnitOfWorkPort,
    athlete_id: int,
    entry: Entry,
    tested_on: dt.date,
    today: dt.date,
) -> list[Measurement]:
    """Store one test; a 10RM is in the athlete's load unit. Returns the stored values."""
    check_date(tested_on, "test date")
    with uow:
        scope = uow.athlete(athlete_id)
        unit = scope.profile.get().units.value  # also: the athlete must exist
        values = measured_values(entry, unit, str(uuid.uuid4()), tested_on)
        if tested_on > today:
            raise InvalidInput(f"test date {tested_on.isoformat()} is in the future")
        scope.assessments.add(values)
        uow.commit()
    return values


def history(uow: UnitOfWorkPort, athlete_id: int) -> list[Measurement]:
    """Every stored value, oldest first."""
    with uow:
        return uow.athlete(athlete_id).assessments.all()


MAX_FRAME_BYTES = 300 * 1024  # a 1280-pixel JPEG of one frame; the page sends about 100 KB


def check_frame(jpeg: bytes) -> bytes:
    """A JPEG image, not too large: what a marked frame is stored as."""
    if len(jpeg) > MAX_FRAME_BYTES:
        raise InvalidInput(f"the frame image is over {MAX_FRAME_BYTES // 1024} KB: send it smaller")
    if not (jpeg.startswith(b"\xff\xd8\xff") and jpeg.rstrip(b"\x00").endswith(b"\xff\xd9")):
        raise InvalidInput("the frame image is not a JPEG")
    return jpeg


def record_marked(
    uow: UnitOfWorkPort,
    athlete_id: int,
    points: tuple[Point, Point, Point | None],
    frame: bytes,
    video_time_s: float | None,
    tested_on: dt.date,
    today: dt.date,
) -> Measurement:
    """A break-angle test marked by hand on a video frame (hip, knee and, to level the floor,
    ankle): the angle is computed here from the points, and stored with the frame."""
    hip, knee, ankle = points
    angle = round(angle_from_points(hip, knee, ankle), 1)
    if not 0 <= angle <= 90:
        raise InvalidInput(
            f"the thigh leans {angle:g} deg from upright: 0 (kneeling) to 90 (flat) is a Nordic; "
            "check the hip and knee marks"
        )
    check_frame(frame)
    check_date(tested_on, "test date")
    if tested_on > today:
        raise InvalidInput(f"test date {tested_on.isoformat()} is in the future")
    with uow:
        scope = uow.athlete(athlete_id)
        unit = scope.profile.get().units.value
        [value] = measured_values(BreakAngleEntry(angle), unit, str(uuid.uuid4()), tested_on)
        scope.assessments.add([value])
        scope.assessments.add_frame(value.group_id, frame, video_time_s)
        uow.commit()
    return value


def frame_of(uow: UnitOfWorkPort, athlete_id: int, group_id: str) -> bytes:
    with uow:
        found = uow.athlete(athlete_id).assessments.frame(group_id)
    if found is None:
        raise NotFound(f"no frame for test {excerpt(group_id)}")
    return found


def framed(uow: UnitOfWorkPort, athlete_id: int) -> set[str]:
    """The athlete's tests marked on a video frame."""
    with uow:
        return uow.athlete(athlete_id).assessments.framed()
