"""The report's JSON (GET /api/v1/report, `hamcoach report --format json`) is a view with explicit
keys: pinned here, so renaming a field of the report model cannot silently change the API."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from fastapi.testclient import TestClient

from hamcoach.config import Settings
from hamcoach.domain.model import RunningWeek, Side
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.records import LoggedSet, Measure, Measurement
from hamcoach.domain.report_model import Report
from hamcoach.services.demo import seed_demo
from hamcoach.services.reports import build_report
from hamcoach.storage.store import open_store
from hamcoach.views import report as report_view
from hamcoach.web.app import create_app

GOLDEN = Path(__file__).with_name("report_golden.json")

# The documented keys, in order. Written out here, not read from the model's fields.
REPORT_KEYS = [
    "unit",
    "weeks",
    "adherence_overall",
    "adherence_summary",
    "exercises",
    "hq",
    "asymmetry",
    "break_points",
    "break_point_summary",
    "force_notes",
    "summary",
    "soreness",
]
WEEK_KEYS = ["start", "planned", "completed"]
POINT_KEYS = ["date", "top_load", "best_e1rm", "volume", "sets", "reps"]
HQ_KEYS = ["date", "kind", "ratio", "reference", "summary"]
ASYMMETRY_KEYS = ["date", "source", "left", "right", "pct", "flag", "stronger"]

NUMBER = (int, float)
TODAY = dt.date(2024, 5, 15)  # a Wednesday
MONDAY = dt.date(2024, 4, 22)  # the plan began three weeks before TODAY's week
PROFILE = Profile(
    name="Ana",
    units=Units.KG,
    body_mass=60.0,
    equipment=frozenset({"lying-curl-machine", "seated-curl-machine", "partner", "towel"}),
    week=RunningWeek.parse("mon=rest,tue=key,wed=easy,thu=easy,fri=rest,sat=easy,sun=long"),
    timezone="UTC",
)


def _set(
    n: int, day: dt.date, exercise: str, reps: int, load: float, side: str | None = None
) -> LoggedSet:
    when = dt.datetime.combine(day, dt.time(18), dt.UTC) + dt.timedelta(minutes=n)
    return LoggedSet(
        f"set-{n}",
        exercise,
        None,
        None,
        Side(side) if side else None,
        n,
        10,
        12,
        load,
        reps,
        load,
        "kg",
        2,
        when,
        day,
    )


def _value(
    group: str, kind: str, side: str | None, value: float, unit: str, day: dt.date
) -> Measurement:
    velocity = 60 if kind.endswith("-con") else None
    return Measurement(
        group, Measure(kind), Side(side) if side else None, None, value, unit, velocity, day
    )


def full_report() -> Report:
    """A report with every section filled, on fixed dates."""
    d1, d2, d3 = (MONDAY + dt.timedelta(days=n) for n in (1, 4, 8))
    sets = [
        _set(1, d1, "lying-leg-curl", 12, 40),
        _set(2, d1, "lying-leg-curl", 11, 40),
        _set(3, d2, "lying-leg-curl", 12, 42.5),
        _set(4, d2, "nordic-curl", 5, 0),
        _set(5, d3, "single-leg-curl", 10, 20, "left"),
        _set(6, d3, "single-leg-curl", 10, 16, "right"),
    ]
    tests = [
        _value("g1", "hamstring-con", None, 120, "Nm", d1),
        _value("g1", "quad-con", None, 200, "Nm", d1),
        _value("g1", "hamstring-ecc", None, 170, "Nm", d1),
        _value("g2", "nordic-force", "left", 310, "N", d2),
        _value("g2", "nordic-force", "right", 250, "N", d2),
        _value("g3", "break-angle", None, 40, "deg", d1),
        _value("g4", "break-angle", None, 46, "deg", d3),
    ]
    soreness = [(TODAY - dt.timedelta(days=40), 3, None), (TODAY, 7, "stairs")]
    return build_report(PROFILE, MONDAY, sets, tests, TODAY, soreness)


def check_shape(data: dict[str, Any], *, filled: bool = True) -> None:
    """The documented keys and value types, nothing else (`filled`: every list has items)."""
    assert list(data) == REPORT_KEYS
    assert isinstance(data["unit"], str)
    assert isinstance(data["adherence_summary"], str)
    assert data["adherence_overall"] is None or isinstance(data["adherence_overall"], NUMBER)
    assert data["break_point_summary"] is None or isinstance(data["break_point_summary"], str)
    for week in data["weeks"]:
        assert list(week) == WEEK_KEYS
        dt.date.fromisoformat(week["start"])
        assert isinstance(week["planned"], int) and isinstance(week["completed"], int)
    assert isinstance(data["exercises"], dict)
    for slug, points in data["exercises"].items():
        assert isinstance(slug, str) and points
        for p in points:
            assert list(p) == POINT_KEYS
            dt.date.fromisoformat(p["date"])
            assert all(p[k] is None or isinstance(p[k], NUMBER) for k in ("top_load", "best_e1rm"))
            assert isinstance(p["volume"], NUMBER)
            assert isinstance(p["sets"], int) and isinstance(p["reps"], int)
    for h in data["hq"]:
        assert list(h) == HQ_KEYS
        dt.date.fromisoformat(h["date"])
        assert isinstance(h["kind"], str) and isinstance(h["summary"], str)
        assert isinstance(h["ratio"], NUMBER)
        assert h["reference"] is None or isinstance(h["reference"], NUMBER)
    for a in data["asymmetry"]:
        assert list(a) == ASYMMETRY_KEYS
        dt.date.fromisoformat(a["date"])
        assert all(isinstance(a[k], str) for k in ("source", "flag", "stronger"))
        assert all(isinstance(a[k], NUMBER) for k in ("left", "right", "pct"))
    for day, degrees in data["break_points"]:
        dt.date.fromisoformat(day)
        assert isinstance(degrees, NUMBER)
    for day, score in data["soreness"]:
        dt.date.fromisoformat(day)
        assert isinstance(score, int)
    assert all(isinstance(s, str) for s in data["force_notes"] + data["summary"])
    if filled:
        for key in REPORT_KEYS:
            assert data[key] not in ([], {}, None), key


def test_the_report_json_is_exactly_as_documented() -> None:
    data = report_view.report(full_report())
    check_shape(data)
    assert json.dumps(data, indent=2) + "\n" == GOLDEN.read_text()


def test_a_field_added_to_the_model_stays_out_of_the_api() -> None:
    report = full_report()
    wider = dataclasses.make_dataclass(
        "WiderReport",
        [("internal", str, dataclasses.field(default="x"))],
        bases=(Report,),
        frozen=True,
    )
    data = report_view.report(
        wider(**{f.name: getattr(report, f.name) for f in dataclasses.fields(report)})
    )
    assert data == report_view.report(report)
    assert "internal" not in data


def test_a_field_renamed_in_the_model_fails_loudly() -> None:
    fields = {f.name: getattr(full_report(), f.name) for f in dataclasses.fields(Report)}
    fields["overall"] = fields.pop("adherence_overall")
    renamed = dataclasses.make_dataclass("RenamedReport", list(fields), frozen=True)(**fields)
    with pytest.raises(AttributeError, match="adherence_overall"):
        report_view.report(cast(Report, renamed))


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Settings, TestClient]]:
    """The demo athlete, plus what the demo leaves out (break-point tests, today's soreness)."""
    settings = Settings(f"sqlite:///{tmp_path / 'demo.db'}", tmp_path)
    store = open_store(settings)
    today = dt.datetime.now(dt.UTC).date()
    seed_demo(store.uow, today)
    with TestClient(create_app(settings, store), base_url="http://127.0.0.1") as client:
        for days, degrees in ((20, 38), (10, 44)):
            tested_on = (today - dt.timedelta(days=days)).isoformat()
            body = {"kind": "break-angle", "degrees": degrees, "tested_on": tested_on}
            assert client.post("/api/v1/tests", json=body).status_code == 201
        assert client.post("/api/v1/soreness", json={"score": 7}).status_code == 201
        yield settings, client
    store.close()


def test_the_api_report_on_the_demo_data(demo: tuple[Settings, TestClient]) -> None:
    _, client = demo
    response = client.get("/api/v1/report")
    assert response.status_code == 200, response.text
    check_shape(response.json())


def test_the_cli_report_json_on_the_demo_data(
    demo: tuple[Settings, TestClient],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from hamcoach.cli.main import run

    settings, client = demo
    monkeypatch.setenv("HAMCOACH_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("HAMCOACH_DATABASE_URL", settings.database_url)
    capsys.readouterr()
    run(["report", "--format", "json"])  # an error would raise SystemExit
    data = json.loads(capsys.readouterr().out)
    assert data.pop("plots") == []
    check_shape(data)
    assert client.get("/api/v1/report").json() == data


def test_no_view_reads_its_keys_off_a_dataclass() -> None:
    import hamcoach.views

    for path in Path(hamcoach.views.__file__).parent.glob("*.py"):
        text = path.read_text()
        assert "asdict" not in text and "dataclasses" not in text, path.name
