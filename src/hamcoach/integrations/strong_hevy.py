"""Leg-curl and Nordic history from Strong and Hevy CSV exports (standard-library `csv`).

Layouts (one row per set; headers matched by name, case-insensitively, so column order and extra
columns do not matter):

- Strong: `Date, Workout Name, Duration, Exercise Name, Set Order, Weight, Reps, Distance, Seconds,
  Notes, Workout Notes, RPE`; newer exports add `Weight Unit` (kg/lbs) and may use `;` between
  fields. `Date` is the workout's start (local time, `YYYY-MM-DD HH:MM:SS`) on every row; `Set
  Order` is a number or W (warm-up), D (drop set), F (failure). Without a `Weight Unit` column
  the weights are in the unit the app displayed, which the file does not say: `unit` tells.
- Hevy: `title, start_time, end_time, description, exercise_title, superset_id, exercise_notes,
  set_index, set_type, weight_kg (or weight_lbs), reps, distance_km, duration_seconds, rpe`;
  `start_time` reads like `26 Jul 2025, 07:06` (local time); `set_type` is normal, warmup,
  failure or dropset.

Exercise names map to hamcoach's five exercises by their words (`map_exercise`); a name that
cannot be mapped for sure (`Leg Curl (Machine)`: lying or seated?) is skipped with the reason and
the `--map NAME=SLUG` that would take it. Warm-up, drop and failure sets keep their kind (only
working and failure sets count for progression). RPE becomes reps in reserve (10 - RPE). An
added load on a Nordic or floor curl goes in the note (hamcoach logs those as body weight).

Every set gets a UUID derived from the app, the workout, the exercise and its place in the file, so
importing the same export again, or a later one that repeats it, stores nothing twice.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hamcoach.domain.errors import InvalidInput, UnknownChoice
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import Side
from hamcoach.domain.records import SetKind
from hamcoach.domain.values import MAX_NOTE
from hamcoach.integrations.errors import BadFile, read_bounded
from hamcoach.services.history_import import ImportedSet

APPS = ("strong", "hevy")
MAX_BYTES = 64 * 1024 * 1024
NAMESPACE = uuid.UUID("8d5f4a52-3c1e-5b8e-9a57-2f1d0c6b7e41")  # fixed: ids must never change
# Month names by hand: strptime's %b follows the process locale.
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_HEVY_TIME = re.compile(r"^\s*(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4}),? (\d{1,2}):(\d{2})\s*$")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Target:
    """A hamcoach exercise a source name maps to."""

    exercise: str
    variant: str | None = None
    stance: str | None = None
    side: str | None = None


@dataclass(frozen=True)
class HistoryFile:
    app: str
    sets: list[ImportedSet]
    skipped: list[str] = field(default_factory=list)
    mapped: dict[str, str] = field(default_factory=dict)  # source name -> exercise slug


def _normal(name: str) -> str:
    return " ".join(_WORD.findall(name.lower()))


def parse_mapping(text: str) -> tuple[str, Target]:
    """`NAME=SLUG`, `NAME=single-leg-curl:left` or `NAME=floor-curl:sliders`."""
    name, sep, target = text.rpartition("=")
    if not sep or not name.strip() or not target.strip():
        raise InvalidInput(
            f"mapping {text!r} should read NAME=EXERCISE, e.g. 'Leg Curl=seated-leg-curl'"
        )
    slug, _, extra = target.strip().partition(":")
    exercise = CATALOGUE.get(slug.strip().lower())
    extra = extra.strip().lower()
    if exercise.per_side:
        if extra not in tuple(Side):
            raise InvalidInput(f"{exercise.slug} needs a side: {name.strip()}={exercise.slug}:left")
        return _normal(name), Target(exercise.slug, side=extra)
    if exercise.variants:
        variant = exercise.variant(extra or exercise.variants[0].slug).slug
        return _normal(name), Target(exercise.slug, variant, "both")
    if extra:
        raise InvalidInput(f"{exercise.slug} takes no ':{extra}' in a mapping")
    return _normal(name), Target(exercise.slug)


def map_exercise(name: str, overrides: Mapping[str, Target] | None = None) -> Target | str:
    """The exercise a name stands for, or why it is skipped."""
    key = _normal(name)
    if overrides and key in overrides:
        return overrides[key]
    words = set(key.split())
    text = f" {key} "
    single = " single leg " in text or " one leg " in text or "unilateral" in words
    if "nordic" in words:
        return Target("nordic-curl")
    if not ("curl" in words or "curls" in words) or not words & {"leg", "hamstring", "hamstrings"}:
        return "not a hamstring curl"
    if words & {"slider", "sliders", "sliding", "towel", "ball", "swiss", "stability"}:
        variant = (
            "stability-ball"
            if words & {"ball", "swiss", "stability"}
            else ("towel" if "towel" in words else "sliders")
        )
        return Target("floor-curl", variant, "single" if single else "both")
    if words & {"cable", "band", "dumbbell", "kettlebell"}:
        return "not one of hamcoach's five exercises"
    if words & {"lying", "prone"}:
        return Target("lying-leg-curl")
    if words & {"seated", "sitting"}:
        return Target("seated-leg-curl")
    if single or "standing" in words:
        side = next((s.value for s in Side if s in words), None)
        if side is None:
            return "single-leg curl, but the file does not say which leg"
        return Target("single-leg-curl", side=side)
    return "lying or seated machine? the name does not say"


# --- reading the file ----------------------------------------------------------------------

_COLUMNS = {
    "strong": {
        "date": ("date",),
        "workout": ("workout name",),
        "exercise": ("exercise name",),
        "order": ("set order",),
        "weight": ("weight", "weight kg", "weight lbs", "weight lb"),
        "unit": ("weight unit",),
        "reps": ("reps",),
        "rpe": ("rpe",),
        "note": ("notes",),
    },
    "hevy": {
        "date": ("start time",),
        "workout": ("title",),
        "exercise": ("exercise title",),
        "order": ("set index",),
        "type": ("set type",),
        "weight": ("weight kg", "weight lbs", "weight lb"),
        "reps": ("reps",),
        "rpe": ("rpe",),
        "note": ("exercise notes",),
    },
}
_REQUIRED = ("date", "exercise", "order", "weight", "reps")
_LABELS = {
    "strong": {"date": "Date", "exercise": "Exercise Name", "order": "Set Order",
               "weight": "Weight", "reps": "Reps"},
    "hevy": {"date": "start_time", "exercise": "exercise_title", "order": "set_index",
             "weight": "weight_kg or weight_lbs", "reps": "reps"},
}  # fmt: skip


def _decode(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise BadFile(name, f"too large (over {MAX_BYTES // (1024 * 1024)} MB)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # older exports from Windows tools


def _columns(header: list[str], app: str, name: str) -> tuple[dict[str, int], str | None]:
    """Where each field is; and the weight unit the header names (weight_kg), if any."""
    normal = [_normal(h) for h in header]
    found: dict[str, int] = {}
    unit: str | None = None
    for key, aliases in _COLUMNS[app].items():
        for alias in aliases:
            if alias in normal:
                found[key] = normal.index(alias)
                if key == "weight" and alias != "weight":
                    unit = "kg" if alias.endswith("kg") else "lb"
                break
    missing = [_LABELS[app][k] for k in _REQUIRED if k not in found]
    if missing:
        other = "hevy" if app == "strong" else "strong"
        if all(any(a in normal for a in _COLUMNS[other][k]) for k in _REQUIRED):
            raise BadFile(name, f"this is a {other.title()} export: use `hamcoach import {other}`")
        shown = ", ".join(repr(h[:30]) for h in header[:6]) + (", ..." if len(header) > 6 else "")
        raise BadFile(
            name,
            f"not a {app.title()} export: missing column(s) {', '.join(missing)} "
            f"(found {shown or 'no header'})",
        )
    return found, unit


def _number(text: str, comma_decimal: bool) -> float | None:
    text = text.strip()
    if not text:
        return None
    if comma_decimal:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput(f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidInput(f"{text!r} is not a number")
    return value


def _moment(text: str, tz: dt.tzinfo) -> dt.datetime:
    hevy = _HEVY_TIME.match(text)
    try:
        if hevy:
            day, month, year, hour, minute = hevy.groups()
            value = dt.datetime(int(year), _MONTHS[month.lower()], int(day), int(hour), int(minute))
        else:
            value = dt.datetime.fromisoformat(text.strip())
    except (ValueError, KeyError):
        raise InvalidInput(f"time {text!r} not understood") from None
    value = value if value.tzinfo is not None else value.replace(tzinfo=tz)
    try:
        value.astimezone(dt.UTC)  # as it is stored; 0001-01-01 east of UTC does not fit
    except OverflowError:
        raise InvalidInput(f"time {text!r} is out of range") from None
    return value


def _note(*parts: str | None) -> str | None:
    text = "; ".join(p.strip() for p in parts if p and p.strip())
    if len(text) > MAX_NOTE:
        text = text[: MAX_NOTE - 1] + "\u2026"
    return text or None


class _Skips:
    """Reasons for skipped rows: per exercise name when the name is the reason, else per row."""

    def __init__(self) -> None:
        self.by_name: Counter[tuple[str, str]] = Counter()
        self.rows: list[str] = []

    def lines(self) -> list[str]:
        out = []
        for (source, reason), n in sorted(self.by_name.items(), key=lambda kv: (-kv[1], kv[0])):
            hint = ""
            if "does not say" in reason:
                hint = f"; map it with --map '{source}=EXERCISE[:left|right]'"
            out.append(f"{source!r}: {reason} ({n} set{'s' if n > 1 else ''}{hint})")
        return out + self.rows


@dataclass(frozen=True)
class _Row:
    line: int
    values: list[str]
    where: Mapping[str, int]

    def __getitem__(self, key: str) -> str:
        index = self.where.get(key)
        return self.values[index].strip() if index is not None and index < len(self.values) else ""


def read_history(
    path: str | Path,
    app: str,
    *,
    tz: dt.tzinfo,
    unit: str,
    overrides: Mapping[str, Target] | None = None,
) -> HistoryFile:
    path = Path(path)
    data = read_bounded(path, MAX_BYTES)
    return parse_history(data, name=path.name, app=app, tz=tz, unit=unit, overrides=overrides)


def parse_history(
    data: bytes,
    *,
    name: str,
    app: str,
    tz: dt.tzinfo,
    unit: str,
    overrides: Mapping[str, Target] | None = None,
) -> HistoryFile:
    """The hamstring sets of a Strong or Hevy export; `unit` applies when the file names none."""
    if app not in APPS:
        raise UnknownChoice("app", app, APPS)
    text = _decode(data, name)
    if "\x00" in text:
        raise BadFile(name, "binary data, not a CSV file")
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    # strict: a file cut off inside a quoted field (a broken download) is refused, not guessed at.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise BadFile(name, "empty file")
        where, header_unit = _columns(header, app, name)
        rows = [_Row(n, values, where) for n, values in enumerate(reader, start=2)]
    except csv.Error as exc:
        raise BadFile(name, f"unreadable CSV at line {reader.line_num}: {exc}") from None
    rows = [r for r in rows if any(v.strip() for v in r.values)]
    if not rows:
        raise BadFile(name, "no sets in the file (only a header)")
    skips = _Skips()
    sets: list[ImportedSet] = []
    mapped: dict[str, str] = {}
    seen: Counter[tuple[str, ...]] = Counter()
    for row in rows:
        source = row["exercise"]
        identity = (app, row["date"], row["workout"], source, row["order"])
        seen[identity] += 1  # the same set twice in a workout stays two sets
        target = map_exercise(source, overrides)
        if isinstance(target, str):
            skips.by_name[(source or "(no name)", target)] += 1
            continue
        key = "\x1f".join((*identity, str(seen[identity])))
        try:
            item = _item(app, row, target, key, delimiter == ";", header_unit or unit, tz)
        except InvalidInput as exc:
            skips.rows.append(f"row {row.line} ({source}): {exc.message}")
            continue
        mapped[source] = target.exercise
        sets.append(item)
    return HistoryFile(app, sets, skips.lines(), mapped)


def _item(
    app: str,
    row: _Row,
    target: Target,
    key: str,
    comma_decimal: bool,
    unit: str,
    tz: dt.tzinfo,
) -> ImportedSet:
    reps = _number(row["reps"], comma_decimal)
    if not reps:
        raise InvalidInput("no reps (a timed or distance set)")
    if not reps.is_integer():
        raise InvalidInput(f"reps {reps:g} is not a whole number")
    weight = _number(row["weight"], comma_decimal) or 0.0
    unit = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}.get(row["unit"].lower(), unit)
    bodyweight = CATALOGUE.get(target.exercise).bodyweight
    if not bodyweight and weight <= 0:
        raise InvalidInput("no weight on a machine curl")
    added = f"added load {weight:g} {unit} (not tracked)" if bodyweight and weight > 0 else None
    rpe = _number(row["rpe"], comma_decimal)
    rir = round(10 - rpe) if rpe is not None and 0 <= 10 - rpe <= 10 else None
    # Hevy repeats the exercise's note on each of its sets: keep it once, on the first.
    first_set = app == "strong" or row["order"] in ("0", "")
    return ImportedSet(
        id=str(uuid.uuid5(NAMESPACE, key)),
        row=row.line,
        exercise=target.exercise,
        variant=target.variant,
        stance=target.stance,
        side=target.side,
        reps=int(reps),
        load=None if bodyweight else weight,
        unit=unit,
        rir=rir,
        performed_at=_moment(row["date"], tz),
        note=_note(row["note"] if first_set else None, added),
        kind=_kind(row),
    )


def _kind(row: _Row) -> SetKind:
    """Strong marks a set's order W, D or F; Hevy has a set_type: both map to a set kind."""
    order, kind = row["order"].upper(), row["type"].lower()
    if order == "W" or kind in ("warmup", "warm-up"):
        return SetKind.WARMUP
    if order == "D" or kind in ("dropset", "drop"):
        return SetKind.DROP
    if order == "F" or kind == "failure":
        return SetKind.FAILURE
    return SetKind.WORKING
