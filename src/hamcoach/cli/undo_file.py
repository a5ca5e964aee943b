"""The last deleted set, kept for `hamcoach undo` in a small JSON file in the data folder.

One set only (the last `hamcoach delete`), written before the delete so a set is never gone
without its undo. The file names the database it came from (a hash of the URL, never the URL,
which may hold a password): an undo puts a set back only where it was deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from hamcoach.config import Settings, load_settings
from hamcoach.domain.errors import InvalidInput, NotFound
from hamcoach.domain.model import Side
from hamcoach.domain.records import LoggedSet, SetKind

FILE_NAME = "last-deleted-set.json"
VERSION = 1


def path(settings: Settings | None = None) -> Path:
    return (settings or load_settings()).data_dir / FILE_NAME


def _database_key(settings: Settings) -> str:
    return hashlib.sha256(settings.database_url.encode("utf-8")).hexdigest()[:16]


def keep(record: LoggedSet) -> None:
    """Remember `record` as the set to put back; replaces the one kept before."""
    from hamcoach.views.log import logged_set

    settings = load_settings()
    target = path(settings)
    data = {"version": VERSION, "database": _database_key(settings), "set": logged_set(record)}
    partial = target.with_name(target.name + ".tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, target)
    except OSError as exc:
        raise InvalidInput(
            f"cannot keep the set for undo in {target} ({exc.strerror or exc}); nothing deleted"
        ) from None


def last() -> LoggedSet:
    """The set kept by the last delete; NotFound when there is none (or it was put back)."""
    settings = load_settings()
    source = path(settings)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFound(
            "nothing to undo: `hamcoach undo` puts back the last set `hamcoach delete` removed"
        ) from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {source} ({exc.strerror or exc})") from None
    try:
        data = json.loads(text)
        if data["version"] != VERSION:
            raise ValueError("unknown version")
        database = data["database"]
        record = _logged_set(data["set"])
    except (KeyError, TypeError, ValueError, InvalidInput):
        raise InvalidInput(f"{source} is damaged: nothing to undo (remove the file)") from None
    if database != _database_key(settings):
        raise InvalidInput(
            "the last deleted set was in another database: nothing to undo in this one"
        )
    return record


def forget() -> None:
    """After a successful undo: the same set is not put back twice."""
    path().unlink(missing_ok=True)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not a whole number")
    return value


def _float(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("not a number")
    return float(value)


def _required(value: Any) -> Any:
    if value is None:
        raise TypeError("missing")
    return value


def _logged_set(d: dict[str, Any]) -> LoggedSet:
    """The JSON view of a set, read back (restore_set checks its content as a logged set)."""
    hips = d["hips_up"]
    if hips is not None and not isinstance(hips, bool):
        raise TypeError("hips_up is not true, false or null")
    return LoggedSet(
        id=_required(_text(d["id"])),
        exercise=_required(_text(d["exercise"])),
        variant=_text(d["variant"]),
        stance=_text(d["stance"]),
        side=Side.parse(_text(d["side"])),
        set_number=_required(_int(d["set_number"])),
        target_reps_min=_int(d["target_reps_min"]),
        target_reps_max=_int(d["target_reps_max"]),
        target_load=_float(d["target_load"]),
        reps=_required(_int(d["reps"])),
        load=_float(d["load"]),
        unit=_required(_text(d["unit"])),
        rir=_int(d["rir"]),
        performed_at=dt.datetime.fromisoformat(_required(_text(d["performed_at"]))),
        session_date=dt.date.fromisoformat(_required(_text(d["session_date"]))),
        note=_text(d["note"]),
        kind=SetKind.parse(_text(d["kind"])),
        hips_up=hips,
    )
