"""`hamcoach init`: create or edit the runner's profile, by prompts or by flags."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from hamcoach.cli.errors import parse_option
from hamcoach.cli.options import parse_choice_int, parse_date, split_list
from hamcoach.domain.errors import InvalidInput, excerpt
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.profile import Profile, Units, parse_exercise_increments
from hamcoach.domain.values import check_timezone

T = TypeVar("T")


def system_timezone() -> str:
    """The machine's IANA zone (from /etc/localtime or $TZ), else UTC."""
    import os

    if os.environ.get("TZ", "").count("/") >= 1:
        return os.environ["TZ"].lstrip(":")
    try:
        target = Path("/etc/localtime").resolve()
        parts = target.parts
        if "zoneinfo" in parts:
            return "/".join(parts[parts.index("zoneinfo") + 1 :])
    except OSError:
        pass
    return "UTC"


def _float(what: str, text: str) -> float:
    """A number with a decimal point or a decimal comma (60.5 or 60,5)."""
    decimal = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
    try:
        number = float(decimal)
    except ValueError:
        raise InvalidInput(f"{what} {excerpt(text)} is not a number") from None
    if not math.isfinite(number):
        raise InvalidInput(f"{what} {excerpt(text)} is not a finite number")
    return number


QUESTIONS = (
    "name",
    "units",
    "body mass",
    "equipment",
    "running week",
    "sessions per week",
    "exercises per session",
    "Nordic experience",
)


