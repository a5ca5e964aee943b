"""Seed a club for the roster benchmark: one coach, N linked athletes, S logged sets each.

    .venv/bin/python -m bench.seed_club --athletes 1000 --sets 10000 --database-url URL

Accounts, athletes and links go through the services, as in real use; the logged history goes
in as bulk SQL (on PostgreSQL generated inside the server: 10 M sets take about a minute there
instead of an hour of single inserts). Each athlete logs 9 sets a session, sessions 2-3 days
apart back from a recent day; a tenth of them stopped three weeks ago (inactive on the roster),
and each has a few strength tests and soreness reports, so the roster has every status.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert, text

from hamcoach.config import Settings
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.profile import Profile
from hamcoach.services.accounts import add_user, attach_athlete
from hamcoach.services.coaching import set_coach
from hamcoach.storage.store import Store, open_store
from hamcoach.storage.tables import SessionRow, SetRow

EXERCISES = ("lying-leg-curl", "seated-leg-curl", "nordic-curl")
PER_SESSION = 9
PROFILE_WEEK = RunningWeek.parse("tue=key,thu=easy,sun=long")


def _lag(athlete: int) -> int:
    """Days from today back to the athlete's last session: a tenth stopped three weeks ago."""
    return 21 if athlete % 10 == 0 else 1 + athlete % 4


def _people(
    store: Store, athletes: int, now: dt.datetime, progress: Callable[[int], None]
) -> tuple[int, list[int]]:
    coach = add_user(store.uow(), "coach", None, now=now)
    set_coach(store.uow(), "coach", coach=True)
    ids: list[int] = []
    for k in range(athletes):
        profile = Profile(
            name=f"Athlete {k:04d}",
            equipment=frozenset({"lying-curl-machine", "seated-curl-machine", "partner"}),
            week=PROFILE_WEEK,
        )
        account = add_user(store.uow(), f"a{k:04d}", None, now=now)
        with store.uow() as uow:
            athlete = uow.athletes.add(profile)
            uow.athlete(athlete).profile.set_plan_start(now.date() - dt.timedelta(days=400))
            uow.commit()
        attach_athlete(store.uow(), account, athlete)
        with store.uow() as uow:
            uow.coaching.links.start(coach, athlete, now - dt.timedelta(days=60), f"group {k % 5}")
            uow.commit()
        ids.append(athlete)
        progress(k + 1)
    return coach, ids


_PG_SESSIONS = """
INSERT INTO session_log (athlete_id, date)
SELECT a.id, CAST(:today AS date) - (:lag_base + (a.id % 4) + (CASE WHEN a.id % 10 = 0 THEN 20 ELSE 0 END)
       + (g * 7) / 3)
FROM athlete a, generate_series(0, :sessions - 1) g
WHERE a.id = ANY(:ids)
"""
_PG_SETS = """
INSERT INTO set_log (id, athlete_id, session_id, exercise, set_number, target_reps_min,
    target_reps_max, target_load, reps, load, unit, performed_at, created_at, kind)
SELECT md5(l.id::text || '-' || n)::uuid::text, l.athlete_id, l.id,
       (ARRAY['lying-leg-curl', 'seated-leg-curl', 'nordic-curl'])[1 + (n - 1) % 3], n, 10, 12,
       CASE WHEN (n - 1) % 3 = 2 THEN NULL ELSE 40.0 END,
       8 + (l.id + n) % 5,
       CASE WHEN (n - 1) % 3 = 2 THEN NULL ELSE 40.0 END,
       'kg', l.date + time '18:00' + n * interval '3 minutes', now(), 'working'
FROM session_log l, generate_series(1, :per) n
WHERE l.athlete_id = ANY(:ids)
"""
_PG_TESTS = """
INSERT INTO strength_test (athlete_id, group_id, kind, side, value, unit, tested_on, created_at)
SELECT a.id, md5(a.id::text || k || w)::uuid::text, k, NULL,
       CASE k WHEN 'break-angle' THEN 40 + (a.id + w) % 15 ELSE 280 + 10 * ((a.id + w) % 7) END,
       CASE k WHEN 'break-angle' THEN 'deg' ELSE 'N' END,
       CAST(:today AS date) - 28 * w, now()
FROM athlete a, unnest(ARRAY['break-angle', 'nordic-force']) k, generate_series(0, 5) w
WHERE a.id = ANY(:ids)
"""
_PG_SORENESS = """
INSERT INTO soreness (athlete_id, date, score)
SELECT a.id, CAST(:today AS date) - 2 - 7 * w, (a.id + w) % 8
FROM athlete a, generate_series(0, 11) w
WHERE a.id = ANY(:ids)
"""


