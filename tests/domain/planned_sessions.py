"""Hypothesis strategies for planned sessions over the real catalogue (the shapes a plan makes and
`domain.session_snapshot` accepts): any exercise of the catalogue, its variants, the floor-curl
stances, loads per leg, notes and reasons as people write them.

Shared by test_session_state.py, test_session_snapshot.py and test_started_sessions.py.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import PlannedExercise, PlannedSession, Side
from hamcoach.domain.session_snapshot import MAX_EXERCISES, MAX_REASONS, MAX_REST_S, MAX_SETS
from hamcoach.domain.set_rules import MAX_REPS, STANCES
from hamcoach.domain.values import EARLIEST_DATE, LATEST_DATE

SLUGS = CATALOGUE.slugs()

# Text as people type it: any letters, marks, emoji, line breaks and tabs; never a control
# character nor a lone surrogate (domain.values refuses those everywhere).
_chars = st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from("\n\t")
texts = st.text(_chars, max_size=40)
# A plan's reasons are never empty text (from_data drops empty ones).
reason_texts = st.text(_chars, min_size=1, max_size=60)
loads = st.floats(min_value=0, max_value=1000, allow_nan=False, allow_infinity=False)
valid_dates = st.dates(min_value=EARLIEST_DATE, max_value=LATEST_DATE)


@st.composite
def planned_exercises(
    draw: st.DrawFn,
    slug: str | None = None,
    sets: st.SearchStrategy[int] = st.integers(1, MAX_SETS),
    words: bool = True,
) -> PlannedExercise:
    ex = CATALOGUE.get(slug if slug is not None else draw(st.sampled_from(SLUGS)))
    reps_min = draw(st.integers(1, MAX_REPS))
    per_leg = draw(st.dictionaries(st.sampled_from(list(Side)), loads, max_size=2))
    return PlannedExercise(
        slug=ex.slug,
        variant=draw(st.none() | st.sampled_from([v.slug for v in ex.variants]))
        if ex.variants
        else None,
        sets=draw(sets),
        reps_min=reps_min,
        reps_max=draw(st.integers(reps_min, MAX_REPS)),
        per_side=draw(st.just(ex.per_side) | st.booleans()),
        rest_s=draw(st.integers(0, MAX_REST_S)),
        load=draw(st.none() | loads),
        stance=draw(st.none() | st.sampled_from(STANCES)),
        note=draw(st.none() | texts) if words else None,
        side_loads=tuple(sorted(per_leg.items())),
    )


@st.composite
def planned_sessions(
    draw: st.DrawFn,
    date: dt.date | None = None,
    *,
    max_exercises: int = MAX_EXERCISES,
    sets: st.SearchStrategy[int] = st.integers(1, MAX_SETS),
    unique: bool = False,
    words: bool = True,
) -> PlannedSession:
    """A planned session on `date` (any valid date when None). `unique`: each exercise once, as
    a plan makes them; `words=False`: no notes nor reasons (quicker, where text plays no part)."""
    day = date if date is not None else draw(valid_dates)
    if unique:
        slugs = draw(st.lists(st.sampled_from(SLUGS), max_size=max_exercises, unique=True))
    else:
        slugs = draw(st.lists(st.sampled_from(SLUGS), max_size=max_exercises))
    exercises = tuple(draw(planned_exercises(slug, sets, words)) for slug in slugs)
    reasons = draw(st.lists(reason_texts, max_size=MAX_REASONS)) if words else []
    return PlannedSession(date=day, exercises=exercises, reasons=tuple(reasons))
