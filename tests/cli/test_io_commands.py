"""`hamcoach export ...` / `hamcoach import ...` end to end, in-process, on a real SQLite file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from hamcoach.config import load_settings
from hamcoach.integrations.csv_io import COLUMNS
from hamcoach.integrations.fit_workout import read_week
from hamcoach.services.training import plan_for, today_session
from hamcoach.storage.store import open_store
from tests.integrations.files import fit_activity, gpx_file, training_calendar
from tests.integrations.test_fit_workout import expected, fitdecode_steps, performed, sdk_decode

Cli = Callable[..., Any]
INIT = (
    "init",
    "--name",
    "Ana",
    "--units",
    "kg",
    "--body-mass",
    "60",
    "--equipment",
    "lying-curl-machine,partner,towel",
    "--week",
    "mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long",
    "--sessions",
    "2",
    "--per-session",
    "2",
    "--nordic-new",
    "--timezone",
    "UTC",
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HAMCOACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HAMCOACH_DATABASE_URL", "")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def ana(cli: Cli, home: Path) -> Path:
    assert cli(*INIT).code == 0
    assert cli("log", "lying-leg-curl", "--set", "12x40", "--set", "11x40").code == 0
    return home


def counts() -> tuple[int, int]:
    """(runs, sets) of the local athlete, read straight from the database."""
    store = open_store(load_settings())
    try:
        with store.uow() as uow:
            scope = uow.athlete(uow.athletes.ids()[0])
            return scope.runs.count(), scope.sets.count()
    finally:
        store.close()


def local_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def test_export_ics_parses_back_and_keeps_uids_after_a_plan_change(cli: Cli, ana: Path) -> None:
    first = cli("export", "ics", "--weeks", "3")
    assert first.code == 0, first.err
    cal = Calendar.from_ical(first.out)
    events = list(cal.walk("VEVENT"))
    store = open_store(load_settings())
    plan = plan_for(store.uow(), 1, local_today(), weeks=3).plan
    store.close()
    assert [e.decoded("DTSTART") for e in events] == [s.date for s in plan.sessions()]
    uids = {e.decoded("DTSTART"): str(e["UID"]) for e in events}
    assert all(uid.endswith("@hamcoach") for uid in uids.values())

    # A plan change (other equipment, other exercises) updates the events, same UIDs.
    assert cli("init", "--equipment", "seated-curl-machine,towel").code == 0
    second = cli("export", "ics", "--weeks", "3", "-o", "plan.ics")
    assert second.code == 0 and "wrote plan.ics" in second.err
    again = list(Calendar.from_ical((ana / "plan.ics").read_bytes()).walk("VEVENT"))
    assert {str(e["SUMMARY"]) for e in again} != {str(e["SUMMARY"]) for e in events}
    for event in again:
        day = event.decoded("DTSTART")
        if day in uids:
            assert str(event["UID"]) == uids[day]


def test_export_ics_with_a_time_has_timed_events(cli: Cli, ana: Path) -> None:
    done = cli("export", "ics", "--weeks", "1", "--time", "18:30")
    start = next(iter(Calendar.from_ical(done.out).walk("VEVENT"))).decoded("DTSTART")
    assert isinstance(start, dt.datetime) and start.time() == dt.time(18, 30)
    assert cli("export", "ics", "--time", "6pm").code == 2


def check_fit(data: bytes, session: Any) -> None:
    messages = sdk_decode(data)  # Garmin's SDK: FIT, intact, no errors
    assert messages["workout_mesgs"][0]["sub_sport"] == "strength_training"
    assert performed(messages["workout_step_mesgs"]) == expected(session, "kg")
    assert performed(fitdecode_steps(data)) == expected(session, "kg")  # CRC checked


def test_export_fit_of_the_next_session_decodes_and_matches_the_plan(cli: Cli, ana: Path) -> None:
    done = cli("export", "fit")
    assert done.code == 0, done.err
    store = open_store(load_settings())
    _view, session = today_session(store.uow(), 1, local_today())
    store.close()
    name = f"hamstrings-{session.date.isoformat()}.fit"
    assert f"wrote {name}" in done.err
    check_fit((ana / name).read_bytes(), session)

    on_day = cli("export", "fit", "--session", session.date.isoformat(), "-o", "one.fit")
    assert on_day.code == 0
    check_fit((ana / "one.fit").read_bytes(), session)


def test_export_fit_of_a_week_as_zip_or_into_a_folder(cli: Cli, ana: Path) -> None:
    store = open_store(load_settings())
    week = plan_for(store.uow(), 1, local_today(), weeks=2).plan.weeks[1]
    store.close()
    assert cli("export", "fit", "--week", "2").code == 0
    archive = (ana / f"hamstrings-week-{week.start.isoformat()}.zip").read_bytes()
    files = read_week(archive)
    assert len(files) == len(week.sessions)
    for session in week.sessions:
        check_fit(files[f"hamstrings-{session.date.isoformat()}.fit"], session)

    watch = ana / "GARMIN" / "NewFiles"
    watch.mkdir(parents=True)
    assert cli("export", "fit", "--week", "2", "-o", str(watch)).code == 0
    assert sorted(p.name for p in watch.iterdir()) == sorted(files)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--session", "2026-01-01", "--week", "1"), 2, "give one of them"),
        (("-o", "-"), 2, "binary"),
        (("--week", "99"), 2, "week must be 1-52"),
        (("--session", "1999-01-01"), 1, "before this week"),
    ],
)
def test_export_fit_refuses_what_it_cannot_do(
    cli: Cli, ana: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    done = cli("export", "fit", *args)
    assert done.code == code
    assert message in done.err and done.err.count("\n") == 1


def test_export_csv_has_the_documented_columns_and_every_set(cli: Cli, ana: Path) -> None:
    done = cli("export", "csv")
    rows = list(csv.DictReader(io.StringIO(done.out)))
    assert tuple(rows[0]) == COLUMNS
    assert [(r["exercise"], r["reps"], r["load"], r["unit"]) for r in rows] == [
        ("lying-leg-curl", "12", "40", "kg"),
        ("lying-leg-curl", "11", "40", "kg"),
    ]


def test_export_json_import_json_into_an_empty_database(
    cli: Cli, ana: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("import", "runs", str(write(ana, "cal.ics", training_calendar()))).code == 0
    backup = cli("export", "json")
    document = json.loads(backup.out)
    assert (document["format"], document["version"]) == ("hamcoach-backup", 1)
    (ana / "backup.json").write_text(backup.out)

    monkeypatch.setenv("HAMCOACH_DATA_DIR", str(ana / "other"))
    restored = cli("import", "json", "backup.json")
    assert restored.code == 0, restored.err
    assert "sets 2" in restored.out
    copy = json.loads(cli("export", "json").out)
    assert {k: v for k, v in copy.items() if k != "exported_at"} == {
        k: v for k, v in document.items() if k != "exported_at"
    }
    refused = cli("import", "json", "backup.json")
    assert refused.code == 1 and "--replace" in refused.err
    assert cli("import", "json", "backup.json", "--replace").code == 0


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_import_runs_from_several_files_then_shows_the_week(cli: Cli, ana: Path) -> None:
    start = dt.datetime(2026, 3, 3, 17, 30, tzinfo=dt.UTC)
    files = [
        write(ana, "tue.fit", fit_activity([("running", start, 3000, 9000, 150)])),
        write(
            ana,
            "thu.gpx",
            gpx_file([start + dt.timedelta(days=2, minutes=m) for m in range(0, 50, 5)]),
        ),
        write(ana, "plan.ics", training_calendar()),
    ]
    done = cli("import", "runs", *map(str, files), "--since", "2026-03-01", "--until", "2026-04-30")
    assert done.code == 0, done.err
    assert "tue.fit: 1 new run" in done.out
    assert "Running week from your runs:" in done.out
    assert "'Dentist': not a run" in done.out
    stored = counts()[0]
    again = cli(
        "import",
        "runs",
        *map(str, files),
        "--format",
        "json",
        "--since",
        "2026-03-01",
        "--until",
        "2026-04-30",
    )
    result = json.loads(again.out)
    assert result["stored"] == 0 and result["duplicates"] == stored
    assert counts()[0] == stored


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("cut.fit", None, "truncated FIT file"),
        ("broken.gpx", b"<?xml version='1.0'?><gpx><trk><name>x</trk></gpx>", "invalid XML"),
        (
            "empty.ics",
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n",
            "no events",
        ),
        ("watch.fit", gpx_file([dt.datetime(2026, 3, 3, 7, tzinfo=dt.UTC)]), "holds a GPX file"),
    ],
)
def test_a_bad_run_file_stores_nothing_and_names_itself(
    cli: Cli, ana: Path, shared: Path, name: str, data: bytes | None, problem: str
) -> None:
    good = write(
        ana,
        "good.gpx",
        gpx_file([dt.datetime(2026, 3, 3, 7, m, tzinfo=dt.UTC) for m in range(0, 40, 5)]),
    )
    # The truncated FIT is read in place from the shared folder, never copied.
    bad = (
        shared / "data" / "real-files" / "activity-unexpected-eof.fit"
        if data is None
        else write(ana, name, data)
    )
    before = counts()
    done = cli("import", "runs", str(good), str(bad))
    assert done.code == 1
    assert done.err.startswith(f"hamcoach: error: {bad.name}: ") and problem in done.err
    assert done.err.count("\n") == 1 and "Traceback" not in done.err
    assert counts() == before  # not even the good file of the same command


def test_import_strong_and_hevy(cli: Cli, ana: Path) -> None:
    strong = write(
        ana,
        "strong.csv",
        b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        b"Notes,Workout Notes,RPE\n"
        b'2026-10-05 18:02:11,"Legs",55m,"Lying Leg Curl (Machine)",1,40.0,12.0,0,0.0,,,\n'
        b'2026-10-05 18:02:11,"Legs",55m,"Leg Curl (Machine)",1,35.0,10.0,0,0.0,,,\n',
    )
    done = cli("import", "strong", str(strong), "--unit", "kg")
    assert done.code == 0, done.err
    assert "1 set stored on 1 day (Lying leg curl 1)" in done.out
    assert "lying or seated machine?" in done.out
    mapped = cli("import", "strong", str(strong), "--map", "Leg Curl (Machine)=seated-leg-curl")
    assert "1 already imported" in mapped.out and "Seated leg curl 1" in mapped.out
    hevy = write(
        ana,
        "hevy.csv",
        b'"title","start_time","end_time","description","exercise_title","superset_id",'
        b'"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
        b'"duration_seconds","rpe"\n'
        b'"Lower","26 Oct 2026, 07:06","26 Oct 2026, 08:11","","Nordic Hamstring Curl",,"",0,'
        b'"normal",,6,,,\n',
    )
    assert "Nordic hamstring curl 1" in cli("import", "hevy", str(hevy)).out
    before = counts()
    wrong = cli("import", "hevy", str(strong))
    assert wrong.code == 1 and "strong.csv: this is a Strong export" in wrong.err
    columns = write(ana, "other.csv", b"day,lift,kilos\n2026-01-01,curl,40\n")
    refused = cli("import", "strong", str(columns))
    assert refused.code == 1
    assert "other.csv: not a Strong export: missing column(s) Date, Exercise Name" in refused.err
    assert counts() == before
    assert cli("import", "strong", str(strong), "--map", "nonsense").code == 2


def test_readme_documents_the_csv_columns_and_backup_version() -> None:
    """Docs checked against code: the README's column table and backup version."""
    import re

    from hamcoach.integrations.backup import VERSION

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    table = re.search(r"<!-- csv-columns.*?-->(.*?)<!-- /csv-columns -->", readme, re.S)
    assert table, "README lost its CSV column table"
    documented = re.findall(r"^\| `([a-z_]+)` \|", table.group(1), re.M)
    assert tuple(documented) == COLUMNS
    assert f'"version": {VERSION}' in readme
    assert f"Version {VERSION} is the current version" in readme
