"""The JSON backup of one athlete (standard-library `json`), written and read back strictly.

Layout, version 1 (see the README for the field list):

    {"format": "hamcoach-backup", "version": 1, "exported_at": "...", "hamcoach": "0.1.0",
     "athlete": {"profile": {...}, "plan_start": "2026-11-02", "calendar_token": "...",
                 "sessions": [...], "sets": [...], "tests": [...], "soreness": [...],
                 "runs": [...]}}

Times are ISO 8601 with their UTC offset, dates ISO dates, numbers JSON numbers (floats are
written with Python's shortest round-tripping repr, so they come back bit for bit). Reading checks
every field's type and size before anything is stored, and names the first bad one.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any, TypeVar

from hamcoach import __version__
from hamcoach.domain import session_snapshot as snapshot
from hamcoach.domain.assessment import check_measurement
from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import RunningWeek, RunType, Side
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.progression_rules import LIMITS as PROGRESSION_LIMITS
from hamcoach.domain.progression_rules import ProgressionRules
from hamcoach.domain.race_rules import LIMITS as RACE_LIMITS
from hamcoach.domain.race_rules import RaceRules
from hamcoach.domain.records import LoggedSet, Measure, Measurement, SessionRecord, SetKind
from hamcoach.domain.runs import MAX_TITLE, Run
from hamcoach.domain.set_rules import check_logged
from hamcoach.domain.setting_groups import Limits
from hamcoach.domain.values import (
    check_timezone,
    parse_iso_date,
)
from hamcoach.integrations.backup_fields import Fields
from hamcoach.integrations.errors import BadFile
from hamcoach.services.backup import AthleteBackup
from hamcoach.views import profile as profile_view
from hamcoach.views import runs as runs_view
from hamcoach.views.log import logged_set, measurement

FORMAT = "hamcoach-backup"
VERSION = 1
MAX_BYTES = 256 * 1024 * 1024


def _when(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _session(s: SessionRecord) -> dict[str, Any]:
    out: dict[str, Any] = {
        "date": s.date.isoformat(),
        "finished_at": _when(s.finished_at),
        "note": s.note,
    }
    # Written only when set, so a backup of sessions without them reads as before.
    if s.started_at is not None:
        out["started_at"] = _when(s.started_at)
        out["planned"] = None if s.planned is None else snapshot.to_data(s.planned)
    if s.skipped_at is not None:
        out["skipped_at"] = _when(s.skipped_at)
    return out


def _read_session(s: Fields) -> SessionRecord:
    s.only("date", "finished_at", "note", "started_at", "skipped_at", "planned")
    planned = None
    if s.value.get("planned") is not None:
        try:
            planned = snapshot.from_data(s.value["planned"], CATALOGUE)
        except InvalidInput as exc:
            raise BadFile(s.name, f"{s.path}.planned: {exc.message}") from None
    return SessionRecord(
        s.date("date"),
        s.opt("finished_at", s.moment),
        s.note("note"),
        s.opt("started_at", s.moment),
        s.opt("skipped_at", s.moment),
        planned,
    )


def to_json(backup: AthleteBackup, *, exported_at: dt.datetime) -> str:
    """The backup as a JSON document (UTF-8 text, indented for people who look inside)."""
    p = backup.profile
    athlete = {
        "profile": profile_view.profile(p),
        "plan_start": _day(backup.plan_start),
        "calendar_token": backup.calendar_token,
        "sessions": [_session(s) for s in backup.sessions],
        "sets": [logged_set(s) for s in backup.sets],
        "tests": [measurement(t) for t in backup.assessments],
        "soreness": [
            {"date": date.isoformat(), "score": score, "note": note}
            for date, score, note in backup.soreness
        ],
        "runs": [_run_fields(r) for r in backup.runs],
    }
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at.astimezone(dt.UTC).isoformat(),
        "hamcoach": __version__,
        "athlete": athlete,
    }
    # allow_nan=False: NaN is not JSON; a backup other tools cannot read is no backup.
    return json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


PROFILE_KEYS = (
    "name",
    "units",
    "body_mass",
    "increment",
    "increase_pct",
    "equipment",
    "week",
    "sessions",
    "per_session",
    "nordic_experienced",
    "race_dates",
    "keep_rest_days",
    "rest_s",
    "timezone",
    "race_rules",  # since 0.2; absent: the defaults
    "progression_rules",  # since 0.2 too
    "exercise_increments",  # since 0.3; absent: every machine steps by `increment`
)


T = TypeVar("T", RaceRules, ProgressionRules)


def _rules(o: Fields, key: str, limits: Limits, defaults: T) -> T:
    """A group of whole-number settings; absent ones (an older backup) keep the defaults."""
    if o.value.get(key) is None:
        return defaults
    rules = Fields(o.value[key], f"{o.path}.{key}", o.name)
    rules.only(*limits)
    return replace(
        defaults, **{name: rules.integer(name) for name in limits if name in rules.value}
    )


def _steps(o: Fields) -> tuple[tuple[str, float], ...]:
    if o.value.get("exercise_increments") is None:
        return ()
    steps = Fields(o.value["exercise_increments"], f"{o.path}.exercise_increments", o.name)
    if len(steps.value) > len(CATALOGUE.exercises):
        raise o.fail("exercise_increments", "one step per exercise at most")
    return tuple((slug, steps.number(slug)) for slug in steps.value)


def _profile(o: Fields) -> Profile:
    o.only(*PROFILE_KEYS)
    equipment: list[object] = o.get("equipment", list, "a list of equipment slugs")
    if len(equipment) > 50 or not all(isinstance(e, str) and len(e) < 40 for e in equipment):
        raise o.fail("equipment", "a list of equipment slugs")
    races: list[object] = o.get("race_dates", list, "a list of dates")
    if not all(isinstance(d, str) for d in races):
        raise o.fail("race_dates", "a list of dates (YYYY-MM-DD)")
    try:
        race_dates = tuple(parse_iso_date(str(d), "race date") for d in races)
        profile = Profile(
            name=o.text("name", 100),
            units=Units.parse(o.text("units", 2)),
            body_mass=o.opt("body_mass", o.number),
            increment=o.opt("increment", o.number),
            increase_pct=o.opt("increase_pct", o.number),
            equipment=CATALOGUE.parse_equipment([str(e) for e in equipment]),
            week=RunningWeek.parse(o.text("week", 200)),
            sessions=o.integer("sessions"),
            per_session=o.integer("per_session"),
            nordic_experienced=o.flag("nordic_experienced"),
            race_dates=race_dates,
            keep_rest_days=o.flag("keep_rest_days"),
            rest_s=o.integer("rest_s"),
            timezone=o.checked("timezone", check_timezone),
            race_rules=_rules(o, "race_rules", RACE_LIMITS, RaceRules()),
            progression_rules=_rules(
                o, "progression_rules", PROGRESSION_LIMITS, ProgressionRules()
            ),
            exercise_increments=_steps(o),
        )
        profile.validate()
    except BadFile:
        raise
    except InvalidInput as exc:
        raise BadFile(o.name, f"{o.path}: {exc}") from None
    return profile


def _choice(o: Fields, key: str, allowed: frozenset[str], *, optional: bool = False) -> str | None:
    value = o.opt(key, lambda k: o.text(k, 40)) if optional else o.text(key, 40)
    if value is not None and value not in allowed:
        raise o.fail(key, "one of " + ", ".join(sorted(allowed)))
    return value


_SLUGS = frozenset(ex.slug for ex in CATALOGUE.exercises)
_VARIANTS = frozenset(v.slug for ex in CATALOGUE.exercises for v in ex.variants)


SET_KEYS = (
    "id",
    "exercise",
    "variant",
    "stance",
    "side",
    "set_number",
    "target_reps_min",
    "target_reps_max",
    "target_load",
    "reps",
    "load",
    "unit",
    "rir",
    "performed_at",
    "session_date",
    "note",
    "kind",  # since version 1 of 0.2; a set without one is a working set
    "hips_up",  # since 0.2 too; floor curl only, absent or null when not said
)


def _set(o: Fields) -> LoggedSet:
    o.only(*SET_KEYS)
    exercise = _choice(o, "exercise", _SLUGS)
    assert exercise is not None
    record = LoggedSet(
        id=o.uuid("id"),
        exercise=exercise,
        variant=_choice(o, "variant", _VARIANTS, optional=True),
        stance=o.opt("stance", lambda k: o.text(k, 20)),
        side=_side(o),
        set_number=o.integer("set_number"),
        target_reps_min=o.opt("target_reps_min", o.integer),
        target_reps_max=o.opt("target_reps_max", o.integer),
        target_load=o.opt("target_load", o.number),
        reps=o.integer("reps"),
        load=o.opt("load", o.number),
        unit=_choice(o, "unit", frozenset({"kg", "lb"})) or "kg",
        rir=o.opt("rir", o.integer),
        performed_at=o.moment("performed_at"),
        session_date=o.date("session_date"),
        note=o.note("note"),
        kind=SetKind.parse(_choice(o, "kind", SET_KINDS, optional=True)),
        hips_up=o.opt("hips_up", o.flag),
    )
    # Shape is not enough: a restored set obeys the same rules as a logged one.
    try:
        check_logged(record, CATALOGUE, dt.date.max)
    except InvalidInput as exc:
        raise BadFile(o.name, f"{o.path}: {exc.message}") from None
    return record


MEASURES = frozenset(m.value for m in Measure)
SET_KINDS = frozenset(k.value for k in SetKind)
SIDES = frozenset(s.value for s in Side)


def _side(o: Fields) -> Side | None:
    side = _choice(o, "side", SIDES, optional=True)
    return None if side is None else Side(side)


def _test(o: Fields) -> Measurement:
    o.only("group_id", "kind", "side", "exercise", "value", "unit", "velocity_deg_s", "tested_on")
    kind = _choice(o, "kind", MEASURES)
    assert kind is not None  # not optional: _choice raised
    value = Measurement(
        group_id=o.text("group_id", 36),
        kind=Measure(kind),
        side=_side(o),
        exercise=o.opt("exercise", lambda k: o.text(k, 40)),
        value=o.number("value"),
        unit=o.text("unit", 8),
        velocity_deg_s=o.opt("velocity_deg_s", o.integer),
        tested_on=o.date("tested_on"),
    )
    # The same rules as a typed-in test: the report and progress pages must read every value.
    try:
        check_measurement(value)
    except InvalidInput as exc:
        raise BadFile(o.name, f"{o.path}: {exc.message}") from None
    return value


def _soreness(o: Fields) -> tuple[dt.date, int, str | None]:
    o.only("date", "score", "note")
    score = o.integer("score")
    if not 0 <= score <= 10:
        raise o.fail("score", "0-10")
    return o.date("date"), score, o.note("note")


RUN_KEYS = ("start", "duration_s", "distance_m", "title", "avg_hr", "source", "external_id")
_MARKABLE = frozenset({RunType.EASY.value, RunType.LONG.value, RunType.KEY.value})


def _run_fields(r: Run) -> dict[str, Any]:
    # `marked` is written only when set (as the sessions' newer fields): a backup without marked
    # runs still reads in a hamcoach from before the Runs page.
    return {k: v for k, v in runs_view.run(r).items() if k != "marked" or v is not None}


def _run(o: Fields) -> Run:
    o.only(*RUN_KEYS, "marked")  # `marked` since the Runs page: absent in older backups
    marked = _choice(o, "marked", _MARKABLE, optional=True)
    try:
        return Run(
            start=o.moment("start"),
            duration_s=o.number("duration_s"),
            distance_m=o.opt("distance_m", o.number),
            title=o.text("title", MAX_TITLE),
            avg_hr=o.opt("avg_hr", o.number),
            source=o.text("source", 20),
            external_id=o.text("external_id", 400),
            marked=None if marked is None else RunType(marked),
        )
    except BadFile:
        raise
    except InvalidInput as exc:
        raise BadFile(o.name, f"{o.path}: {exc}") from None


def _unique(name: str, what: str, keys: list[Any]) -> None:
    seen: set[Any] = set()
    for key in keys:
        if key in seen:
            raise BadFile(name, f"{what} {key} appears twice")
        seen.add(key)


def _no_constant(text: str) -> float:
    raise ValueError(f"{text} is not a JSON number")


def from_json(data: bytes | str, *, name: str) -> AthleteBackup:
    """Read a backup, refusing (BadFile naming the field) anything not exactly as written."""
    if len(data) > MAX_BYTES:
        raise BadFile(name, f"too large (over {MAX_BYTES // (1024 * 1024)} MB)")
    try:
        document = json.loads(data, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise BadFile(name, "not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        raise BadFile(name, f"not valid JSON ({str(exc)[:120]})") from None
    top = Fields(document, "backup", name).only(
        "format", "version", "exported_at", "hamcoach", "athlete"
    )
    if top.value.get("format") != FORMAT:
        raise BadFile(name, f'not a hamcoach backup (no "format": "{FORMAT}")')
    version = top.integer("version")
    if version > VERSION:
        raise BadFile(
            name, f"backup version {version} is newer than this hamcoach reads ({VERSION})"
        )
    if version < 1:
        raise BadFile(name, f"backup version {version} does not exist")
    athlete = Fields(top.value.get("athlete"), "athlete", name).only(
        "profile",
        "plan_start",
        "calendar_token",
        "sessions",
        "sets",
        "tests",
        "soreness",
        "runs",
    )
    sessions = [_read_session(item) for item in athlete.items("sessions")]
    backup = AthleteBackup(
        profile=_profile(Fields(athlete.value.get("profile"), "athlete.profile", name)),
        plan_start=athlete.opt("plan_start", athlete.date),
        calendar_token=athlete.opt("calendar_token", lambda k: athlete.text(k, 64)),
        sessions=tuple(sessions),
        sets=tuple(_set(s) for s in athlete.items("sets")),
        assessments=tuple(_test(t) for t in athlete.items("tests")),
        soreness=tuple(_soreness(s) for s in athlete.items("soreness")),
        runs=tuple(_run(r) for r in athlete.items("runs")),
    )
    # The database enforces these; checking here keeps a bad file a clear message, not a crash.
    _unique(name, "session date", [s.date for s in backup.sessions])
    _unique(name, "set id", [s.id for s in backup.sets])
    _unique(name, "soreness date", [d for d, _, _ in backup.soreness])
    _unique(name, "run id", [r.external_id for r in backup.runs])
    return backup
