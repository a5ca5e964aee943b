"""FIT, GPX and TCX files are read in a budgeted child process (`sandbox`).

Their readers keep what they parse in memory (gpxpy builds every track point), so a crafted
64 MB file could grow the server by gigabytes; the child has a budget generous enough for a
48-hour ultra recorded every second, and the server only ever holds the runs it answers with.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.runs import Run
from hamcoach.integrations import sandbox
from hamcoach.integrations.activity_readers import read_fit, read_gpx, read_tcx
from hamcoach.integrations.errors import BadFile
from hamcoach.integrations.file_kinds import sniff
from hamcoach.views import runs as runs_view

ACTIVITY_BUDGET = sandbox.Budget(cpu_s=15.0, memory_mb=768, wall_s=20.0)
_ACTIVITY_READER = "hamcoach.integrations.runs_child:read_activity"


def read_activity(payload: bytes, name: str) -> dict[str, Any]:
    """In the child: the file's kind, its runs (as JSON), what was skipped and the warnings."""
    kind = "fit" if payload[8:12] == b".FIT" else "xml"
    now = dt.datetime.now(dt.UTC)  # recorded runs cannot start after the import (a day's slack)
    try:
        kind, root = sniff(payload, name)
        if kind == "fit":
            found = read_fit(payload, name, now=now)
        elif kind == "gpx":
            found = read_gpx(payload, name, now=now)
        elif kind == "tcx":
            assert root is not None
            found = read_tcx(root, name, now=now)
        else:
            raise BadFile(name, "not a FIT, GPX or TCX file")
    except BadFile as exc:
        raise sandbox.Refused(exc.problem) from None
    except InvalidInput as exc:
        if "out of range" in exc.message:
            # A backstop for `activity_checks` (which skips a start before 2000 per activity):
            # skip the file's runs and say why, rather than refusing the other files with it.
            skipped = [exc.message + " (is the clock set?)"]
            return {"kind": kind, "runs": [], "skipped": skipped, "warnings": []}
        raise sandbox.Refused(exc.message) from None
    return {
        "kind": kind,
        "runs": [runs_view.run(r) for r in found.runs],
        "skipped": found.skipped,
        "warnings": found.warnings,
    }


def read_in_child(data: bytes, name: str) -> tuple[str, list[Run], list[str], list[str]]:
    """The file's kind, runs, what was skipped and the warnings, read in a budgeted child."""
    try:
        reply = sandbox.run(_ACTIVITY_READER, data, {"name": name}, ACTIVITY_BUDGET)
    except sandbox.Refused as exc:
        raise BadFile(name, str(exc)) from None
    except sandbox.OverBudget as exc:
        raise BadFile(
            name, f"reading it needs more than {exc.limit}: not one activity, or a broken file"
        ) from None
    except sandbox.Crashed as exc:
        raise BadFile(name, f"cannot read the file ({exc})") from None
    try:
        runs = [
            Run(
                start=dt.datetime.fromisoformat(found["start"]),
                duration_s=float(found["duration_s"]),
                distance_m=found["distance_m"],
                title=str(found["title"]),
                avg_hr=found["avg_hr"],
                source=str(found["source"]),
                external_id=str(found["external_id"]),
            )
            for found in reply["runs"]
        ]
        skipped = [str(s) for s in reply["skipped"]]
        return str(reply["kind"]), runs, skipped, [str(w) for w in reply["warnings"]]
    except InvalidInput as exc:  # a run the file describes is impossible: name the file
        raise BadFile(name, exc.message) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise BadFile(name, f"cannot read the file (unexpected reply: {exc!s:.100})") from None
