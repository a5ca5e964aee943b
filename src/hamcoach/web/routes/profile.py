"""The athlete's profile: GET/PUT /api/v1/profile (and the parsing the settings form shares)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter

from hamcoach.domain.model import RunningWeek
from hamcoach.domain.profile import Profile, Units
from hamcoach.domain.progression_rules import ProgressionRules
from hamcoach.domain.race_rules import RaceRules
from hamcoach.services.profile import check_profile, save_profile
from hamcoach.views import profile as profile_view
from hamcoach.web.deps import CallerDep, NowDep, OwnerDep, StoreDep
from hamcoach.web.schemas import ProfileIn

router = APIRouter(prefix="/api/v1", tags=["profile"])


def profile_json(p: Profile) -> dict[str, Any]:
    """The profile with the machine step resolved (what the athlete's machines use)."""
    return {**profile_view.profile(p), "increment": p.machine_increment}


def profile_from(body: ProfileIn) -> Profile:
    """The profile the body describes, checked as every stored profile is."""
    from hamcoach.domain.exercises import CATALOGUE

    profile = Profile(
        name=body.name.strip(),
        units=Units(body.units),
        body_mass=body.body_mass,
        increment=body.increment,
        equipment=CATALOGUE.parse_equipment(body.equipment),
        week=RunningWeek.parse(body.week),
        sessions=body.sessions,
        per_session=body.per_session,
        nordic_experienced=body.nordic_experienced,
        race_dates=tuple(body.race_dates),
        keep_rest_days=body.keep_rest_days,
        rest_s=body.rest_s,
        timezone=body.timezone.strip(),
        race_rules=RaceRules(**body.race_rules.model_dump()),
        progression_rules=ProgressionRules(**body.progression_rules.model_dump()),
        exercise_increments=tuple(body.exercise_increments.items()),
    )
    check_profile(profile)
    return profile


@router.get("/profile")
def read_profile(caller: CallerDep) -> dict[str, Any]:
    return profile_json(caller.profile)


@router.put("/profile")
def write_profile(body: ProfileIn, store: StoreDep, now: NowDep, owner: OwnerDep) -> dict[str, Any]:
    """Create or replace the profile."""
    # No caller here: this creates the athlete, and the plan's week is the new time zone's.
    profile = profile_from(body)
    today = now.astimezone(ZoneInfo(profile.timezone)).date()
    save_profile(
        store.uow(), profile, today, account_id=owner.account_id, athlete_id=owner.athlete_id
    )
    return profile_json(profile)
