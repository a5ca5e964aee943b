"""The web upload answers what a damaged FIT file lost and what was recovered (issue 12, item 7)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integrations.files import START, damaged_fit
from tests.webapi.conftest import PROFILE


def test_the_web_upload_answers_the_warning(client: TestClient) -> None:
    assert client.put("/api/v1/profile", json=PROFILE).status_code == 200
    data = damaged_fit(START, 1800.0, 5000.0, damage="after")
    answer = client.post("/api/v1/runs/import", files={"files": ("app.fit", data)})
    assert answer.status_code == 201, answer.text
    [file] = answer.json()["files"]
    assert file["stored"] == 1 and file["skipped"] == []
    assert file["warnings"][0].startswith("damaged FIT file")
