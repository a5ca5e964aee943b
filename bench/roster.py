"""A coach's roster at club scale (issue 14, item 7).

    .venv/bin/python -m bench.roster [--athletes 100] [--sets 2000] [--database-url URL]
    .venv/bin/python -m bench.roster --seeded --database-url URL   # a club from bench.seed_club

Seeds one coach with N linked athletes, S logged sets each (`bench/seed_club.py`), or uses a
club seeded before, then prints medians of 5 runs for: the roster with every row computed
(cold: the first read of the day, or after every athlete logged), the roster from stored rows
(warm: what a coach's reload costs), the Coach page's first page over HTTP, and one athlete's
progress data. Targets for 1 000 athletes and 10 M sets on PostgreSQL: the roster's first page
< 200 ms, an athlete's progress < 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import delete, text

from bench.history import median_ms
from bench.seed_club import seed
from hamcoach.config import Settings
from hamcoach.services.auth import sign_in_with_link
from hamcoach.services.links import pairing_link
from hamcoach.services.reports import report
from hamcoach.services.roster import roster
from hamcoach.storage.store import Store, open_store
from hamcoach.storage.tables import RosterRowRow
from hamcoach.web.app import create_app
from hamcoach.web.auth import COOKIE


def _forget(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(RosterRowRow))


def _page_ms(store: Store, settings: Settings, now: dt.datetime) -> float:
    """GET /coach (first page) signed in as the coach, through the whole app."""
    with store.uow() as uow:
        account = uow.accounts.users.by_username("coach")
        assert account is not None
    session = sign_in_with_link(store.uow(), pairing_link(store.uow(), account.id, now), now)
    app = create_app(settings, store)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        client.cookies.set(COOKIE, session.secret)
        page = client.get("/coach")
        assert page.status_code == 200, page.text[:300]
        return median_ms(lambda: client.get("/coach"), runs=5)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--athletes", type=int, default=100)
    parser.add_argument("--sets", type=int, default=2000, help="sets per athlete")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--seeded", action="store_true", help="the database holds a club")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hamcoach-roster-"))
    url = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    settings = Settings(url, folder)
    store = open_store(settings)
    now = dt.datetime.now(dt.UTC)
    if not args.seeded:
        seed(store, args.athletes, args.sets, now)
    with store.uow() as uow:
        account = uow.accounts.users.by_username("coach")
        assert account is not None, "no club here: seed one (bench.seed_club) or drop --seeded"
        coach = account.id
        athletes = [link.athlete_id for link in uow.coaching.links.of_coach(coach)]
    with store.engine.connect() as conn:
        sets = conn.execute(text("SELECT count(*) FROM set_log")).scalar_one()

    def cold() -> None:
        _forget(store)
        roster(store.uow(), coach, now)

    started = time.perf_counter()
    cold_ms = median_ms(cold, runs=3)
    warm_ms = median_ms(lambda: roster(store.uow(), coach, now), runs=5)
    page_ms = _page_ms(store, settings, now)
    progress = median_ms(lambda: report(store.uow(), athletes[1], now.date()), runs=5)
    print(f"{len(athletes)} athletes, {sets} sets on {store.engine.dialect.name}")
    per = cold_ms / len(athletes)
    print(f"roster, every row computed:  {cold_ms:9.1f} ms ({per:.2f} ms an athlete)")
    print(f"roster, from stored rows:    {warm_ms:9.1f} ms")
    print(
        f"Coach page, first page:      {page_ms:9.1f} ms (target < 200 ms): "
        f"{page_ms / 200:.2f} of budget"
    )
    print(
        f"one athlete's progress:      {progress:9.1f} ms (target < 50 ms): "
        f"{progress / 50:.2f} of budget"
    )
    print(f"(measured in {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
