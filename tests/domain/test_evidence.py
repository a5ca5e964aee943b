"""Every planner number has a home and a source (issue 10, item 11; like datasette's
`test_settings_are_documented`)."""

from __future__ import annotations

from pathlib import Path

from hamcoach.domain.evidence import MODULES, NOT_COACHING, SETTINGS, TEAM
from hamcoach.domain.prescription import RampStep

DOC = Path(__file__).resolve().parents[2] / "docs" / "evidence.md"


def _numeric(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if isinstance(value, tuple | list):
        return bool(value) and all(_numeric(v) or isinstance(v, RampStep) for v in value)
    if isinstance(value, dict):
        return bool(value) and all(_numeric(v) for v in value.values())
    return False


def test_every_number_of_the_planner_is_a_registered_setting() -> None:
    registered = {(s.module, s.name) for s in SETTINGS}
    missing = [
        f"{module}.{name}"
        for module, mod in MODULES.items()
        for name, value in vars(mod).items()
        if name.isupper()
        and not name.startswith("_")
        and _numeric(value)
        and name not in NOT_COACHING
        and (module, name) not in registered
        # names imported from another module are registered where they live
        and not any(s.name == name and s.value is value for s in SETTINGS)
    ]
    assert missing == []


def test_every_setting_is_documented_with_its_source() -> None:
    rows = {
        line.split("|")[1].strip().strip("`"): line
        for line in DOC.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    }
    for setting in SETTINGS:
        assert setting.name in rows, f"{setting.name} is not in docs/evidence.md"
        row = rows[setting.name]
        assert f"domain/{setting.module}.py" in row
        assert setting.source in row
        if isinstance(setting.value, int | float):
            assert f"| {setting.value:g} |" in row, (setting.name, setting.value)


def test_sources_are_studies_or_say_they_are_not() -> None:
    for setting in SETTINGS:
        assert (
            setting.source == TEAM
            or any(ch.isdigit() for ch in setting.source)
            or ("programme" in setting.source)
        ), setting
