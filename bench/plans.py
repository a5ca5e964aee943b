"""Plans for many athletes (DESIGN 5: 10 000 athletes x 12 weeks in < 5 s on one core).

    .venv/bin/python -m bench.plans [--athletes 10000] [--weeks 12]

Athletes get random equipment, running weeks and settings (seeded, so runs are comparable).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.model import Day, RunningWeek, RunType
from hamcoach.domain.planning import PlanRequest, build_plan


def requests(n: int, weeks: int, seed: int = 1) -> list[PlanRequest]:
    rng = random.Random(seed)
    slugs = CATALOGUE.equipment_slugs()
    out: list[PlanRequest] = []
    start = dt.date(2026, 11, 30)
    while len(out) < n:
        equipment = frozenset(rng.sample(slugs, rng.randint(1, 4)))
        if not CATALOGUE.feasible(equipment):
            continue
        week = RunningWeek.of(
            {d: [rng.choice([RunType.REST, RunType.EASY, RunType.EASY, RunType.KEY])] for d in Day}
        ).with_run(Day(rng.randrange(7)), RunType.LONG)
        out.append(
            PlanRequest(
                equipment=equipment,
                week=week,
                start=start,
                weeks=weeks,
                sessions=rng.choice([2, 3]),
                per_session=rng.choice([1, 2]),
                nordic_ramp=rng.random() < 0.5,
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--athletes", type=int, default=10_000)
    parser.add_argument("--weeks", type=int, default=12)
    args = parser.parse_args()
    batch = requests(args.athletes, args.weeks)
    begin = time.process_time()
    sessions = sum(sum(1 for _ in build_plan(r).sessions()) for r in batch)
    cpu = time.process_time() - begin
    print(f"{args.athletes} athletes x {args.weeks} weeks: {sessions} sessions planned")
    print(f"CPU time {cpu:.2f} s (target < 5 s on one core): {cpu / 5:.2f} of the budget")


if __name__ == "__main__":
    main()
