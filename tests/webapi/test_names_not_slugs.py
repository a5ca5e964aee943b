"""People read names, not slugs (issue 11, item 7): no exercise slug in the text of any page
(the plan's reasons included), the refusal messages name the exercise, and the scripts get the
catalogue's names from the server."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import uuid

import pytest
from fastapi.testclient import TestClient

from hamcoach.domain.exercises import CATALOGUE

SLUGS = tuple(e.slug for e in CATALOGUE.exercises)
TAG = re.compile(r"<[^>]*>")


def _text(page: str) -> str:
    """What a person reads: the page without its tags (attributes go with them) and scripts."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(TAG.sub(" ", body))


def _log(client: TestClient, exercise: str, reps: int, load: float | None) -> None:
    body = {
        "id": str(uuid.uuid4()),
        "exercise": exercise,
        "reps": reps,
        "load": load,
        "performed_at": dt.datetime.now(dt.UTC).isoformat(),
    }
    answer = client.post("/api/v1/sets", json=body)
    assert answer.status_code == 201, answer.text


@pytest.mark.parametrize("path", ["/week", "/today", "/history", "/progress", "/settings"])
def test_no_page_shows_a_slug(athlete: TestClient, path: str) -> None:
    _log(athlete, "lying-leg-curl", 12, 20)
    _log(athlete, "lying-leg-curl", 12, 22.5)  # a record, named on the history page
    _log(athlete, "nordic-curl", 5, None)
    text = _text(athlete.get(path).text)
    found = [slug for slug in SLUGS if slug in text]
    assert found == [], f"{path} shows {found}"
    assert not re.search(r"\b(mon|tue|wed|thu|fri|sat|sun):", text), path


def test_a_refusal_names_the_exercise(athlete: TestClient) -> None:
    body = {
        "id": str(uuid.uuid4()),
        "exercise": "nordic-curl",
        "reps": 5,
        "load": 20,
        "performed_at": dt.datetime.now(dt.UTC).isoformat(),
    }
    answer = athlete.post("/api/v1/sets", json=body)
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert detail.startswith("Nordic hamstring curl is a body-weight exercise")
    assert "nordic-curl" not in detail and "--" not in detail


def test_the_scripts_get_the_catalogues_names(athlete: TestClient) -> None:
    page = athlete.get("/today").text
    found = re.search(r"data-exercise-names='([^']*)'", page)
    assert found is not None
    names = json.loads(html.unescape(found.group(1)))
    assert names == {e.slug: e.short_name for e in CATALOGUE.exercises}
