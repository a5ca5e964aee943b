"""JSON views of imported runs and run imports."""

from __future__ import annotations

from typing import Any

from hamcoach.domain.run_summary import ImportSummary, RunImport, RunsOverview
from hamcoach.domain.runs import ClassifiedRun, Run, TypicalWeek


def run(r: Run) -> dict[str, Any]:
    return {
        "start": r.start.isoformat(),
        "duration_s": r.duration_s,
        "distance_m": r.distance_m,
        "title": r.title,
        "avg_hr": r.avg_hr,
        "source": r.source,
        "external_id": r.external_id,
        # The type the athlete gave the run, which wins over the rules; null: as inferred.
        "marked": None if r.marked is None else r.marked.value,
    }


def classified(c: ClassifiedRun) -> dict[str, Any]:
    return {**run(c.run), "date": c.date.isoformat(), "type": c.type.value, "reason": c.reason}


def typical(t: TypicalWeek | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "week": t.week.to_text(),
        "weeks_used": [m.isoformat() for m in t.weeks_used],
        "reasons": list(t.reasons),
    }


def overview(o: RunsOverview) -> dict[str, Any]:
    return {
        "timezone": o.timezone,
        "runs": [classified(c) for c in o.classified()],
        "weeks": [
            {"monday": w.monday.isoformat(), "week": w.week.to_text(), "reasons": list(w.reasons)}
            for w in o.weeks
        ],
        "typical_week": typical(o.typical),
    }


def run_import(i: RunImport) -> dict[str, Any]:
    return {
        "file": i.name,
        "kind": i.kind,
        "stored": len(i.stored),
        "duplicates": len(i.duplicates),
        "skipped": list(i.skipped),
        # What was stored with a doubt: a damaged file read in part, a track without times.
        "warnings": list(i.warnings),
        "runs": [run(r) for r in i.stored],
    }


def import_summary(s: ImportSummary) -> dict[str, Any]:
    return {
        "files": [run_import(r) for r in s.files],
        "stored": s.stored,
        "duplicates": s.duplicates,
        "typical_week": typical(s.typical),
    }
