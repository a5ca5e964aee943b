from __future__ import annotations

from dataclasses import dataclass

import pytest

from hamcoach.cli.main import run


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str], tmp_path_factory: pytest.TempPathFactory, monkeypatch
):
    """Run the CLI in-process, as the console script does, and capture what it prints.

    Each test gets its own data directory: never the user's own database.
    """
    monkeypatch.setenv("HAMCOACH_DATA_DIR", str(tmp_path_factory.mktemp("cli-data")))
    monkeypatch.delenv("HAMCOACH_DATABASE_URL", raising=False)

    def invoke(*args: str) -> Result:
        capsys.readouterr()
        try:
            run(list(args))
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke
