"""Exercise.short_name: the name the pages and the CLI show in headings and lists."""

from __future__ import annotations

from hamcoach.domain import CATALOGUE


def test_every_exercise_has_a_short_name_that_starts_its_name() -> None:
    for ex in CATALOGUE.exercises:
        short = ex.short_name
        assert short and short == short.strip(), ex.slug
        assert ex.name.startswith(short), ex.slug
        assert "(" not in short and ")" not in short, ex.slug


def test_the_short_name_drops_only_the_parenthesised_aside() -> None:
    assert CATALOGUE.get("floor-curl").short_name == "Floor hamstring curl"
    assert CATALOGUE.get("nordic-curl").short_name == CATALOGUE.get("nordic-curl").name
