"""The break-point angle from landmark series (domain/nordic_video.py), on generated side views
with a known angle: clean ones within +-2 deg, with realistic noise and dropped frames within
+-4 deg, whatever the frame rate, the way the athlete faces or a camera rolled a few degrees;
a series filmed from the front, with the shins not level, with landmarks lost or the athlete
outside the picture is refused with the reason."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamcoach.domain.nordic_video import BreakSettings, Frame, analyse, thigh_angle
from tests.domain.nordic_series import Take, series

takes = st.builds(
    Take,
    bpa=st.floats(25, 75),
    fps=st.sampled_from([24.0, 25.0, 30.0, 50.0, 60.0, 120.0]),
    facing=st.sampled_from([1, -1]),
    roll_deg=st.floats(-5, 5),
    controlled_deg_s=st.floats(3, 8),
    fall_deg_s2=st.floats(150, 800),
    seed=st.integers(0, 10_000),
)


def test_the_convention_reads_upright_as_0_and_flat_as_90_facing_either_way() -> None:
    up = (0.0, -1.0)
    knee = (0.0, 0.0)
    assert thigh_angle((0.0, -10.0), knee, (1.0, 0.0), up) == pytest.approx(0)
    assert thigh_angle((10.0, 0.0), knee, (1.0, 0.0), up) == pytest.approx(90)
    assert thigh_angle((-10.0, 0.0), knee, (-1.0, 0.0), up) == pytest.approx(90)
    assert thigh_angle((7.07, -7.07), knee, (1.0, 0.0), up) == pytest.approx(45)


@settings(max_examples=60, deadline=None)
@given(takes)
def test_a_clean_series_gives_the_angle_within_2_degrees(take: Take) -> None:
    found = analyse(series(take))
    assert found.usable, found.problems
    assert found.broke and found.angle_deg is not None
    assert abs(found.angle_deg - take.bpa) <= 2, (found, take)
    lowering = (take.bpa - take.start_deg) / take.controlled_deg_s
    assert found.lowering_s is not None and abs(found.lowering_s - lowering) <= 0.5
    assert found.break_time_s is not None
    assert abs(found.break_time_s - (take.hold_s + lowering)) <= 0.3


@settings(max_examples=60, deadline=None)
@given(takes, st.floats(0.5, 2.5), st.floats(0, 0.15), st.sampled_from([30.0, 50.0, 60.0, 120.0]))
def test_noise_and_dropped_frames_keep_it_within_4_degrees(
    take: Take, noise: float, drop: float, fps: float
) -> None:
    # Controlled at up to 6 deg/s: nearer the 10 deg/s threshold, jitter can read as a break.
    slow = min(take.controlled_deg_s, 6.0)
    noisy = dataclasses.replace(take, noise_px=noise, drop=drop, controlled_deg_s=slow, fps=fps)
    found = analyse(series(noisy))
    assert found.usable, found.problems
    assert found.broke and found.angle_deg is not None
    assert abs(found.angle_deg - take.bpa) <= 4, (found, noisy)
    if drop > 0.05:
        assert any("left out" in n for n in found.notes)
    assert not any("frames a second" in n for n in found.notes)


@settings(max_examples=30, deadline=None)
@given(takes, st.sampled_from([24.0, 25.0]))
def test_under_30_frames_a_second_the_angle_comes_with_a_warning(take: Take, fps: float) -> None:
    # Jitter at 24-25 fps can move the break by more than 4 deg, or make one early (0.3-0.5 %
    # of noisy takes, up to 40 deg): the person is told, and asked to film faster.
    found = analyse(series(dataclasses.replace(take, fps=fps)))
    assert found.usable and found.angle_deg is not None
    assert any(f"filmed at {fps:.0f} frames a second" in n for n in found.notes), found.notes


@settings(max_examples=30, deadline=None)
@given(takes)
def test_mirrored_the_angle_is_the_same(take: Take) -> None:
    left = analyse(series(dataclasses.replace(take, facing=-1)))
    right = analyse(series(dataclasses.replace(take, facing=1)))
    assert left.angle_deg == pytest.approx(right.angle_deg, abs=0.05)


@settings(max_examples=30, deadline=None)
@given(takes, st.floats(45, 80))
def test_a_camera_far_from_side_on_is_refused(take: Take, yaw: float) -> None:
    found = analyse(series(dataclasses.replace(take, yaw_deg=yaw)))
    assert not found.usable and found.angle_deg is None
    assert any("not side-on" in p for p in found.problems), found.problems


@settings(max_examples=30, deadline=None)
@given(takes, st.floats(25, 60), st.sampled_from([1, -1]))
def test_shins_that_slope_on_screen_are_refused(take: Take, roll: float, sign: int) -> None:
    found = analyse(series(dataclasses.replace(take, roll_deg=roll * sign)))
    assert not found.usable
    assert any("shins slope" in p for p in found.problems), found.problems


@settings(max_examples=60, deadline=None)
@given(takes, st.floats(0.2, 0.9))
def test_a_series_is_refused_exactly_when_too_many_landmarks_are_lost(
    take: Take, drop: float
) -> None:
    frames = series(dataclasses.replace(take, drop=drop))
    # A lost shoulder is no loss for the angle: the rule counts the hip, knee and ankle.
    lost = sum(None in (f.hip, f.knee, f.ankle) for f in frames) / len(frames)
    found = analyse(frames)
    refused = "not found in" in " ".join(found.problems)
    assert refused == (lost > BreakSettings().max_lost), (lost, found.problems)
    if refused:
        assert not found.usable


def test_an_athlete_outside_the_picture_or_a_short_or_still_series_is_refused() -> None:
    frames = series(Take())
    outside = analyse(frames, size=(700.0, 720.0))  # the shoulder leaves the right edge
    assert any("outside the picture" in p for p in outside.problems)
    assert analyse(frames, size=(1920.0, 1080.0)).usable
    assert "too short" in analyse(frames[:5]).problems[0]
    still = [Frame(k / 30, (640.0, 400.0), (640.0, 600.0), (460.0, 600.0)) for k in range(90)]
    assert "no lowering" in analyse(still).problems[0]
    backwards = [*frames[:20], frames[5]]
    assert "do not increase" in analyse(backwards).problems[0]


def test_a_lowering_controlled_all_the_way_has_no_break() -> None:
    take = Take(bpa=84.0, controlled_deg_s=5.0)  # the hands reach the floor under control
    found = analyse(series(dataclasses.replace(take, end_deg=84.5)))
    assert found.usable and not found.broke
    assert found.angle_deg is not None and found.angle_deg >= 80
    assert any("no break" in n for n in found.notes)


def test_the_threshold_is_a_setting() -> None:
    """Lowered under control at 12 deg/s: over the default 10 deg/s the break comes as soon as
    the lowering starts; with the threshold set to 20 deg/s it comes where control was lost."""
    frames = series(Take(bpa=60.0, controlled_deg_s=12.0))
    early = analyse(frames)
    assert early.angle_deg is not None and early.angle_deg < 10
    found = analyse(frames, BreakSettings(velocity_deg_s=20.0))
    assert found.angle_deg is not None and abs(found.angle_deg - 60) <= 2


@settings(max_examples=30, deadline=None)
@given(takes, st.floats(-15, 15))
def test_a_camera_a_little_off_side_on_still_reads_within_3_degrees(take: Take, yaw: float) -> None:
    found = analyse(series(dataclasses.replace(take, yaw_deg=yaw)))
    assert found.usable and found.angle_deg is not None, found.problems
    assert abs(found.angle_deg - take.bpa) <= 3
