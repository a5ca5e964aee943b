"""Generated side views of one Nordic repetition with a known break-point angle, for the tests
of `domain/nordic_video.py` (and the video and browser tests that draw them).

The athlete kneels nearly upright, lowers under control at a steady speed to the break, then
falls, faster and faster, until the hands meet the floor; the body stays straight from knee to
shoulder. The camera may be rolled (`roll_deg`), turned away from side-on (`yaw_deg`), and the
landmarks may carry pixel noise and go missing, as a pose model's do.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from hamcoach.domain.nordic_video import Frame, Point

KNEE = (640.0, 600.0)
THIGH, SHIN, TRUNK = 200.0, 180.0, 260.0  # pixels on screen when side-on


@dataclass(frozen=True)
class Take:
    bpa: float = 55.0  # degrees from upright where control is lost
    fps: float = 30.0
    facing: int = 1  # +1: the athlete faces right; -1: left
    roll_deg: float = 0.0
    yaw_deg: float = 0.0  # 0: side-on
    noise_px: float = 0.0
    drop: float = 0.0  # the chance that a frame loses a landmark
    controlled_deg_s: float = 6.0
    fall_deg_s2: float = 400.0
    start_deg: float = 2.0
    hold_s: float = 0.6
    end_deg: float = 85.0  # where the hands stop the fall
    seed: int = 0


def thigh_angles(take: Take) -> list[tuple[float, float]]:
    """(time, true thigh angle) per frame."""
    out, t, dt = [], 0.0, 1 / take.fps
    lowering_s = (take.bpa - take.start_deg) / take.controlled_deg_s
    while True:
        if t < take.hold_s:
            angle = take.start_deg
        elif t < take.hold_s + lowering_s:
            angle = take.start_deg + take.controlled_deg_s * (t - take.hold_s)
        else:
            tau = t - take.hold_s - lowering_s
            angle = take.bpa + take.controlled_deg_s * tau + 0.5 * take.fall_deg_s2 * tau**2
        if angle >= take.end_deg:
            break
        out.append((t, angle))
        t += dt
    last = out[-1][0]
    out += [(last + k * dt, take.end_deg) for k in range(1, int(0.4 * take.fps))]
    return out


def _place(take: Take, forward: float, up: float) -> Point:
    """A point `forward` along the floor and `up` from it, from the knee, as the camera sees it."""
    yaw, roll = math.radians(take.yaw_deg), math.radians(take.roll_deg)
    x, y = take.facing * forward * math.cos(yaw), -up
    rx = x * math.cos(roll) - y * math.sin(roll)
    ry = x * math.sin(roll) + y * math.cos(roll)
    return (KNEE[0] + rx, KNEE[1] + ry)


def series(take: Take) -> list[Frame]:
    rng = random.Random(take.seed)

    def seen(p: Point, lost: bool) -> Point | None:
        if lost:
            return None
        return (p[0] + rng.gauss(0, take.noise_px), p[1] + rng.gauss(0, take.noise_px))

    frames = []
    for t, angle in thigh_angles(take):
        a = math.radians(angle)
        hip = _place(take, THIGH * math.sin(a), THIGH * math.cos(a))
        shoulder = _place(take, (THIGH + TRUNK) * math.sin(a), (THIGH + TRUNK) * math.cos(a))
        ankle = _place(take, -SHIN, 0.0)
        # A frame the model misses loses one of its landmarks (any of them, the shoulder too).
        missing = rng.randrange(4) if take.drop and rng.random() < take.drop else None
        points = [seen(p, missing == k) for k, p in enumerate((hip, KNEE, ankle, shoulder))]
        frames.append(Frame(t, *points))
    return frames
