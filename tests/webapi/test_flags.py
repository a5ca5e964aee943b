"""A yes/no field of the API takes JSON true or false (or null where it may be left out) and
nothing else: 0, 1.0 or "yes" are refused, as the OpenAPI document's `boolean` says."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from hamcoach.web.schemas import ProfileIn, SetIn, StartIn
from tests.webapi.conftest import PROFILE

A_SET = {
    "id": "e3e70682-c209-4cac-a29f-6fbed82c07cd",
    "exercise": "floor-curl",
    "reps": 8,
    "performed_at": "2026-11-20T18:00:00Z",
}
FLAGS: list[tuple[type[BaseModel], dict[str, Any], str]] = [
    (SetIn, A_SET, "hips_up"),
    (StartIn, {}, "full"),
    (ProfileIn, PROFILE, "nordic_experienced"),
    (ProfileIn, PROFILE, "keep_rest_days"),
]
NOT_FLAGS = st.one_of(
    st.integers(),
    st.floats(allow_nan=False),
    st.text(),
    st.lists(st.booleans(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.booleans(), max_size=1),
)


@pytest.mark.parametrize(("model", "rest", "name"), FLAGS)
@given(value=NOT_FLAGS)
def test_anything_but_true_or_false_is_refused(
    model: type[BaseModel], rest: dict[str, Any], name: str, value: object
) -> None:
    with pytest.raises(ValidationError) as refused:
        model.model_validate({**rest, name: value})
    assert refused.value.errors()[0]["loc"] == (name,)


@pytest.mark.parametrize(("model", "rest", "name"), FLAGS)
@pytest.mark.parametrize("value", [True, False])
def test_true_and_false_are_taken(
    model: type[BaseModel], rest: dict[str, Any], name: str, value: bool
) -> None:
    assert getattr(model.model_validate({**rest, name: value}), name) is value
