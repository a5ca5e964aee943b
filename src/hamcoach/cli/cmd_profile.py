"""`hamcoach init`: create or edit the runner's profile, by prompts or by flags."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Annotated

import typer

from hamcoach.cli.errors import parse_option
from hamcoach.cli.options import parse_choice_int, parse_date, split_list
from hamcoach.domain.errors import InvalidInput, excerpt
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.profile import Profile, Units, parse_exercise_increments
from hamcoach.domain.values import check_timezone


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
    try:
        number = float(text)
    except ValueError:
        raise InvalidInput(f"{what} {excerpt(text)} is not a number") from None
    if not math.isfinite(number):
        raise InvalidInput(f"{what} {excerpt(text)} is not a finite number")
    return number


def init(
    name: Annotated[str | None, typer.Option(help="Your name.")] = None,
    units: Annotated[str | None, typer.Option(help="kg or lb.")] = None,
    body_mass: Annotated[str | None, typer.Option(help="Body mass in your units.")] = None,
    equipment: Annotated[
        str | None,
        typer.Option(help="Comma-separated: " + ", ".join(CATALOGUE.equipment_slugs())),
    ] = None,
    week: Annotated[
        str | None, typer.Option(help="Running week, e.g. tue=key,thu=easy,sun=long.")
    ] = None,
    sessions: Annotated[str | None, typer.Option(help="Sessions per week: 2 or 3.")] = None,
    per_session: Annotated[str | None, typer.Option(help="Exercises per session: 1 or 2.")] = None,
    nordic_experienced: Annotated[
        bool | None,
        typer.Option(
            "--nordic-experienced/--nordic-new",
            help="Already doing Nordics regularly (skips the 4-week ramp-in).",
        ),
    ] = None,
    increment: Annotated[
        str | None, typer.Option(help="Machine weight step [default: 2.5 kg / 5 lb].")
    ] = None,
    increment_for: Annotated[
        str | None,
        typer.Option(
            help="A machine's own weight step where it differs from --increment, e.g. "
            "seated-leg-curl=5,lying-leg-curl=1.25 ('' clears them).",
        ),
    ] = None,
    race: Annotated[
        list[str] | None, typer.Option(help="Race date YYYY-MM-DD; repeat for several.")
    ] = None,
    timezone: Annotated[
        str | None, typer.Option(help="IANA time zone [default: this machine's].")
    ] = None,
    rest: Annotated[str | None, typer.Option(help="Rest between sets, seconds [90].")] = None,
    race_rules: Annotated[
        str | None,
        typer.Option(
            help="Change how race weeks are planned, e.g. quiet_days=2,nordic_after_days=3: "
            "week_sessions (1-3, default 2), week_sets_delta (-2 to 0, default -1), "
            "quiet_days before the race (1-6, 3), nordic_before_days (0-14, 5), "
            "nordic_after_days (0-7, 2)."
        ),
    ] = None,
    progression_rules: Annotated[
        str | None,
        typer.Option(
            help="Change how progression reacts to breaks and short sessions, e.g. "
            "break_days=10,drop_pct=5: break_days (7-42, default 14), long_break_days "
            "(14-84, 28), break_cut_pct (0-30, 10), long_break_cut_pct (0-50, 20), drop_pct "
            "(5-20, 10), resume_ramp_week (1-5, 3)."
        ),
    ] = None,
) -> None:
    """Set up your profile (re-run to change it).

    With no flags it asks; in scripts pass flags, e.g.

      hamcoach init --name Ana --units kg --body-mass 60 --equipment partner,towel
      --week tue=key,thu=easy,sun=long --sessions 2 --per-session 2 --nordic-new
    """
    from hamcoach.cli.context import open_store, today_in
    from hamcoach.services.profile import local_profile, save_profile

    store = open_store()
    old = local_profile(store.uow())
    ask = sys.stdin.isatty() and all(
        v is None for v in (name, units, body_mass, equipment, week, sessions, per_session)
    )
    base = old or Profile(name="runner", timezone=system_timezone())

    def value(flag: str | None, prompt: str, current: str) -> str:
        if flag is not None:
            return flag
        return typer.prompt(prompt, default=current) if ask else current

    name_v = value(name, "Your name", base.name)
    units_v = parse_option("--units", Units.parse, value(units, "Units (kg/lb)", base.units.value))
    # Switching units converts what was stored (60 kg stays 132.3 lb, not "60 lb").
    base = base.in_units(units_v)
    mass_text = value(
        body_mass,
        f"Body mass ({units_v.value}, blank to skip)",
        "" if base.body_mass is None else f"{base.body_mass:g}",
    )
    eq_text = value(
        equipment,
        "Equipment (comma-separated: " + ", ".join(CATALOGUE.equipment_slugs()) + ")",
        ",".join(sorted(base.equipment)) or "towel",
    )
    week_text = value(week, "Running week (e.g. tue=key,thu=easy,sun=long)", base.week.to_text())
    sessions_text = value(sessions, "Sessions per week (2 or 3)", str(base.sessions))
    per_text = value(per_session, "Exercises per session (1 or 2)", str(base.per_session))
    experienced = nordic_experienced
    if experienced is None:
        experienced = (
            typer.confirm(
                "Do you already do Nordic curls regularly?", default=base.nordic_experienced
            )
            if ask
            else base.nordic_experienced
        )
    profile = Profile(
        name=name_v.strip(),
        units=units_v,
        body_mass=parse_option("--body-mass", lambda t: _float("body mass", t), mass_text)
        if mass_text.strip()
        else None,
        increment=parse_option("--increment", lambda t: _float("increment", t), increment)
        if increment
        else base.increment,
        increase_pct=base.increase_pct,
        equipment=parse_option(
            "--equipment", lambda t: CATALOGUE.parse_equipment(split_list(t)), eq_text
        ),
        week=parse_option("--week", RunningWeek.parse, week_text),
        sessions=parse_option(
            "--sessions", lambda t: parse_choice_int(t, (2, 3), "sessions per week"), sessions_text
        ),
        per_session=parse_option(
            "--per-session",
            lambda t: parse_choice_int(t, (1, 2), "exercises per session"),
            per_text,
        ),
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
