"""HTML pages for the profile: onboarding (a fresh install's first page) and settings."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from hamcoach.domain.errors import HamcoachError, InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import Day, RunType
from hamcoach.domain.profile import Profile
from hamcoach.domain.progression_rules import LIMITS as PROGRESSION_LIMITS
from hamcoach.domain.progression_rules import ProgressionRules
from hamcoach.domain.race_rules import LIMITS as RACE_LIMITS
from hamcoach.domain.race_rules import RaceRules
from hamcoach.domain.setting_groups import Limits
from hamcoach.domain.values import time_zones
from hamcoach.services.profile import save_profile
from hamcoach.views import profile as profile_view
from hamcoach.web.deps import CallerDep, MaybeCallerDep, NowDep, OwnerDep, StoreDep
from hamcoach.web.routes.html import form_dict, render
from hamcoach.web.routes.profile import profile_from
from hamcoach.web.schemas import LOADED_EXERCISES, ProfileIn

router = APIRouter(include_in_schema=False)


def _profile_form(profile: Profile | None) -> dict[str, Any]:
    data = profile_view.profile(profile) if profile else None
    week = {d.slug: (profile.week.label(d) if profile else "rest") for d in Day}
    return {
        "profile": data,
        "week": week,
        "days": [d.slug for d in Day],
        "run_types": [r.value for r in RunType],
        "equipment": CATALOGUE.equipment,
        "loaded_exercises": [CATALOGUE.get(slug) for slug in LOADED_EXERCISES],
        "timezones": sorted(time_zones()),
        "race_limits": RACE_LIMITS,
        "race_defaults": profile_view.race_rules(RaceRules()),
        "progression_limits": PROGRESSION_LIMITS,
        "progression_defaults": profile_view.progression_rules(ProgressionRules()),
    }


# The form's groups of whole-number settings: field prefix, profile attribute, their ranges.
RULE_GROUPS: tuple[tuple[str, str, Limits], ...] = (
    ("race", "race_rules", RACE_LIMITS),
    ("progression", "progression_rules", PROGRESSION_LIMITS),
)


def _posted(form: dict[str, Any], prefix: str, limits: Limits) -> bool:
    """Whether the posted form has this group's fields (an older form may not)."""
    return any(f"{prefix}_{name}" in form for name in limits)


def _numbers(form: dict[str, Any], prefix: str, limits: Limits) -> dict[str, int]:
    """The group's filled-in fields as numbers (a blank one keeps its default)."""
    return {name: int(form[f"{prefix}_{name}"]) for name in limits if form.get(f"{prefix}_{name}")}


def _race_dates(text: str) -> list[str]:
    """The races field: dates separated by commas, semicolons or spaces (checked as the API's)."""
    return [part for part in re.split(r"[,;\s]+", text.strip()) if part]


def _profile_from_form(form: dict[str, Any]) -> Profile:
    days = ",".join(f"{d.slug}={form.get('day_' + d.slug) or 'rest'}" for d in Day)
    try:
        body = ProfileIn.model_validate(
            {
                "name": form.get("name") or "",
                "units": form.get("units") or "kg",
                "body_mass": float(form["body_mass"]) if form.get("body_mass") else None,
                "increment": float(form["increment"]) if form.get("increment") else None,
                "equipment": list(form.get("equipment", [])),
                "week": days,
                "sessions": int(form.get("sessions") or 2),
                "per_session": int(form.get("per_session") or 2),
                "nordic_experienced": form.get("nordic_experienced") == "on",
                "keep_rest_days": form.get("keep_rest_days") == "on",
                "race_dates": _race_dates(form.get("races") or ""),
                "timezone": form.get("timezone") or "UTC",
                **{key: _numbers(form, prefix, limits) for prefix, key, limits in RULE_GROUPS},
                "exercise_increments": {
                    slug: float(str(form[f"step_{slug}"]).replace(",", "."))
                    for slug in LOADED_EXERCISES
                    if form.get(f"step_{slug}")
                },
            }
        )
    except ValidationError as exc:
        from hamcoach.web.errors import describe

        raise InvalidInput("please check the form: " + describe(exc.errors()[0])) from None
    except (ValueError, TypeError):  # a number field that is not a number
        raise InvalidInput(
            "please check the form: body mass, step, counts and race-week days are numbers"
        ) from None
    return profile_from(body)


@router.get("/onboarding")
def onboarding(request: Request, caller: MaybeCallerDep) -> HTMLResponse:
    profile = None if caller is None else caller.profile
    return render(request, "onboarding.html", **_profile_form(profile), error=None)


@router.post("/onboarding")
async def onboarding_save(
    request: Request, store: StoreDep, now: NowDep, caller: MaybeCallerDep, owner: OwnerDep
) -> Response:
    form = await form_dict(request)
    old = None if caller is None else caller.profile
    try:
        profile = _keep_unlisted(_profile_from_form(form), old, form)
        profile.validate()  # before the time zone is used below
    except HamcoachError as exc:
        ctx = _profile_form(None)
        ctx["profile"] = {**form, "equipment": form["equipment"]}
        for prefix, key, limits in RULE_GROUPS:
            if _posted(form, prefix, limits):  # show what was typed
                ctx["profile"][key] = {name: form.get(f"{prefix}_{name}", "") for name in limits}
        return render(request, "onboarding.html", status=422, **ctx, error=exc.message)
    # The new time zone's today, not the caller's: the plan's first week follows the new one.
    today = now.astimezone(ZoneInfo(profile.timezone)).date()
    save_profile(
        store.uow(), profile, today, account_id=owner.account_id, athlete_id=owner.athlete_id
    )
    # The first onboarding ends on the first planned session and why it is on that day.
    return RedirectResponse("/week" if old else "/week?welcome=1", status_code=303)


def _keep_unlisted(new: Profile, old: Profile | None, form: dict[str, Any]) -> Profile:
    """The form has no inputs for rest or % jumps: keep what was stored (and the races, when a
    form without the races field is posted). When only the unit changed, the shown body mass
    and step are the old unit's numbers: convert them."""
    if old is None:
        return new
    kept = replace(new, rest_s=old.rest_s, increase_pct=old.increase_pct)
    if "races" not in form:
        kept = replace(kept, race_dates=old.race_dates)
    if not any(f"step_{slug}" in form for slug in LOADED_EXERCISES):
        kept = replace(kept, exercise_increments=old.exercise_increments)
    for prefix, key, limits in RULE_GROUPS:
        if not _posted(form, prefix, limits):
            kept = replace(kept, **{key: getattr(old, key)})
    if new.units is not old.units:
        converted = old.in_units(new.units)
        shown_mass = "" if old.body_mass is None else f"{old.body_mass:g}"
        shown_step = "" if old.increment is None else f"{old.increment:g}"
        if (form.get("body_mass") or "") == shown_mass:
            kept = replace(kept, body_mass=converted.body_mass)
        if (form.get("increment") or "") == shown_step:
            kept = replace(kept, increment=converted.increment)
    return kept


@router.get("/settings")
def settings_page(request: Request, store: StoreDep, caller: CallerDep) -> HTMLResponse:
    from hamcoach.services.exports import calendar_token

    token = calendar_token(store.uow(), caller.athlete_id)
    calendar_url = str(request.url_for("calendar_feed", token=token))
    return render(
        request,
        "onboarding.html",
        **_profile_form(caller.profile),
        error=None,
        settings=True,
        calendar_url=calendar_url,
    )
