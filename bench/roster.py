"""A coach's roster at club scale (issue 14, item 7).

    .venv/bin/python -m bench.roster [--athletes 100] [--sets 2000] [--database-url URL]

Seeds one coach with N linked athletes, each with S logged sets (three sessions a week back
from today, in bulk), then prints the median of 5 runs for: the whole roster (every athlete's
standing, as the Coach page builds it) and one athlete's progress data (what the coach's view
of an athlete charts). Targets for 1 000 athletes and 10 M sets on PostgreSQL: the roster's
first page < 200 ms, an athlete's progress < 50 ms. Defaults to a throwaway SQLite file and a
smaller club, to run in a minute; the per-athlete figure says how far the roster scales.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import uuid
from pathlib import Path

from sqlalchemy import insert

from bench.history import median_ms
from hamcoach.config import Settings
from hamcoach.domain.model import RunningWeek
from hamcoach.domain.profile import Profile
from hamcoach.services.accounts import add_user, attach_athlete
from hamcoach.services.coaching import set_coach
from hamcoach.services.reports import report
from hamcoach.services.roster import roster
from hamcoach.storage.store import Store, open_store
from hamcoach.storage.tables import SessionRow, SetRow

EXERCISES = ("lying-leg-curl", "seated-leg-curl", "nordic-curl")


def fill(store: Store, athlete: int, n_sets: int, today: dt.date, rng: random.Random) -> None:
    """Sessions two or three days apart back from yesterday, 6-12 sets each, in bulk."""
    day = today - dt.timedelta(days=rng.randint(1, 4))
    sets: list[dict[str, object]] = []
    with store.engine.begin() as conn:
        while len(sets) < n_sets:
            found = conn.execute(
                insert(SessionRow).values(athlete_id=athlete, date=day).returning(SessionRow.id)
            ).scalar_one()
            for number in range(rng.randint(6, 12)):
                slug = EXERCISES[number % len(EXERCISES)]
                body = slug == "nordic-curl"
                sets.append(
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
                        + dt.timedelta(minutes=number),
                        "created_at": dt.datetime.now(dt.UTC),
                    }
                )
            day -= dt.timedelta(days=rng.choice([2, 2, 3]))
        conn.execute(insert(SetRow), sets[:n_sets])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--athletes", type=int, default=100)
    parser.add_argument("--sets", type=int, default=2000, help="sets per athlete")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hamcoach-roster-"))
    url = args.database_url or f"sqlite:///{folder / 'bench.db'}"
    store = open_store(Settings(url, folder))
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    coach = add_user(store.uow(), "coach", None, now=now)
    set_coach(store.uow(), "coach", coach=True)
    rng = random.Random(5)
    first = 0
    for k in range(args.athletes):
        profile = Profile(
            name=f"Athlete {k:04d}",
            equipment=frozenset({"lying-curl-machine", "seated-curl-machine", "partner"}),
            week=RunningWeek.parse("tue=key,sun=long"),
        )
        account = add_user(store.uow(), f"a{k:04d}", None, now=now)
        with store.uow() as uow:
            athlete = uow.athletes.add(profile)
            uow.athlete(athlete).profile.set_plan_start(today - dt.timedelta(days=400))
            uow.commit()
        attach_athlete(store.uow(), account, athlete)
        with store.uow() as uow:
            uow.coaching.links.start(coach, athlete, now - dt.timedelta(days=60), f"group {k % 5}")
            uow.commit()
        fill(store, athlete, args.sets, today, rng)
        first = first or athlete
    whole = median_ms(lambda: roster(store.uow(), coach, now), runs=5)
    progress = median_ms(lambda: report(store.uow(), first, today), runs=5)
    per = whole / args.athletes
    print(
        f"{args.athletes} athletes x {args.sets} sets on {store.engine.dialect.name} "
        f"({args.athletes * args.sets} sets)"
    )
    print(
        f"roster, every athlete:  {whole:8.1f} ms ({per:.2f} ms an athlete; 1 000 would take "
        f"about {per * 1000:.0f} ms; target < 200 ms for the first page): "
        f"{whole / 200:.2f} of budget"
    )
    print(
        f"one athlete's progress: {progress:8.1f} ms (target < 50 ms): {progress / 50:.2f} of budget"
    )


if __name__ == "__main__":
    main()
