"""Planned sessions as Garmin FIT workout files, encoded with Garmin's own `garmin-fit-sdk`.

Layout of one session (one FIT workout file):
- `file_id` (type workout), `workout` (sport training / strength_training), then the steps.
- Each set is a step ending after a number of reps: the top of the planned range, because
  double progression aims there; the full range is in the step's notes.
- A rest step (time, in ms) follows every set except the session's very last one: the rest after
  an exercise's last set is the time to set up the next exercise.
- A set and its rest, repeated, become one block plus a repeat step
  (`repeat_until_steps_cmplt`; duration_value = index of the block's first step, target_value =
  the number of rounds, as in Garmin's WorkoutRepeatSteps example) whenever that is shorter than
  writing the steps out.
- Per-side exercises have one step per side in each round, left then right, with no rest between.
- `exercise_title` messages give the watch a name for each (category, exercise name) pair that
  maps to one name in the file; two exercises sharing a code (lying and seated curl are both
  `weighted_leg_curl`) keep their names on the steps only.

A FIT workout file holds a single workout, so a week is a zip of one file per session.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from typing import Any

from garmin_fit_sdk import Encoder, Profile

from hamcoach.domain.catalogue import Catalogue, FitCode
from hamcoach.domain.errors import InvalidInput, UnknownChoice
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import PlannedExercise, PlannedSession, Side
from hamcoach.integrations.errors import BadFile

UNITS = ("kg", "lb")
KG_PER_LB = 0.45359237
MAX_WEIGHT_KG = 655.35  # exercise_weight is a uint16 in 1/100 kg
MAX_REPS = 1000
MAX_REST_S = 3600
MAX_STEPS = 1000
NAME_BYTES = 60  # watches show short names; the SDK's string fields stop at 255 bytes

_MESG = Profile["mesg_num"]
Message = dict[str, Any]


def fit_code(exercise: PlannedExercise, catalogue: Catalogue = CATALOGUE) -> FitCode:
    """The FIT codes of a planned exercise: the variant's, single-leg ones for a single stance."""
    entry = catalogue.get(exercise.slug)
    if exercise.variant is not None:
        variant = entry.variant(exercise.variant)
        return variant.fit_single_leg if exercise.stance == "single" else variant.fit
    if exercise.stance == "single" and entry.variants:
        return entry.variants[0].fit_single_leg
    return entry.fit


def _clip(text: str, limit: int = NAME_BYTES) -> str:
    # FIT strings are NUL-terminated UTF-8: drop control characters, cut on a character boundary.
    clean = "".join(ch for ch in text if ch.isprintable()).strip()
    return clean.encode("utf-8")[:limit].decode("utf-8", errors="ignore").strip()


def _weight_kg(load: float | None, unit: str) -> float | None:
    if load is None:
        return None
    if not load >= 0:
        raise InvalidInput(f"a load must be >= 0 (got {load})")
    kg = load * KG_PER_LB if unit == "lb" else load
    if kg > MAX_WEIGHT_KG:
        raise InvalidInput(f"a load of {load:g} {unit} is more than a FIT workout can hold")
    return round(kg, 2)


def _check(exercise: PlannedExercise) -> None:
    if not 1 <= exercise.sets <= MAX_REPS:
        raise InvalidInput(f"{exercise.slug}: sets must be 1-{MAX_REPS} (got {exercise.sets})")
    if not 1 <= exercise.reps_min <= exercise.reps_max <= MAX_REPS:
        raise InvalidInput(
            f"{exercise.slug}: reps must satisfy 1 <= min <= max <= {MAX_REPS} "
            f"(got {exercise.reps_min}-{exercise.reps_max})"
        )
    if not 0 <= exercise.rest_s <= MAX_REST_S:
        raise InvalidInput(f"{exercise.slug}: rest must be 0-{MAX_REST_S} s")


