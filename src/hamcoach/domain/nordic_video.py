"""The Nordic break-point angle (BPA) from a side view: the convention, and finding the break in
a time series of 2D landmarks (hip, knee, ankle, optionally shoulder; image coordinates, y
down), whoever found them (a pose model, a person tapping frames, another estimator).

The convention, written once:
- **The angle is the thigh's** (the knee-to-hip line) **from the vertical of the floor the shins
  rest on**: 0 deg kneeling upright, 90 deg lying flat. The shins are the floor: their direction
  is read from the knee and ankle landmarks, so a camera rolled a few degrees, or an athlete
  facing left rather than right, reads the same. This is the angle 2D video goniometry of the
  Nordic measures, and the one whose smallest detectable change hamcoach uses (5.5 deg,
  `metrics.BREAK_POINT_NOISE_DEG`).
- **The break** is the first moment the lowering stops being controlled: the thigh's angular
  velocity rises above a threshold and stays there for a minimum time. The threshold of
  10 deg/s is the one Soga et al. used to define the BPA from video (J Sports Sci Med 2021;
  20:216-221, doi:10.52082/jssm.2021.216); the minimum time (0.2 s) and the smoothing window
  (0.5 s, a local straight-line fit, so landmark jitter of a pixel or two does not read as
  speed) are hamcoach's: with them, generated series with 2.5 px of jitter at 24 fps and a
  controlled lowering up to 6 deg/s break within 3 deg of the truth, never early. All three are
  settings (`BreakSettings`). Sconce et al. (J Sports Sci 2021, "Agreement between methods and
  terminology used to assess the kinematics of the Nordic hamstring exercise") compare this
  kind of kinematic break point with torque-based ones.

Quality: a series is refused, with the reason, when too many landmarks are missing, when the
camera does not see the athlete side-on (the shins are not level and still, or the thigh's
length on screen changes as it tilts, which happens when it tilts toward the camera), when part
of the athlete is outside the picture, or when the athlete never lowered.
"""

from __future__ import annotations

import bisect
import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from hamcoach.domain.errors import InvalidInput

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Frame:
    """One video frame's landmarks (None: not found in that frame)."""

    t: float  # seconds from the start of the video
    hip: Point | None
    knee: Point | None
    ankle: Point | None
    shoulder: Point | None = None


@dataclass(frozen=True, slots=True)
class BreakSettings:
    velocity_deg_s: float = 10.0  # Soga et al. 2021
    min_duration_s: float = 0.2
    smooth_s: float = 0.5
    max_lost: float = 0.25  # the share of frames whose hip, knee or ankle may be missing
    max_shin_tilt_deg: float = 20.0  # the shins' slope on screen (a camera rolled, or not level)
    max_shin_wobble_deg: float = 6.0  # how much the shins' line may move (they are held still)
    max_thigh_stretch: float = 1.2  # the thigh upright over tilted far forward, on screen
    lowered_at_least_deg: float = 10.0
    # Below this frame rate, jitter of a couple of pixels can read as a break or move it by
    # several degrees (tests/domain/test_nordic_video.py measures both sides of it).
    sure_fps: float = 30.0


