"""What an upload of run files answers, file by file: the runs stored, the activities skipped with
their reason (`RunImport.skipped`) and the warnings about runs stored with less than the file
claims (`RunImport.warnings`), as the CLI and the web upload get them from `import_files`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hamcoach.integrations.runs_import import parse_runs, read_runs
from hamcoach.services import runs as run_service
from hamcoach.views import runs as runs_view
from tests.fakes import FakeUnitOfWork
from tests.integrations.files import START, damaged_fit, fit_activity, gpx_file


def every(seconds: float, count: int) -> list[dt.datetime | None]:
    return [START + dt.timedelta(seconds=seconds * i) for i in range(count)]


def test_each_file_answers_what_was_skipped_and_why(
    uow: FakeUnitOfWork, athlete: int, shared: Path
) -> None:
    multisport = fit_activity(
        [
            ("running", START, 2700.0, 7500.0, 148),
            ("fitness_equipment", START + dt.timedelta(hours=3), 1800.0, 0.0, 120),
            ("cycling", START + dt.timedelta(hours=5), 3600.0, 30_000.0, 130),
        ]
    )
    files = [
        ("gym.fit", parse_runs(multisport, name="gym.fit")),
        ("ride.fit", read_runs(shared / "data" / "real-files" / "2015-10-13-08-43-15.fit")),
        ("walk.gpx", parse_runs(gpx_file(every(60, 121), speed_mps=2.3 / 3.6), name="walk.gpx")),
    ]
    summary = run_service.import_files(lambda: uow, athlete, files)
    gym, ride, walk = summary.files
    assert len(gym.stored) == 1
    assert gym.skipped == (
        "activity 2 (2026-03-03): fitness_equipment, not a run",
        "activity 3 (2026-03-03): cycling, not a run",
    )
    assert (ride.stored, ride.skipped) == ((), ("activity 1 (2015-10-13): cycling, not a run",))
    assert walk.stored == ()
    assert "2.3 km/h, slower than 3 km/h: a walk or a hike" in walk.skipped[0]
    # The upload's JSON (the web answers `views.runs.import_summary`) lists them per file.
    answer = runs_view.import_summary(summary)
    assert [f["skipped"] for f in answer["files"]] == [list(r.skipped) for r in summary.files]
    with uow:
        assert uow.athlete(athlete).runs.count() == 1


def test_runs_stored_with_less_than_the_file_claims_come_with_warnings(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    partial = gpx_file(every(20, 4) + [None] * 43, metres_apart=100.0)
    later = START + dt.timedelta(days=1)
    files = [
        ("partial.gpx", parse_runs(partial, name="partial.gpx")),
        ("app.fit", parse_runs(damaged_fit(later, 1800.0, 5000.0, damage="after"), name="app.fit")),
        (
            "clean.fit",
            parse_runs(fit_activity([("running", START, 1800, 5000, 150)]), name="c.fit"),
        ),
    ]
    summary = run_service.import_files(lambda: uow, athlete, files)
    track, app, clean = summary.files
    assert [r.duration_s for r in track.stored] == [0.0]
    assert "only 4 of 47 track points have a time" in track.warnings[0]
    assert [r.start for r in app.stored] == [later]
    assert app.warnings[0].startswith("damaged FIT file (local message 11 not defined")
    # The clean file is the partial track's run again (same start): a duplicate, no warning.
    assert (len(clean.stored), len(clean.duplicates), clean.warnings) == (0, 1, ())
    direct = run_service.import_runs(uow, athlete, [], name="none.gpx", warnings=["w"])
    assert direct.warnings == ("w",)