def _notes(exercise: PlannedExercise, unit: str, side: Side | None = None) -> str:
    reps = (
        f"{exercise.reps_min} reps"
        if exercise.reps_min == exercise.reps_max
        else f"{exercise.reps_min}-{exercise.reps_max} reps"
    )
    parts = [reps + (" each side" if exercise.per_side else "")]
    load = exercise.load_on(side)
    if load is not None:
        parts.append(f"at {load:g} {unit}")
    text = " ".join(parts)
    if exercise.note:
        text += f"; {exercise.note}"
    return _clip(text, 120)


def _set_steps(exercise: PlannedExercise, unit: str, catalogue: Catalogue) -> list[Message]:
    code = fit_code(exercise, catalogue)
    sides: tuple[Side | None, ...] = tuple(Side) if exercise.per_side else (None,)
    steps: list[Message] = []
    for side in sides:
        # Each leg's step carries that leg's load: the legs progress apart.
        weight = _weight_kg(exercise.load_on(side), unit)
        suffix = f" ({side.value})" if side else ""
        step: Message = {
            "wkt_step_name": _clip(code.step_name + suffix),
            "duration_type": "reps",
            # The SDK writes only main field names; the `duration_reps` sub-field would be dropped.
            "duration_value": exercise.reps_max,
            "target_type": "open",
            "intensity": "active",
            "exercise_category": code.category,
            "exercise_name": code.name,
            "notes": _notes(exercise, unit, side),
        }
        if weight is not None:
            step["exercise_weight"] = weight
            step["weight_display_unit"] = "pound" if unit == "lb" else "kilogram"
        steps.append(step)
    return steps


def _rest_step(rest_s: int) -> Message:
    return {
        "wkt_step_name": "Rest",
        "duration_type": "time",
        "duration_value": rest_s * 1000,  # milliseconds: the profile scales duration_time by 1000
        "target_type": "open",
        "intensity": "rest",
    }


def _append_rounds(out: list[Message], body: list[Message], rounds: int) -> None:
    """`rounds` x body, as a repeat block when that takes fewer steps than writing it out."""
    if rounds <= 0:
        return
    if rounds >= 2 and len(body) + 1 < len(body) * rounds:
        first = len(out)
        out.extend(dict(step) for step in body)
        out.append(
            {
                "duration_type": "repeat_until_steps_cmplt",
                "duration_value": first,
                "target_value": rounds,
            }
        )
        return
    for _ in range(rounds):
        out.extend(dict(step) for step in body)


def workout_steps(
    session: PlannedSession, *, unit: str = "kg", catalogue: Catalogue = CATALOGUE
) -> list[Message]:
    """The workout_step messages of a session, indexed, without the mesg_num."""
    if unit not in UNITS:
        raise UnknownChoice("unit", unit, UNITS)
    if not session.exercises:
        raise InvalidInput(f"the session on {session.date.isoformat()} has no exercises")
    steps: list[Message] = []
    for position, exercise in enumerate(session.exercises):
        _check(exercise)
        sets = _set_steps(exercise, unit, catalogue)
        rest = _rest_step(exercise.rest_s) if exercise.rest_s > 0 else None
        body = sets + ([rest] if rest else [])
        if position < len(session.exercises) - 1:
            _append_rounds(steps, body, exercise.sets)
        else:
            _append_rounds(steps, body, exercise.sets - 1)
            steps.extend(dict(step) for step in sets)
    if len(steps) > MAX_STEPS:
        raise InvalidInput(f"the session has too many steps for a FIT workout ({len(steps)})")
    for index, step in enumerate(steps):
        step["message_index"] = index
    return steps


def _titles(session: PlannedSession, catalogue: Catalogue) -> list[Message]:
    names: dict[tuple[int, int], set[str]] = {}
    for exercise in session.exercises:
        code = fit_code(exercise, catalogue)
        names.setdefault((code.category, code.name), set()).add(code.step_name)
    titles: list[Message] = []
    for (category, name), step_names in names.items():
        if len(step_names) == 1:
            titles.append(
                {
                    "message_index": len(titles),
                    "exercise_category": category,
                    "exercise_name": name,
                    "wkt_step_name": _clip(next(iter(step_names))),
                }
            )
    return titles