@dataclass(frozen=True, slots=True)
class Analysis:
    """What a series gives: the BPA and when it came, or the reasons it cannot be read."""

    angle_deg: float | None  # the break-point angle; the deepest angle when nothing broke
    broke: bool  # False: lowered under control all the way (to `angle_deg`)
    break_index: int | None  # the frame of the break (or of the deepest point)
    break_time_s: float | None
    lowering_s: float | None  # from the start of the lowering to the break
    problems: tuple[str, ...] = ()  # why the series is refused (empty: it is usable)
    notes: tuple[str, ...] = ()  # what was read with a doubt, not refused

    @property
    def usable(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class _Seen:
    """A frame with all three landmarks, and its place in the series."""

    index: int
    t: float
    hip: Point
    knee: Point
    ankle: Point


def _refused(*problems: str) -> Analysis:
    return Analysis(None, False, None, None, None, tuple(problems))


def _unit(x: float, y: float) -> Point:
    n = math.hypot(x, y)
    return (x / n, y / n)


def _up(forward: Point) -> Point:
    """The perpendicular of the floor's `forward` that points up the picture (y grows down),
    whichever way the athlete faces."""
    up = (forward[1], -forward[0])
    return (-up[0], -up[1]) if up[1] > 0 else up


def _floor(frames: Sequence[Frame]) -> tuple[Point, Point, list[float]] | None:
    """(forward along the shins, up from the floor, each frame's shin slope in degrees) from
    the frames with a knee and an ankle; None when the shins have no direction on screen."""
    dirs = [
        (f.knee[0] - f.ankle[0], f.knee[1] - f.ankle[1])
        for f in frames
        if f.knee is not None and f.ankle is not None
    ]
    dirs = [d for d in dirs if math.hypot(*d) > 0]
    if not dirs:
        return None
    ux = statistics.median(d[0] for d in dirs)
    uy = statistics.median(d[1] for d in dirs)
    if math.hypot(ux, uy) == 0:
        return None
    forward = _unit(ux, uy)
    up = _up(forward)
    slopes = [math.degrees(math.atan2(-d[1], abs(d[0]))) for d in dirs]
    return forward, up, slopes


def thigh_angle(hip: Point, knee: Point, forward: Point, up: Point) -> float:
    """The thigh's angle from the floor's vertical in degrees: 0 upright, 90 flat forward."""
    vx, vy = hip[0] - knee[0], hip[1] - knee[1]
    along = vx * forward[0] + vy * forward[1]
    above = vx * up[0] + vy * up[1]
    return math.degrees(math.atan2(along, above))


def _fit(ts: Sequence[float], ys: Sequence[float], at: int, half: float) -> tuple[float, float]:
    """(value, slope) at frame `at` of the straight line fitted to the frames within `half`
    seconds of it (at least its neighbours)."""
    lo = bisect.bisect_left(ts, ts[at] - half - 1e-9)
    hi = bisect.bisect_right(ts, ts[at] + half + 1e-9)
    lo, hi = min(lo, max(0, at - 1)), max(hi, min(len(ts), at + 2))
    pts = list(zip(ts[lo:hi], ys[lo:hi], strict=True))
    mt = sum(t for t, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    var = sum((t - mt) ** 2 for t, _ in pts)
    slope = 0.0 if var == 0 else sum((t - mt) * (y - my) for t, y in pts) / var
    return my + slope * (ts[at] - mt), slope


def _stretch(whole: Sequence[_Seen], forward: Point, up: Point) -> float:
    """How much longer the thigh looks upright than tilted far forward: 1 side-on; more as the
    camera turns toward the front (a thigh tilting toward the lens shortens on screen)."""
    upright, tilted = [], []
    for w in whole:
        angle, length = thigh_angle(w.hip, w.knee, forward, up), math.dist(w.hip, w.knee)
        if angle < 20:
            upright.append(length)
        elif angle > 50:
            tilted.append(length)
    if not upright or not tilted:
        return 1.0  # nothing to compare: a series that never lowers is refused for that
    shortest = statistics.median(tilted)
    return math.inf if shortest <= 0 else statistics.median(upright) / shortest


def _outside(frames: Sequence[Frame], size: tuple[float, float] | None) -> int:
    if size is None:
        return 0
    w, h = size
    count = 0
    for f in frames:
        points = [p for p in (f.hip, f.knee, f.ankle, f.shoulder) if p is not None]
        if any(not (0 <= x <= w and 0 <= y <= h) for x, y in points):
            count += 1
    return count


def analyse(
    frames: Sequence[Frame],
    settings: BreakSettings = BreakSettings(),
    size: tuple[float, float] | None = None,
) -> Analysis:
    """The break-point angle of one Nordic repetition filmed side-on, or the reasons not."""
    if len(frames) < 10:
        return _refused(f"too short: {len(frames)} frames (at least 10 are needed)")
    if any(b.t <= a.t for a, b in itertools.pairwise(frames)):
        return _refused("the frames' times do not increase")
    whole = [
        _Seen(i, f.t, f.hip, f.knee, f.ankle)
        for i, f in enumerate(frames)
        if f.hip is not None and f.knee is not None and f.ankle is not None
    ]
    lost = 1 - len(whole) / len(frames)
    problems = []
    if lost > settings.max_lost:
        problems.append(
            f"hip, knee or ankle not found in {lost:.0%} of the frames "
            f"(at most {settings.max_lost:.0%}): film in good light, the whole body in view"
        )
    outside = _outside(frames, size)
    if outside:
        problems.append(
            f"part of the athlete is outside the picture in {outside} frame(s): step back"
        )
    floor = _floor([Frame(w.t, w.hip, w.knee, w.ankle) for w in whole])
    if floor is None or len(whole) < 10:
        return _refused(*problems, "the shins cannot be seen: film from the side")
    forward, up, slopes = floor
    tilt = statistics.median(slopes)
    if abs(tilt) > settings.max_shin_tilt_deg:
        problems.append(
            f"the shins slope {abs(tilt):.0f} deg on screen (at most "
            f"{settings.max_shin_tilt_deg:.0f}): film side-on with the camera level"
        )
    wobble = max(slopes) - min(slopes) if len(slopes) > 1 else 0.0
    if wobble / 2 > settings.max_shin_wobble_deg:
        problems.append(
            f"the shins' line moves by {wobble:.0f} deg: keep the feet held and the camera still"
        )
    if _stretch(whole, forward, up) > settings.max_thigh_stretch:
        problems.append(
            "the thigh's length on screen changes as it tilts: the camera is not side-on"
        )
    if problems:
        return _refused(*problems)
    rate = (len(frames) - 1) / (frames[-1].t - frames[0].t)
    return _find_break(whole, forward, up, settings, lost, rate)


def _find_break(
    whole: Sequence[_Seen],
    forward: Point,
    up: Point,
    settings: BreakSettings,
    lost: float,
    rate: float,
) -> Analysis:
    ts = [w.t for w in whole]
    raw = [thigh_angle(w.hip, w.knee, forward, up) for w in whole]
    half = settings.smooth_s / 2
    fitted = [_fit(ts, raw, i, half) for i in range(len(ts))]
    angles = [a for a, _ in fitted]
    speeds = [v for _, v in fitted]
    start_window = [a for t, a in zip(ts, angles, strict=True) if t - ts[0] <= 0.3]
    baseline = statistics.median(start_window)
    deepest = max(range(len(angles)), key=angles.__getitem__)
    if angles[deepest] - baseline < settings.lowered_at_least_deg:
        return _refused(
            f"the thigh moved only {angles[deepest] - baseline:.0f} deg: no lowering to read"
        )
    # The lowering began where the thigh last sat still before it had clearly moved.
    moved = next(i for i, a in enumerate(angles) if a >= baseline + 2)
    began = next((i for i in range(moved, -1, -1) if angles[i] <= baseline + 0.5), moved)
    notes = []
    if lost > 0:
        notes.append(f"{lost:.0%} of the frames had a landmark missing and were left out")
    if rate < settings.sure_fps - 0.5:
        notes.append(
            f"filmed at {rate:.0f} frames a second: the angle may be a few degrees off; "
            f"film at {settings.sure_fps:.0f} or more if the camera allows"
        )
    for i in range(began, len(ts)):
        if speeds[i] <= settings.velocity_deg_s:
            continue
        until = ts[i] + settings.min_duration_s
        if ts[-1] < until - 1e-9:
            break  # the video ends before the break can be confirmed
        last = bisect.bisect_right(ts, until + 1e-9)
        if all(speeds[j] > settings.velocity_deg_s for j in range(i, last)):
            return Analysis(
                round(angles[i], 1),
                True,
                whole[i].index,
                ts[i],
                round(ts[i] - ts[began], 2),
                (),
                tuple(notes),
            )
    notes.append(f"no break: lowered under control to {angles[deepest]:.0f} deg")
    return Analysis(
        round(angles[deepest], 1),
        False,
        whole[deepest].index,
        ts[deepest],
        round(ts[deepest] - ts[began], 2),
        (),
        tuple(notes),
    )


def angle_from_points(
    hip: Point, knee: Point, ankle: Point | None, max_shin_tilt_deg: float = 20.0
) -> float:
    """The thigh's angle in one frame marked by hand: from the vertical of the shin's floor when
    the ankle is marked (so a rolled camera reads right), else from the picture's vertical.
    InvalidInput when the points cannot give it (one on another, a shin far from level)."""
    if math.dist(hip, knee) < 1:
        raise InvalidInput("the hip and the knee are on the same spot: mark them again")
    forward, up = (1.0, 0.0), (0.0, -1.0)
    if ankle is not None:
        if math.dist(knee, ankle) < 1:
            raise InvalidInput("the knee and the ankle are on the same spot: mark them again")
        forward = _unit(knee[0] - ankle[0], knee[1] - ankle[1])
        slope = math.degrees(math.atan2(-forward[1], abs(forward[0])))
        if abs(slope) > max_shin_tilt_deg:
            raise InvalidInput(
                f"the shin slopes {abs(slope):.0f} deg on screen (at most "
                f"{max_shin_tilt_deg:.0f}): mark the ankle again, or film side-on and level"
            )
        up = _up(forward)
    elif hip[0] < knee[0]:
        forward = (-1.0, 0.0)  # no ankle: forward is the way the thigh leans
    return thigh_angle(hip, knee, forward, up)
