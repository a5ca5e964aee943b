from __future__ import annotations

import pytest

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