def init(
    name: Annotated[str | None, typer.Option(metavar="TEXT", help="Your name.")] = None,
    units: Annotated[str | None, typer.Option(metavar="[kg|lb]", help="Your units.")] = None,
    body_mass: Annotated[
        str | None,
        typer.Option(metavar="NUMBER", help="Body mass in your units ('' clears it)."),
    ] = None,
    equipment: Annotated[
        str | None,
        typer.Option(
            metavar="SLUG,...",
            help="Comma-separated: " + ", ".join(CATALOGUE.equipment_slugs()),
        ),
    ] = None,
    week: Annotated[
        str | None,
        typer.Option(metavar="DAY=RUN,...", help="Running week, e.g. tue=key,thu=easy,sun=long."),
    ] = None,
    sessions: Annotated[
        str | None, typer.Option(metavar="INTEGER", help="Sessions per week: 2 or 3.")
    ] = None,
    per_session: Annotated[
        str | None, typer.Option(metavar="INTEGER", help="Exercises per session: 1 or 2.")
    ] = None,
    nordic_experienced: Annotated[
        bool | None,
        typer.Option(
            "--nordic-experienced/--nordic-new",
            help="Already doing Nordics regularly (skips the 4-week ramp-in).",
        ),
    ] = None,
    increment: Annotated[
        str | None,
        typer.Option(metavar="NUMBER", help="Machine weight step [default: 2.5 kg / 5 lb]."),
    ] = None,
    increment_for: Annotated[
        str | None,
        typer.Option(
            metavar="SLUG=NUMBER,...",
            help="A machine's own weight step where it differs from --increment, e.g. "
            "seated-leg-curl=5,lying-leg-curl=1.25 ('' clears them).",
        ),
    ] = None,
    race: Annotated[
        list[str] | None,
        typer.Option(metavar="DATE", help="Race date YYYY-MM-DD; repeat for several."),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(metavar="ZONE", help="IANA time zone [default: this machine's]."),
    ] = None,
    rest: Annotated[
        str | None, typer.Option(metavar="INTEGER", help="Rest between sets, seconds [90].")
    ] = None,
    race_rules: Annotated[
        str | None,
        typer.Option(
            metavar="NAME=INTEGER,...",
            help="Change how race weeks are planned, e.g. quiet_days=2,nordic_after_days=3: "
            "week_sessions (1-3, default 2), week_sets_delta (-2 to 0, default -1), "
            "quiet_days before the race (1-6, 3), nordic_before_days (0-14, 5), "
            "nordic_after_days (0-7, 2).",
        ),
    ] = None,
    progression_rules: Annotated[
        str | None,
        typer.Option(
            metavar="NAME=INTEGER,...",
            help="Change how progression reacts to breaks and short sessions, e.g. "
            "break_days=10,drop_pct=5: break_days (7-42, default 14), long_break_days "
            "(14-84, 28), break_cut_pct (0-30, 10), long_break_cut_pct (0-50, 20), drop_pct "
            "(5-20, 10), resume_ramp_week (1-5, 3).",
        ),
    ] = None,
) -> None:
    """Set up your profile (re-run to change it).

    With no flags it asks its questions, each with the current value as the default. Piped
    in, it reads one answer per line, in this order: name, units (kg/lb), body mass,
    equipment, running week, sessions per week, exercises per session, Nordic experience
    (y/n); a blank line keeps the current value. With flags it asks nothing and changes only
    what they name.

    Examples:

    \b
      hamcoach init
      printf 'Ana\\nkg\\n60\\npartner,towel\\ntue=key,sun=long\\n2\\n2\\nn\\n' | hamcoach init
      hamcoach init --name Ana --units kg --body-mass 60 --equipment partner,towel \\
        --week tue=key,thu=easy,sun=long --sessions 2 --per-session 2 --nordic-new
      hamcoach init --sessions 3
    """
    from hamcoach.cli.answers import Answers
    from hamcoach.cli.context import open_store, today_in
    from hamcoach.services.profile import local_profile, save_profile

    flags = (name, units, body_mass, equipment, week, sessions, per_session, nordic_experienced)
    more = (increment, increment_for, race, timezone, rest, race_rules, progression_rules)
    answers = Answers(sys.stdin, QUESTIONS) if all(v is None for v in flags + more) else None
    store = open_store()
    old = local_profile(store.uow())
    base = old or Profile(name="runner", timezone=system_timezone())

    def value(
        option: str,
        flag: str | None,
        prompt: str,
        shown: str,
        default: T,
        parse: Callable[[str], T],
    ) -> T:
        """A flag's value, else the answer to the question, else the current value."""
        if flag is not None:
            return parse_option(option, parse, flag)
        if answers is None:
            return default
        return answers.ask(prompt, shown, default, parse)

    name_v = value("--name", name, "Your name", base.name, base.name, str.strip)
    units_v = value("--units", units, "Units (kg/lb)", base.units.value, base.units, Units.parse)
    # Switching units converts what was stored (60 kg stays 132.3 lb, not "60 lb").
    base = base.in_units(units_v)
    mass = value(
        "--body-mass",
        body_mass,
        f"Body mass ({units_v.value}, blank to skip)",
        "" if base.body_mass is None else f"{base.body_mass:g}",
        base.body_mass,
        lambda t: _float("body mass", t) if t.strip() else None,
    )
    owned = ",".join(sorted(base.equipment)) or "towel"
    equipment_v = value(
        "--equipment",
        equipment,
        "Equipment (comma-separated: " + ", ".join(CATALOGUE.equipment_slugs()) + ")",
        owned,
        base.equipment or frozenset({"towel"}),
        lambda t: CATALOGUE.parse_equipment(split_list(t)),
    )
    week_v = value(
        "--week",
        week,
        "Running week (e.g. tue=key,thu=easy,sun=long)",
        base.week.to_text(),
        base.week,
        RunningWeek.parse,
    )
    sessions_v = value(
        "--sessions",
        sessions,
        "Sessions per week (2 or 3)",
        str(base.sessions),
        base.sessions,
        lambda t: parse_choice_int(t, (2, 3), "sessions per week"),
    )
    per_v = value(
        "--per-session",
        per_session,
        "Exercises per session (1 or 2)",
        str(base.per_session),
        base.per_session,
        lambda t: parse_choice_int(t, (1, 2), "exercises per session"),
    )
    experienced = nordic_experienced
    if experienced is None:
        experienced = (
            answers.confirm(
                "Do you already do Nordic curls regularly?", default=base.nordic_experienced
            )
            if answers is not None
            else base.nordic_experienced
        )
    profile = Profile(
        name=name_v,
        units=units_v,
        body_mass=mass,
        increment=parse_option("--increment", lambda t: _float("increment", t), increment)
        if increment
        else base.increment,
        increase_pct=base.increase_pct,
        equipment=equipment_v,
        week=week_v,
        sessions=sessions_v,
        per_session=per_v,
        nordic_experienced=experienced,
        race_dates=tuple(parse_option("--race", parse_date, r) for r in race)
        if race
        else base.race_dates,
        keep_rest_days=base.keep_rest_days,
        rest_s=parse_option("--rest", lambda t: int(_float("rest", t)), rest)
        if rest
        else base.rest_s,
        timezone=parse_option("--timezone", check_timezone, timezone)
        if timezone
        else base.timezone,
        race_rules=parse_option("--race-rules", base.race_rules.with_text, race_rules)
        if race_rules
        else base.race_rules,
        progression_rules=parse_option(
            "--progression-rules", base.progression_rules.with_text, progression_rules
        )
        if progression_rules
        else base.progression_rules,
        exercise_increments=parse_option(
            "--increment-for", parse_exercise_increments, increment_for
        )
        if increment_for is not None
        else base.exercise_increments,
    )
    save_profile(store.uow(), profile, today_in(profile.timezone))
    verb = "Updated" if old else "Created"
    feasible = ", ".join(ex.slug for ex in CATALOGUE.feasible(profile.equipment))
    typer.echo(f"{verb} the profile of {profile.name} ({profile.units.value}).")
    typer.echo(f"Exercises your equipment allows: {feasible}.")
    typer.echo("Next: `hamcoach plan` for your weeks, `hamcoach today` for the next session.")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
