from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.profile import Profile, Units


def test_switching_units_converts_body_mass_and_a_set_step() -> None:
    kg = Profile(name="Ana", units=Units.KG, body_mass=60.0, increment=1.25)
    lb = kg.in_units(Units.LB)
    assert (lb.units, lb.body_mass, lb.increment) == (Units.LB, 132.3, 2.76)
    assert lb.in_units(Units.LB) is lb
    default = Profile(name="Ana", units=Units.KG).in_units(Units.LB)
    assert default.increment is None and default.machine_increment == 5.0


def test_profile_validation_names_the_bad_field() -> None:
    with pytest.raises(InvalidInput, match="body mass must be 55-550 lb"):
        Profile(name="Ana", units=Units.LB, body_mass=20).validate()
    with pytest.raises(InvalidInput, match="increase percentage must be 2-10"):
        Profile(name="Ana", increase_pct=25).validate()


@pytest.mark.parametrize("step", [5e-324, 0.0, -1.0, 0.09, 25.5, float("nan")])
def test_a_machine_step_outside_what_machines_have_is_refused(step: float) -> None:
    with pytest.raises(InvalidInput, match=r"machine increment must be 0.1-25"):
        Profile(name="Ana", increment=step).validate()


@given(
    st.floats(min_value=0.1, max_value=25),
    st.sampled_from(list(Units)),
    st.sampled_from(["lying-leg-curl", "seated-leg-curl", "single-leg-curl"]),
)
def test_every_accepted_step_gives_a_plan_load(step: float, units: Units, slug: str) -> None:
    from hamcoach.domain.targets import start_load

    profile = Profile(name="Ana", units=units, increment=step)
    profile.validate()
    load, _ = start_load(slug, profile, [])
    assert load is not None and 0 < load <= units.max_load
