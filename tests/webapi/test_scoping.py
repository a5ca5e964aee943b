"""Issue 13, item 2: every query is scoped by the caller. Routes and commands never open a
repository themselves: they hand the unit of work to a use-case with the caller's athlete id,
which `web/deps.py` alone finds (from the session, the token or the local install). A route that
reached `uow.athlete(...)` or `uow.athletes` directly could read another athlete's data."""

from __future__ import annotations

import ast
from pathlib import Path

import hamcoach

SRC = Path(hamcoach.__file__).resolve().parent
EDGES = sorted((SRC / "web" / "routes").glob("*.py")) + sorted((SRC / "cli").glob("*.py"))
# Where finding the caller is the job: the local install's athlete, the account to pair.
ALLOWED = {SRC / "web" / "deps.py", SRC / "cli" / "cmd_serve.py"}


def _repository_reaches(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in {
            "athlete",
            "athletes",
            "accounts",
            "batches",
        }:
            value = node.value
            name = value.id if isinstance(value, ast.Name) else getattr(value, "attr", "")
            if name in {"uow", "unit"} or (
                isinstance(value, ast.Call) and getattr(value.func, "attr", "") == "uow"
            ):
                found.append(f"{path.name}:{node.lineno} .{node.attr}")
    return found


def test_no_route_or_command_opens_a_repository_itself() -> None:
    assert len(EDGES) > 20
    reaches = [r for p in EDGES if p not in ALLOWED for r in _repository_reaches(p)]
    assert reaches == []


def test_the_checker_sees_a_direct_reach(tmp_path: Path) -> None:
    bad = tmp_path / "route.py"
    bad.write_text("def f(store):\n    return store.uow().athlete(2).sets.all()\n")
    assert _repository_reaches(bad) == ["route.py:2 .athlete"]
