"""Request bodies of the JSON API. Domain rules validate meaning; these validate shape."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    WithJsonSchema,
)

from hamcoach.domain.errors import InvalidInput, excerpt
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import Side
from hamcoach.domain.profile import MAX_INCREMENT, MIN_INCREMENT
from hamcoach.domain.progression_rules import LIMITS as PROGRESSION_LIMITS
from hamcoach.domain.progression_rules import ProgressionRules
from hamcoach.domain.race_rules import LIMITS as RACE_LIMITS
from hamcoach.domain.race_rules import RaceRules
from hamcoach.domain.set_rules import MAX_REPS, MAX_RIR
from hamcoach.domain.setting_groups import Limits
from hamcoach.domain.values import MAX_NAME, MAX_NOTE, MAX_RACES, MAX_TIMEZONE
from hamcoach.domain.values import check_date as _check_date
from hamcoach.domain.values import check_moment as _check_moment
from hamcoach.domain.values import parse_iso_date as _parse_iso_date

SideIn = Literal["left", "right"]
SetKindIn = Literal["warmup", "working", "drop", "failure"]


def _iso_date(value: Any) -> Any:
    # Dates are written YYYY-MM-DD: pydantic alone would take 0.0 or 20261201 as a date.
    try:
        if isinstance(value, str):
            return _parse_iso_date(value)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return _check_date(value)
    except InvalidInput as exc:
        raise ValueError(exc.message) from None
    raise ValueError("a date written YYYY-MM-DD is needed")


def _iso_moment_text(value: Any) -> Any:
    if isinstance(value, str | dt.datetime):
        return value
    raise ValueError("a time written in ISO 8601 with its offset is needed")


def _moment_range(value: dt.datetime) -> dt.datetime:
    try:
        return _check_moment(value, "time")
    except InvalidInput as exc:
        raise ValueError(exc.message) from None


# The documents say what is accepted; the domain rules (domain.values) enforce it, with messages
# that name the value. A pattern on dates keeps generated examples inside 2000-2099.
_DATE_PATTERN = r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}$"
_TIME_PATTERN = r"^20[0-9]{2}-[0-9]{2}-[0-9]{2}T"
# Printable text: no control characters (tab and line breaks allowed in notes).
_NOTE_PATTERN = "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"
_LINE = "\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029"
# One line with at least one visible character (surrounding spaces are dropped).
_LINE_PATTERN = f"^[^{_LINE}]*[^\\s{_LINE}][^{_LINE}]*$"

IsoDate = Annotated[
    dt.date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _DATE_PATTERN}),
]
IsoDateTime = Annotated[
    dt.datetime,
    BeforeValidator(_iso_moment_text),
    AfterValidator(_moment_range),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "pattern": _TIME_PATTERN,
            "description": "ISO 8601 with its offset, 2000-2099.",
        }
    ),
]
Note = Annotated[str, Field(max_length=MAX_NOTE, json_schema_extra={"pattern": _NOTE_PATTERN})]


def documented(**schema: Any) -> Any:
    """The JSON schema says it; the domain rule enforces it (with a message naming the value)."""
    return WithJsonSchema(schema)


SetId = Annotated[
    str,
    documented(
        type="string",
        format="uuid",
        description="A UUID made by the client; the same id sent again is the same set.",
    ),
]
# From the catalogue, so a new exercise or implement is documented the day it is added.
EXERCISES = tuple(e.slug for e in CATALOGUE.exercises)
ExerciseSlug = Annotated[str, documented(type="string", enum=list(EXERCISES))]
# Exercises done with a load: the ones a machine step applies to.
LOADED_EXERCISES = tuple(e.slug for e in CATALOGUE.exercises if not e.bodyweight)
LoadedExerciseSlug = Annotated[str, documented(type="string", enum=list(LOADED_EXERCISES))]
VARIANTS = tuple(v.slug for e in CATALOGUE.exercises for v in e.variants)
VariantSlug = Annotated[str, documented(type="string", enum=list(VARIANTS))]
StanceSlug = Annotated[str, documented(type="string", enum=["both", "two-up-one-down", "single"])]
EQUIPMENT = CATALOGUE.equipment_slugs()
EquipmentSlug = Annotated[str, documented(type="string", enum=list(EQUIPMENT))]


def _whole(value: Any) -> Any:
    # A JSON integer may be written 12.0; true and "12" are not numbers.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("a whole number is needed")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("a whole number is needed")
        return int(value)
    return value


# Numbers are strict: true is not 1 and "12" is not 12 (the document says which is which).
Whole = BeforeValidator(_whole)
Float = Annotated[float, Strict()]
# true or false only, as the schema says (lax pydantic would take 0, 1.0 or "yes").
Flag = Annotated[bool, Strict()]
Int = Annotated[int, Whole]
Reps = Annotated[int, Whole, documented(type="integer", minimum=1, maximum=MAX_REPS)]
# The most a load can be in either unit (500 kg, 1100 lb); the profile's unit decides.
Load = Annotated[
    float,
    Strict(),
    documented(
        type="number",
        exclusiveMinimum=0,
        maximum=1100,
        description="In the profile's unit: at most 500 kg or 1100 lb.",
    ),
]
Rir = Annotated[int, Whole, documented(type="integer", minimum=0, maximum=MAX_RIR)]
_DAY = "(mon|tue|wed|thu|fri|sat|sun)"
_RUNS = "(rest|easy|long|key)(\\+(rest|easy|long|key))*"
WEEK_PATTERN = f"^({_DAY}={_RUNS}(,{_DAY}={_RUNS})*)?$"
_WEEK = re.compile(WEEK_PATTERN)


def _week_text(value: Any) -> Any:
    # The API takes the week exactly as documented; the CLI's reader is more forgiving. The
    # domain's reader runs first: its message names the bad day or run type.
    if not isinstance(value, str):
        return value
    from hamcoach.domain.model import RunningWeek

    try:
        RunningWeek.parse(value)
    except InvalidInput as exc:
        raise ValueError(exc.message) from None
    if not _WEEK.fullmatch(value):
        raise ValueError(
            "write the week as day=type pairs joined by commas, e.g. mon=rest,tue=key,sun=long "
            "(days mon-sun; types rest, easy, long, key; two runs as easy+key)"
        )
    return value


def _timezones(schema: dict[str, Any]) -> None:
    import zoneinfo

    schema["enum"] = sorted(zoneinfo.available_timezones() | {"UTC"})


class _Strict(BaseModel):
    # Infinity and NaN are not numbers a person logs; refusing them here keeps every export
    # valid JSON.
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class ErrorOut(BaseModel):
    """Every 4xx and 5xx answer: what went wrong, in words a person can act on."""

    detail: str = Field(examples=["reps must be 1-100 (got 500)"])
    errors: list[str] | None = Field(
        default=None, description="With 422 for a malformed request: every problem found."
    )


_NULL = {"type": "null"}


def _by_exercise(schema: dict[str, Any]) -> None:
    """What each exercise takes, as oneOf branches (the domain enforces the same rules):
    machine curls a load, the single-leg curl a load and a side, the Nordic and the floor curl
    no load (body weight), the floor curl a variant."""
    load = {"type": "number", "exclusiveMinimum": 0, "maximum": 1100}
    sides = {"type": "string", "enum": [s.value for s in Side]}
    variants = {"type": "string", "enum": list(VARIANTS)}
    # The floor curl's single-leg rung is logged per leg: a side there depends on the rung.
    either_side = {"anyOf": [sides, _NULL]}
    branches = [
        (["lying-leg-curl", "seated-leg-curl"], load, _NULL, _NULL, ["load"]),
        (["single-leg-curl"], load, sides, _NULL, ["load", "side"]),
        (["nordic-curl"], _NULL, _NULL, _NULL, []),
        (["floor-curl"], _NULL, either_side, {"anyOf": [variants, _NULL]}, []),
    ]
    whole = "target_load" in schema.get("properties", {})  # a stored set: the variant is known
    if whole:
        branches[-1] = (["floor-curl"], _NULL, either_side, variants, ["variant"])
    one_of = []
    for slugs, load_schema, side, variant, required in branches:
        properties: dict[str, Any] = {
            "exercise": {"enum": slugs},
            "load": load_schema,
            "side": side,
            "variant": variant,
            "hips_up": {"anyOf": [{"type": "boolean"}, _NULL]}
            if slugs == ["floor-curl"]
            else _NULL,
        }
        if whole:
            properties["target_load"] = {"anyOf": [load_schema, _NULL]}
            properties["stance"] = (
                {"enum": ["both", "two-up-one-down", "single"]}
                if slugs == ["floor-curl"]
                else _NULL
            )
        one_of.append({"properties": properties, "required": required})
    schema["oneOf"] = one_of


class SetIn(_Strict):
    model_config = ConfigDict(json_schema_extra=_by_exercise)

    id: SetId
    exercise: ExerciseSlug = Field(examples=["lying-leg-curl"])
    variant: VariantSlug | None = Field(default=None, description="floor-curl only.")
    side: SideIn | None = Field(
        default=None,
        description="single-leg-curl (required), and the floor curl on its single-leg rung.",
    )
    reps: Reps
    load: Load | None = Field(
        default=None, description="In the profile's unit; null for body weight (Nordic, floor)."
    )
    rir: Rir | None = None
    performed_at: IsoDateTime = Field(description="ISO 8601 with a time zone offset.")
    note: Note | None = None
    kind: SetKindIn = Field(
        default="working",
        description="warmup, working, drop or failure; only working and failure sets count "
        "for progression.",
    )
    hips_up: Flag | None = Field(
        default=None,
        description="floor-curl only: true when the hips stayed up on every rep; only sets "
        "logged with true move the floor-curl ladder up a rung.",
    )


class SetEdit(_Strict):
    reps: Reps
    load: Load | None = None
    note: Note | None = None


def _rule(limits: Limits, defaults: object, name: str) -> Any:
    low, high, meaning = limits[name]
    return Field(default=getattr(defaults, name), ge=low, le=high, description=meaning)


def _race_rule(name: str) -> Any:
    return _rule(RACE_LIMITS, RaceRules(), name)


def _progression_rule(name: str) -> Any:
    return _rule(PROGRESSION_LIMITS, ProgressionRules(), name)


class RaceRulesIn(_Strict):
    """How race weeks are planned (every value a team default: yours to change)."""

    week_sessions: Int = _race_rule("week_sessions")
    week_sets_delta: Int = _race_rule("week_sets_delta")
    quiet_days: Int = _race_rule("quiet_days")
    nordic_before_days: Int = _race_rule("nordic_before_days")
    nordic_after_days: Int = _race_rule("nordic_after_days")


class ProgressionRulesIn(_Strict):
    """How progression reacts to breaks and short sessions (team defaults: yours to change)."""

    break_days: Int = _progression_rule("break_days")
    long_break_days: Int = _progression_rule("long_break_days")
    break_cut_pct: Int = _progression_rule("break_cut_pct")
    long_break_cut_pct: Int = _progression_rule("long_break_cut_pct")
    drop_pct: Int = _progression_rule("drop_pct")
    resume_ramp_week: Int = _progression_rule("resume_ramp_week")


class ProfileIn(_Strict):
    name: str = Field(
        min_length=1, max_length=MAX_NAME, json_schema_extra={"pattern": _LINE_PATTERN}
    )
    units: Literal["kg", "lb"] = "kg"
    body_mass: Float | None = Field(
        default=None, ge=25, le=550, description="25-250 kg or 55-550 lb."
    )
    increment: Float | None = Field(default=None, ge=MIN_INCREMENT, le=MAX_INCREMENT)
    equipment: list[EquipmentSlug] = Field(min_length=1, max_length=10)
    week: Annotated[str, BeforeValidator(_week_text)] = Field(
        default="",
        max_length=200,
        json_schema_extra={"pattern": WEEK_PATTERN},
        examples=["mon=rest,tue=key,thu=easy,sun=long"],
    )
    sessions: Literal[1, 2, 3] = 2
    per_session: Literal[1, 2] = 2
    nordic_experienced: Flag = False
    race_dates: list[IsoDate] = Field(default=[], max_length=MAX_RACES)
    keep_rest_days: Flag = False
    rest_s: Int = Field(default=90, ge=30, le=600)
    timezone: str = Field(
        default="UTC",
        max_length=MAX_TIMEZONE,
        examples=["Europe/Paris"],
        json_schema_extra=_timezones,
    )
    race_rules: RaceRulesIn = Field(
        default_factory=RaceRulesIn, description="Omitted: the defaults (see RaceRulesIn)."
    )
    progression_rules: ProgressionRulesIn = Field(
        default_factory=ProgressionRulesIn,
        description="Omitted: the defaults (see ProgressionRulesIn).",
    )
    exercise_increments: dict[
        LoadedExerciseSlug, Annotated[Float, Field(ge=MIN_INCREMENT, le=MAX_INCREMENT)]
    ] = Field(
        default_factory=dict,
        max_length=len(LOADED_EXERCISES),
        description="A machine's own load step where it differs from `increment`, "
        'e.g. {"seated-leg-curl": 5}.',
    )


class FinishIn(_Strict):
    note: Note | None = None


class StartIn(_Strict):
    full: Flag = Field(
        False,
        description="The full session even when today's soreness (6+) offers the lighter one.",
    )


class SetRestore(_Strict):
    """A set as GET/DELETE returned it, to put back after a delete (undo)."""

    model_config = ConfigDict(json_schema_extra=_by_exercise)

    id: SetId
    exercise: ExerciseSlug
    variant: VariantSlug | None
    stance: StanceSlug | None
    side: SideIn | None
    set_number: Int = Field(ge=1, le=1000)
    target_reps_min: Reps | None
    target_reps_max: Reps | None
    target_load: Load | None
    reps: Reps
    load: Load | None
    unit: Literal["kg", "lb"]
    rir: Rir | None
    performed_at: IsoDateTime
    session_date: IsoDate
    note: Note | None = None
    kind: SetKindIn = "working"
    hips_up: Flag | None = None


class SorenessIn(_Strict):
    score: Int = Field(ge=0, le=10, description="0 = none, 10 = worst.")
    date: IsoDate | None = Field(default=None, description="Default: today (your time zone).")
    note: Note | None = None


class MoveIn(_Strict):
    from_: IsoDate = Field(
        alias="from", description="The day the session is on now (as the plan shows it)."
    )
    to: IsoDate = Field(
        description="The day to move it to, in the same week; the day the plan chose puts it back."
    )


def _run_type(value: Any) -> Any:
    # Said here rather than by the Literal: pydantic's "Input should be ..." says neither that
    # null is allowed nor why rest is not.
    if value is None or value in ("easy", "long", "key"):
        return value
    raise ValueError(
        f"a run is easy, long or key (got {excerpt(value)}); null gives it back the type "
        "hamcoach inferred, and a rest day is a day without runs"
    )


class RunTypeIn(_Strict):
    type: Annotated[Literal["easy", "long", "key"] | None, BeforeValidator(_run_type)] = Field(
        description="The type the run had: it wins over the inferred one, and the plan follows "
        "it. null: back to the type inferred from the title, length, pace and heart rate.",
        examples=["long"],
    )
