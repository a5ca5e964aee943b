"""The domain core imports only the standard library and itself (DESIGN 2)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import hamcoach.domain

DOMAIN = Path(hamcoach.domain.__file__).parent


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                found.append("hamcoach.domain")  # relative import stays inside the package
            elif node.module:
                found.append(node.module)
    return found


def test_domain_imports_only_stdlib_and_itself() -> None:
    files = sorted(DOMAIN.glob("*.py"))
    assert len(files) >= 9
    offenders = []
    for path in files:
        for module in _imports(path):
            top = module.split(".")[0]
            if module == "hamcoach.domain" or module.startswith("hamcoach.domain."):
                continue
            if top == "__future__" or top in sys.stdlib_module_names:
                continue
            offenders.append(f"{path.name}: {module}")
    assert offenders == []


def test_checker_would_catch_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlalchemy\nfrom hamcoach.storage import db\n")
    assert _imports(bad) == ["sqlalchemy", "hamcoach.storage"]


def test_every_public_name_of_the_domain_resolves() -> None:
    names = hamcoach.domain.__all__
    assert {"build_plan", "double_progression", "hq_ratio", "infer_running_weeks"} <= set(names)
    assert all(getattr(hamcoach.domain, name) is not None for name in names)