def _history_pg(store: Store, ids: list[int], sets: int, today: dt.date) -> None:
    params = {"ids": ids, "today": today, "lag_base": 1, "sessions": -(-sets // PER_SESSION)}
    with store.engine.begin() as conn:
        conn.execute(text(_PG_SESSIONS), params)
        # Ten million rows go in far faster without indexes (the primary key is a random
        # UUID): drop them, insert, build them again from the table in one pass each.
        indexes = conn.execute(
            text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'set_log'"
                " AND indexname <> 'set_log_pkey'"
            )
        ).all()
        conn.execute(text("ALTER TABLE set_log DROP CONSTRAINT set_log_pkey"))
        for name, _ in indexes:
            conn.execute(text(f'DROP INDEX "{name}"'))
        conn.execute(text(_PG_SETS), {"ids": ids, "per": PER_SESSION})
        conn.execute(text("ALTER TABLE set_log ADD PRIMARY KEY (id)"))
        for _, definition in indexes:
            conn.execute(text(definition))
        conn.execute(text(_PG_TESTS), {"ids": ids, "today": today})
        conn.execute(text(_PG_SORENESS), {"ids": ids, "today": today})
        conn.execute(text("ANALYZE"))


def _history_python(store: Store, athlete: int, n_sets: int, today: dt.date) -> None:
    """The same history through SQLAlchemy inserts (SQLite): slower, fine for small clubs."""
    rng = random.Random(athlete)
    day = today - dt.timedelta(days=_lag(athlete))
    rows: list[dict[str, object]] = []
    with store.engine.begin() as conn:
        while len(rows) < n_sets:
            found = conn.execute(
                insert(SessionRow).values(athlete_id=athlete, date=day).returning(SessionRow.id)
            ).scalar_one()
            for number in range(PER_SESSION):
                slug = EXERCISES[number % len(EXERCISES)]
                body = slug == "nordic-curl"
                rows.append(
                    {
                        "id": str(uuid.UUID(int=rng.getrandbits(128))),
                        "athlete_id": athlete,
                        "session_id": found,
                        "exercise": slug,
                        "set_number": number + 1,
                        "target_reps_min": 10,
                        "target_reps_max": 12,
                        "target_load": None if body else 40.0,
                        "reps": rng.randint(8, 12),
                        "load": None if body else 40.0,
                        "unit": "kg",
                        "performed_at": dt.datetime.combine(day, dt.time(18), dt.UTC)
                        + dt.timedelta(minutes=3 * number),
                        "created_at": dt.datetime.now(dt.UTC),
                    }
                )
            day -= dt.timedelta(days=rng.choice([2, 2, 3]))
        conn.execute(insert(SetRow), rows)


def seed(
    store: Store,
    athletes: int,
    sets: int,
    now: dt.datetime,
    progress: Callable[[str, int, int], None] = lambda stage, done, total: None,
) -> tuple[int, list[int]]:
    """The coach's account id and the athletes' ids, every athlete linked to the coach."""
    coach, ids = _people(store, athletes, now, lambda done: progress("accounts", done, athletes))
    if store.engine.dialect.name == "postgresql":
        _history_pg(store, ids, sets, now.date())
    else:
        for done, athlete in enumerate(ids, 1):
            _history_python(store, athlete, sets, now.date())
            progress("history", done, athletes)
    return coach, ids


def _bar(stage: str, done: int, total: int) -> None:
    if done == total or done % max(1, total // 20) == 0:
        filled = 30 * done // total
        end = "\n" if done == total else "\r"
        print(
            f"{stage:9} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end=end, flush=True
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--athletes", type=int, default=1000)
    parser.add_argument("--sets", type=int, default=10000, help="sets per athlete")
    parser.add_argument("--database-url", required=True, help="an empty database")
    args = parser.parse_args()
    store = open_store(Settings(args.database_url, Path(".")))
    started = time.perf_counter()
    seed(store, args.athletes, args.sets, dt.datetime.now(dt.UTC), _bar)
    with store.engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM set_log")).scalar_one()
    print(f"{count} sets for {args.athletes} athletes in {time.perf_counter() - started:.0f} s")
    store.close()


if __name__ == "__main__":
    main()