def _serial(name: str, session: PlannedSession, steps: Sequence[Message]) -> int:
    # Devices tell workout files apart by (type, manufacturer, product, serial number).
    text = f"{name}|{session.date.isoformat()}|{steps!r}"
    return (zlib.crc32(text.encode("utf-8")) & 0xFFFFFFFE) or 2


def default_name(session: PlannedSession) -> str:
    return f"Hamstrings {session.date.isoformat()}"


def encode_session(
    session: PlannedSession,
    *,
    unit: str = "kg",
    name: str | None = None,
    created: dt.datetime | None = None,
    catalogue: Catalogue = CATALOGUE,
) -> bytes:
    """One FIT workout file for a session; `unit` is the unit of the planned loads (kg or lb)."""
    steps = workout_steps(session, unit=unit, catalogue=catalogue)
    title = _clip(name if name is not None else default_name(session)) or default_name(session)
    when = created or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        raise InvalidInput("the creation time of a FIT file needs a time zone")
    messages: list[Message] = [
        {
            "mesg_num": _MESG["FILE_ID"],
            "type": "workout",
            "manufacturer": "development",
            "product": 0,
            "serial_number": _serial(title, session, steps),
            "time_created": when.astimezone(dt.UTC),
        },
        {
            "mesg_num": _MESG["WORKOUT"],
            "wkt_name": title,
            "sport": "training",
            "sub_sport": "strength_training",
            "num_valid_steps": len(steps),
        },
        *({"mesg_num": _MESG["WORKOUT_STEP"], **step} for step in steps),
        *({"mesg_num": _MESG["EXERCISE_TITLE"], **t} for t in _titles(session, catalogue)),
    ]
    encoder = Encoder()
    try:
        for message in messages:
            encoder.write_mesg(message)
        return encoder.close()
    except ValueError as exc:  # the SDK wraps every encoding problem in ValueError
        raise InvalidInput(f"cannot encode the workout {title!r}: {exc}") from None


def session_file_name(session: PlannedSession, taken: Iterable[str] = ()) -> str:
    """`hamstrings-YYYY-MM-DD.fit`, with `-2`, `-3`... when a day has more than one session."""
    used = set(taken)
    base = f"hamstrings-{session.date.isoformat()}"
    candidate, n = f"{base}.fit", 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}.fit"
    return candidate


def week_file_name(week_start: dt.date) -> str:
    return f"hamstrings-week-{week_start.isoformat()}.zip"


def encode_week(
    sessions: Iterable[PlannedSession],
    *,
    unit: str = "kg",
    created: dt.datetime | None = None,
    catalogue: Catalogue = CATALOGUE,
) -> bytes:
    """A zip of one FIT workout file per session (a FIT workout file holds one workout)."""
    when = created or dt.datetime.now(dt.UTC)
    buffer = io.BytesIO()
    names: list[str] = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for session in sorted(sessions, key=lambda s: s.date):
            file_name = session_file_name(session, names)
            names.append(file_name)
            # Zip timestamps start in 1980; the session's day is the meaningful one.
            day = max(session.date, dt.date(1980, 1, 1))
            info = zipfile.ZipInfo(file_name, date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            data = encode_session(session, unit=unit, created=when, catalogue=catalogue)
            archive.writestr(info, data)
    if not names:
        raise InvalidInput("no sessions to export")
    return buffer.getvalue()


def read_week(data: bytes, *, name: str = "workouts.zip") -> dict[str, bytes]:
    """The FIT files of a zip made by `encode_week`, by file name."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {n: archive.read(n) for n in archive.namelist() if n.endswith(".fit")}
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BadFile(name, f"not a readable zip file ({exc})") from None
