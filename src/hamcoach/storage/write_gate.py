"""One writer at a time on SQLite, taken at a unit of work's first write, not at its start.

SQLite allows one writer. Queueing writers on a lock in this process wakes the next at once,
where SQLite's own busy handler sleeps in growing steps (ruinous for p99 latency). Readers
need no turn: in WAL mode they read beside the writer, and Python's sqlite3 begins a
transaction only before the first INSERT/UPDATE/DELETE, so the reads before it are not held in
a snapshot that a later write could find stale. Taking the lock at the first write is what
lets a signed-in request look up its session while the set writer waits on the disk
(bench/api_accounts.py: that wait was most of a logged set's latency with accounts on).
The semantics match PostgreSQL's READ COMMITTED, which the services already handle.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

_READS = ("SELECT", "PRAGMA")


class WriteGate:
    def __init__(self, engine: Engine) -> None:
        self._lock = threading.Lock()
        self._local = threading.local()
        event.listen(engine, "before_cursor_execute", self._before_statement)

    def enter(self) -> None:
        self._local.depth = getattr(self._local, "depth", 0) + 1

    def exit(self) -> None:
        self._local.depth -= 1
        if self._local.depth == 0 and getattr(self._local, "held", False):
            self._local.held = False
            self._lock.release()

    def _before_statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        local = self._local
        if (
            getattr(local, "depth", 0)
            and not getattr(local, "held", False)
            and not statement.lstrip()[:6].upper().startswith(_READS)
        ):
            # Held by the thread until its outermost unit of work ends: a nested one in the
            # same thread writes under the same turn instead of waiting on itself.
            self._lock.acquire()
            local.held = True
