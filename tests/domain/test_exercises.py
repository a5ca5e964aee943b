from __future__ import annotations

import re
from pathlib import Path

import pytest

from hamcoach.domain import CATALOGUE, UnknownChoice
from hamcoach.domain.catalogue import LoadType

SLUGS = ["lying-leg-curl", "seated-leg-curl", "nordic-curl", "single-leg-curl", "floor-curl"]
EQUIPMENT = [
    "lying-curl-machine",
    "seated-curl-machine",
    "standing-curl-machine",
    "nordic-bench",
    "partner",
    "anchor",
    "mat",
    "towel",
    "sliders",
    "stability-ball",
]


def test_the_five_exercises_and_equipment_slugs() -> None:
    assert list(CATALOGUE.slugs()) == SLUGS
    assert list(CATALOGUE.equipment_slugs()) == EQUIPMENT
    for ex in CATALOGUE.exercises:
        for need in ex.equipment:
            assert need <= set(EQUIPMENT)


def test_seed_prescription_and_laterality() -> None:
    for ex in CATALOGUE.exercises:
        p = ex.prescription
        assert (p.sets, p.reps_min, p.reps_max, p.rest_s) == (3, 10, 12, 90)
        assert p.per_side == (ex.slug == "single-leg-curl") == ex.per_side
    assert {ex.slug for ex in CATALOGUE.exercises if ex.load_type is LoadType.BODYWEIGHT} == {
        "nordic-curl",
        "floor-curl",
    }


def test_equipment_alternatives() -> None:
    nordic = CATALOGUE.get("nordic-curl")
    for one in ("nordic-bench", "partner", "anchor"):
        assert nordic.feasible_with(frozenset({one}))
    assert not nordic.feasible_with(frozenset({"mat"}))
    assert nordic.recommended == {"mat"}
    single = CATALOGUE.get("single-leg-curl")
    assert all(
        single.feasible_with(frozenset({m}))
        for m in ("standing-curl-machine", "lying-curl-machine", "seated-curl-machine")
    )
    floor = CATALOGUE.get("floor-curl")
    assert [v.slug for v in floor.variants] == ["towel", "sliders", "stability-ball"]
    assert [v.slug for v in floor.variants_with(frozenset({"sliders", "towel"}))] == [
        "towel",
        "sliders",
    ]


def test_fit_codes_follow_the_design() -> None:
    get = CATALOGUE.get
    assert (get("lying-leg-curl").fit.category, get("lying-leg-curl").fit.name) == (15, 1)
    assert (get("seated-leg-curl").fit.category, get("seated-leg-curl").fit.name) == (15, 1)
    nordic = get("nordic-curl").fit
    assert (nordic.category, nordic.name, nordic.step_name) == (15, 0, "Nordic hamstring curl")
    floor = get("floor-curl")
    assert (floor.variant("towel").fit.name, floor.variant("towel").fit_single_leg.name) == (6, 5)
    ball = floor.variant("stability-ball")
    assert (ball.fit.category, ball.fit.name) == (15, 10)
    assert (ball.fit_single_leg.category, ball.fit_single_leg.name) == (10, 43)


def test_every_exercise_has_cues_muscles_and_a_reason() -> None:
    for ex in CATALOGUE.exercises:
        assert ex.cues.setup
        assert ex.cues.movement
        assert ex.cues.lowering
        assert ex.cues.faults
        assert ex.muscles
        assert len(ex.why) > 40


def test_lookup_errors_name_the_allowed_values() -> None:
    with pytest.raises(UnknownChoice, match="allowed: lying-leg-curl"):
        CATALOGUE.get("leg-press")
    with pytest.raises(UnknownChoice, match="unknown equipment 'barbell'"):
        CATALOGUE.parse_equipment(["towel", "barbell"])
    assert CATALOGUE.parse_equipment([" Towel ", ""]) == {"towel"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))


def test_no_cue_copies_the_seed_article(shared: Path) -> None:
    """Our text is our own: no run of 7 words from the seed article appears in the catalogue."""
    seed = _words((shared / "seed" / "hamstring-exercises-for-runners.txt").read_text())
    shingles = {tuple(seed[i : i + 7]) for i in range(len(seed) - 6)}
    assert len(shingles) > 500
    for ex in CATALOGUE.exercises:
        for text in (*ex.cues.all(), *ex.cues.faults, ex.why):
            words = _words(text)
            copied = [
                words[i : i + 7]
                for i in range(len(words) - 6)
                if tuple(words[i : i + 7]) in shingles
            ]
            assert copied == [], f"{ex.slug}: {text!r}"
