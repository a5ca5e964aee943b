"""One real server per database kind for the whole package (SQLite file, PostgreSQL database)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.dbs import database
from tests.hostile.server import Server, running_server


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp(f"hostile-{request.param}")
    with database(request.param, folder) as url, running_server(url, folder) as running:
        yield running
