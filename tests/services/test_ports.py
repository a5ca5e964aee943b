"""The use-cases reach storage through the per-aggregate repositories only.

The scope still answers a few old calls (`scope.profile()`, `.soreness()`, `.test_values()`,
`.count_sets()`, `.count_runs()`), kept for the edges until they go through services (issue 9);
no use-case may come to depend on them, or they could never be removed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import hamcoach.services
from hamcoach.services.ports import UnitOfWorkPort
from tests.fakes import FakeUnitOfWork

SERVICES = Path(hamcoach.services.__file__).parent
KEPT_FOR_THE_EDGES = {"profile", "soreness", "test_values", "count_sets", "count_runs"}


def _legacy_calls(source: str) -> list[str]:
    return [
        f"line {node.lineno}: .{node.func.attr}()"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in KEPT_FOR_THE_EDGES
    ]


def test_use_cases_do_not_call_what_is_kept_for_the_edges() -> None:
    found = {
        path.name: calls
        for path in sorted(SERVICES.glob("*.py"))
        if (calls := _legacy_calls(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_check_sees_a_legacy_call() -> None:
    assert _legacy_calls("uow.athlete(1).profile()\nscope.profile.get()\n") == [
        "line 1: .profile()"
    ]


def test_the_fake_is_a_unit_of_work() -> None:
    uow: UnitOfWorkPort = FakeUnitOfWork()  # mypy checks the protocols here
    with uow:
        assert uow.athletes.ids() == []
