"""`hamcoach edit`, `delete` and `undo`: correct the log from the command line, by the short id
`log` and `history` show; the last deleted set waits in the data folder for `undo`."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Result

Cli = Callable[..., Result]
INIT = (
    "init", "--name", "Ana", "--units", "kg", "--equipment", "lying-curl-machine,partner",
    "--week", "tue=key,sun=long", "--timezone", "UTC",
)  # fmt: skip


def sets(cli: Cli) -> list[dict[str, Any]]:
    done = cli("history", "-f", "json")
    assert done.code == 0, done.err
    found: list[dict[str, Any]] = json.loads(done.out)
    return found


@pytest.fixture
def logged(cli: Cli) -> list[dict[str, Any]]:
    assert cli(*INIT).code == 0
    assert cli("log", "lying-leg-curl", "--set", "12x40", "--set", "11x40").code == 0
    assert cli("log", "nordic-curl", "--set", "5").code == 0
    return sets(cli)


def test_log_and_history_show_the_short_ids(cli: Cli) -> None:
    assert cli(*INIT).code == 0
    stored = cli("log", "lying-leg-curl", "--set", "12x40")
    ids = [s["id"] for s in sets(cli)]
    assert f"(id {ids[0][:8]})" in stored.out
    history = cli("history")
    assert ids[0][:8] in history.out and "hamcoach edit SET_ID" in history.out


def test_edit_changes_reps_load_and_note(cli: Cli, logged: list[dict[str, Any]]) -> None:
    second = logged[1]
    edited = cli("edit", second["id"][:8], "--reps", "10", "--load", "42,5", "--note", "seat 3")
    assert edited.code == 0, edited.err
    assert "updated Lying leg curl set 2" in edited.out and "was 11 reps x 40 kg" in edited.out
    after = sets(cli)[1]
    assert (after["id"], after["reps"], after["load"], after["note"]) == (
        second["id"],
        10,
        42.5,
        "seat 3",
    )
    assert after["performed_at"] == second["performed_at"]  # the time and target stay
    assert after["target_load"] == second["target_load"]
    assert cli("edit", second["id"], "--reps", "12").code == 0  # the whole id works too
    kept = sets(cli)[1]
    assert (kept["reps"], kept["load"], kept["note"]) == (12, 42.5, "seat 3")
    assert cli("edit", second["id"], "--note", "").code == 0
    assert sets(cli)[1]["note"] is None
    assert [s["reps"] for s in sets(cli)] == [12, 12, 5]  # the other sets untouched


def test_delete_then_undo_puts_the_set_back_as_it_was(
    cli: Cli, logged: list[dict[str, Any]]
) -> None:
    first = logged[0]
    deleted = cli("delete", first["id"][:8])
    assert deleted.code == 0, deleted.err
    assert "deleted Lying leg curl set 1" in deleted.out and "hamcoach undo" in deleted.out
    assert [s["id"] for s in sets(cli)] == [logged[1]["id"], logged[2]["id"]]
    kept = Path(os.environ["HAMCOACH_DATA_DIR"]) / "last-deleted-set.json"
    assert json.loads(kept.read_text())["set"]["id"] == first["id"]
    undone = cli("undo")
    assert undone.code == 0, undone.err
    assert "put back Lying leg curl set 1" in undone.out
    assert sets(cli) == logged  # same id, number, targets and time
    assert not kept.exists()
    again = cli("undo")
    assert again.code == 1 and "nothing to undo" in again.err


def test_undo_puts_back_only_the_last_deleted_set(cli: Cli, logged: list[dict[str, Any]]) -> None:
    assert cli("delete", logged[0]["id"]).code == 0
    assert cli("delete", logged[2]["id"]).code == 0
    assert cli("undo").code == 0
    assert [s["id"] for s in sets(cli)] == [logged[1]["id"], logged[2]["id"]]


def test_undo_refuses_a_set_deleted_in_another_database(
    cli: Cli, logged: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("delete", logged[0]["id"]).code == 0
    monkeypatch.setenv("HAMCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    assert cli(*INIT).code == 0
    refused = cli("undo")
    assert refused.code == 1 and "in another database" in refused.err
    assert sets(cli) == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["edit", "SET"], 2, "nothing to change: give --reps, --load or --note"),
        (["edit", "xyz!", "--reps", "3"], 2, "SET_ID 'xyz!' is not a set id"),
        (["edit", "abc", "--reps", "3"], 2, "is not a set id"),
        (["delete", "not-an-id"], 2, "is not a set id"),
        (["edit", "ffffffff", "--reps", "3"], 1, "no set with id ffffffff"),
        (["delete", "ffffffff"], 1, "`hamcoach history` shows each set's id"),
        (["edit", "FIRST", "--reps", "0"], 1, "reps must be 1-100 (got 0)"),
        (["edit", "FIRST", "--load", "heavy"], 2, "--load: load 'heavy' is not a number"),
        (["edit", "NORDIC", "--load", "5"], 1, "body-weight exercise: log the reps only"),
        (["edit", "FIRST", "--reps", "many"], 2, "--reps: reps 'many' is not a whole number"),
    ],
)
def test_bad_edits_and_deletes_change_nothing(
    cli: Cli, logged: list[dict[str, Any]], args: list[str], code: int, message: str
) -> None:
    ids = {"SET": logged[0]["id"][:8], "FIRST": logged[0]["id"], "NORDIC": logged[2]["id"]}
    done = cli(*[ids.get(a, a) for a in args])
    assert done.code == code, done.err
    assert done.err.startswith("hamcoach: error: ") and done.err.count("\n") == 1
    assert message in done.err
    assert "Traceback" not in done.err
    assert sets(cli) == logged


def test_an_ambiguous_short_id_asks_for_more(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli(*INIT).code == 0
    twins = iter(uuid.UUID(f"0b9c3c8e-0000-4000-8000-00000000000{n}") for n in (1, 2))
    with monkeypatch.context() as patched:
        patched.setattr(uuid, "uuid4", lambda: next(twins))
        assert cli("log", "lying-leg-curl", "--set", "12x40", "--set", "11x40").code == 0
    ambiguous = cli("edit", "0b9c3c8e", "--reps", "9")
    assert ambiguous.code == 1 and "2 sets have an id starting 0b9c3c8e" in ambiguous.err
    longer = cli("edit", "0B9C3C8E000040008000000000000002", "--reps", "9")
    assert longer.code == 0, longer.err
    assert [s["reps"] for s in sets(cli)] == [12, 9]
