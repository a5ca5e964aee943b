"""History and progress at scale (DESIGN 5): one athlete with 100 000 logged sets.

    .venv/bin/python -m bench.history [--sets 100000] [--database-url URL]

Prints the median of 15 runs for: the first page of the history (20 sessions, newest first;
target < 20 ms), the progress data for a year (the report behind the charts; target < 50 ms)
and the rendered History page (GET /history, 10 sessions folded, records marked) for a year of
three sessions a week (issue 12: target < 100 ms), on a second database of that size.
Defaults to a throwaway SQLite file; pass a PostgreSQL URL to measure that instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert

from hamcoach.config import Settings
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.profile import Profile
from hamcoach.services.profile import save_profile
from hamcoach.services.reports import report
from hamcoach.services.sets import sessions_with_sets
from hamcoach.storage.store import Store, open_store
from hamcoach.storage.tables import SessionRow, SetRow

EXERCISES = ("lying-leg-curl", "seated-leg-curl", "nordic-curl", "floor-curl")


def fill(store: Store, athlete: int, n_sets: int, today: dt.date) -> None:
    """Three sessions a week back from today, 6-18 sets each, written in bulk."""
    rng = random.Random(3)
    day = today - dt.timedelta(days=1)
    sessions: list[dict[str, object]] = []
    sets: list[dict[str, object]] = []
    session_id = 0
    while len(sets) < n_sets:
        session_id += 1
        sessions.append({"id": session_id, "athlete_id": athlete, "date": day})
        for number in range(rng.randint(6, 18)):
            slug = EXERCISES[number % len(EXERCISES)]
            body = slug in ("nordic-curl", "floor-curl")
            sets.append(
                {
                    "id": str(uuid.UUID(int=rng.getrandbits(128))),
                    "athlete_id": athlete,
                    "session_id": session_id,
                    "exercise": slug,
                    "variant": "towel" if slug == "floor-curl" else None,
                    "stance": "both" if slug == "floor-curl" else None,
                    "side": None,
                    "set_number": number + 1,
                    "target_reps_min": 10,
                    "target_reps_max": 12,
                    "target_load": None if body else 40.0,
                    "reps": rng.randint(8, 12),
                    "load": None if body else 40.0,
                    "unit": "kg",
                    "rir": None,
                    "performed_at": dt.datetime.combine(day, dt.time(18), dt.UTC)
                    + dt.timedelta(minutes=number),
                    "note": None,
                    "created_at": dt.datetime.now(dt.UTC),
                }
            )
        day -= dt.timedelta(days=rng.choice([2, 2, 3]))
    with store.engine.begin() as conn:
        conn.execute(insert(SessionRow), sessions)
        conn.execute(insert(SetRow), sets[:n_sets])


def median_ms(fn: Callable[[], object], runs: int = 15) -> float:
    fn()  # warm caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sets", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hamcoach-history-"))
    url = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    store = open_store(Settings(url, folder))
    today = dt.date(2026, 11, 27)
    athlete = save_profile(
        store.uow(),
        Profile(
            name="Bench",
            equipment=frozenset({"lying-curl-machine", "seated-curl-machine", "partner", "towel"}),
            week=RunningWeek.parse("tue=key,sun=long"),
        ),
        today - dt.timedelta(days=4000),
    )
    fill(store, athlete, args.sets, today)
    page = median_ms(lambda: sessions_with_sets(store.uow(), athlete, limit=20))
    year = median_ms(lambda: report(store.uow(), athlete, today))
    print(f"{args.sets} sets on {store.engine.dialect.name}")
    print(
        f"history first page (20 sessions): {page:6.1f} ms  (target < 20 ms): {page / 20:.2f} of budget"
    )
    print(
        f"progress data for a year:        {year:6.1f} ms  (target < 50 ms): {year / 50:.2f} of budget"
    )
    html = history_page_ms(folder, today)
    print(
        f"History page, a year (~156 sessions): {html:6.1f} ms  (target < 100 ms): "
        f"{html / 100:.2f} of budget"
    )


def history_page_ms(folder: Path, today: dt.date) -> float:
    """GET /history over a year of three sessions a week (about 1 900 sets), rendered."""
    from fastapi.testclient import TestClient

    from hamcoach.web.app import create_app

    settings = Settings(f"sqlite:///{folder / 'year.db'}", folder)
    store = open_store(settings)
    athlete = save_profile(
        store.uow(),
        Profile(
            name="Year",
            equipment=frozenset({"lying-curl-machine", "seated-curl-machine", "partner", "towel"}),
            week=RunningWeek.parse("tue=key,sun=long"),
        ),
        today - dt.timedelta(days=400),
    )
    fill(store, athlete, 156 * 12, today)
    with TestClient(create_app(settings, store), base_url="http://127.0.0.1") as client:
        assert client.get("/history").status_code == 200
        return median_ms(lambda: client.get("/history"))


if __name__ == "__main__":
    main()
