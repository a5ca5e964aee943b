"""`hamcoach analyse nordic`: the Nordic break-point angle from a side-on video's landmarks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hamcoach.cli.errors import EXIT_REFUSED, fail, parse_option
from hamcoach.cli.options import parse_date

if TYPE_CHECKING:
    from hamcoach.domain.nordic_video import Analysis, Frame

analyse_app = typer.Typer(
    help="Measure from a recording: `nordic` reads the break-point angle of a Nordic curl.",
    no_args_is_help=True,
)

LANDMARKS_HELP = (
    "A landmark series from any pose estimator, as JSON: "
    '{"fps": 30, "frames": [{"t": 0.0, "hip": [x, y], "knee": [x, y], "ankle": [x, y], '
    '"shoulder": [x, y]}, ...]} in image pixels, y down, null where a point was not found '
    '("width"/"height" optional).'
)


def _describe(found: Analysis) -> str:
    assert found.angle_deg is not None
    assert found.break_time_s is not None
    if found.broke:
        line = (
            f"break point {found.angle_deg:g} deg at {found.break_time_s:.2f} s "
            f"(frame {found.break_index}), after {found.lowering_s:g} s of controlled lowering"
        )
    else:
        line = f"no break: lowered under control to {found.angle_deg:g} deg"
    return "\n".join([line, *(f"note: {n}" for n in found.notes if not n.startswith("no break"))])


def _from_video(video: Path) -> tuple[list[Frame], tuple[float, float] | None]:
    """The video's landmarks by the pose model (the video extra), with a progress bar."""
    from hamcoach.integrations import pose_video
    from hamcoach.integrations.video_files import check_video

    check_video(video)  # refuses what is not a video, or too large, before any decoding
    if not pose_video.available():
        fail(
            "reading a video needs the video extra (a pose model): "
            "pip install 'hamcoach[video]', or give --landmarks FILE.json from any pose estimator",
            EXIT_REFUSED,
        )
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("finding the knee, hip and ankle", total=None)
        found = pose_video.video_landmarks(
            video, lambda done, total: bar.update(task, completed=done, total=total)
        )
    if found.seen == 0:
        fail(
            pose_video.NO_PERSON,
            EXIT_REFUSED,
        )
    return found.frames, found.size


def nordic(
    video: Annotated[
        Path | None,
        typer.Argument(
            metavar="[VIDEO]",
            help="A side-on video of one Nordic curl (needs `pip install hamcoach[video]`).",
        ),
    ] = None,
    landmarks: Annotated[
        Path | None, typer.Option("--landmarks", metavar="FILE.json", help=LANDMARKS_HELP)
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only print the result; store nothing.")
    ] = False,
    velocity: Annotated[
        float,
        typer.Option(
            metavar="DEG_S",
            min=1,
            max=200,
            help="The break: the thigh's angular velocity rises above this (Soga et al. 2021).",
        ),
    ] = 10.0,
    date: Annotated[
        str | None, typer.Option(metavar="DATE", help="Test date, YYYY-MM-DD [default: today].")
    ] = None,
) -> None:
    """The break-point angle (0 deg = kneeling upright, 90 = lying flat) of one Nordic curl
    filmed from the side, stored as a break-angle test unless --dry-run.

    Film side-on with the camera level and still, the whole body in the picture; lower as far
    as you can under control. A series the angle cannot be read from (filmed from the front,
    landmarks lost, no lowering) is refused with the reason and nothing is stored.
    """
    from hamcoach.domain.nordic_video import BreakSettings, analyse
    from hamcoach.integrations.landmarks import read_landmarks

    if (video is None) == (landmarks is None):
        fail("give a VIDEO or --landmarks FILE.json (one of them)", 2)
    if video is not None:
        frames, size = _from_video(video)
    else:
        assert landmarks is not None
        frames, size = read_landmarks(landmarks)
    found = analyse(frames, BreakSettings(velocity_deg_s=velocity), size)
    if not found.usable:
        fail("the angle cannot be read: " + "; ".join(found.problems), EXIT_REFUSED)
    text = _describe(found)
    if dry_run:
        typer.echo(f"{text}\n(dry run: nothing stored)")
        return
    from hamcoach.cli.context import local
    from hamcoach.domain.assessment import BreakAngleEntry
    from hamcoach.services.assessments import record

    assert found.angle_deg is not None
    ctx = local()
    tested_on = parse_option("--date", parse_date, date) if date else ctx.today
    record(ctx.store.uow(), ctx.athlete_id, BreakAngleEntry(found.angle_deg), tested_on, ctx.today)
    typer.echo(f"{text}\nstored as a break-angle test on {tested_on:%a %d %b %Y}")


def register(app: typer.Typer) -> None:
    analyse_app.command("nordic")(nordic)
    app.add_typer(analyse_app, name="analyse")
