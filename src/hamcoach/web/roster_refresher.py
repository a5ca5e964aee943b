"""Coaches' stored roster rows kept ready in the background: every few minutes one thread
computes the rows that no longer hold (an athlete logged, or a new day began in their time
zone), a batch at a time, so a coach's first look of the morning reads stored rows instead of
computing a whole club. Without it the roster is still right, only slower (it computes what
it finds stale); with several workers on PostgreSQL one refreshes per round."""

from __future__ import annotations

import datetime as dt
import logging
import threading

from hamcoach.services.roster import refresh_stale
from hamcoach.storage.store import Store

log = logging.getLogger(__name__)
INTERVAL_S = 120.0  # between rounds; the first waits one interval (start-up stays quick)
BATCH = 200  # rows a round: about two seconds of work for a 1 000-athlete club


class RosterRefresher:
    def __init__(self, store: Store, interval_s: float = INTERVAL_S) -> None:
        self._store = store
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="roster-refresh", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                while not self._stop.is_set():
                    done = refresh_stale(self._store.uow(), dt.datetime.now(dt.UTC), BATCH)
                    if done < BATCH:
                        break
            except Exception:  # a round that fails is retried next round; the roster computes
                log.exception("roster refresh failed; the next round tries again")
