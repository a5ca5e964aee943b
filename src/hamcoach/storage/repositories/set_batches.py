"""The set writer's reads and insert for many athletes at once: one statement each per batch.

A club's batch holds a set or two from each of many athletes. Asked athlete by athlete, every
athlete cost a profile read, a session read, a head read and an insert: 67 statements for 16
athletes with one set each on PostgreSQL, where each statement costs a round trip and more
time in the driver than in the database (bench/api_accounts.py --athletes 16). Here each of
those is one statement for the whole batch.

Not scoped to one athlete: only the set writer's use-case (`services/set_logging.log_many`)
reaches it, with the athletes whose credentials its batch confirmed; routes cannot
(tests/webapi/test_scoping.py). Session ids come from `session_ids`, which is asked by
(athlete, date), so a head is only ever read for a session of the athlete asking.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Sequence

from sqlalchemy import Integer, String, bindparam, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

from hamcoach.domain.profile import Profile
from hamcoach.domain.records import LoggedSet
from hamcoach.storage import rows as sqlrows
from hamcoach.storage.repositories._sql import TOUCHED, core, insert_sets
from hamcoach.storage.repositories.sets import owners_of, session_head
from hamcoach.storage.tables import AthleteRow, SessionRow, SetRow

HeadKey = tuple[int, str, str | None]  # (session id, exercise, side)
Head = tuple[LoggedSet | None, int]  # (the first set, the highest set number)

# An IN list is spelled out for its length on every run (SQLAlchemy's expanding parameters):
# the batch of a lone runner's server, one athlete, takes the one-athlete statements instead.
_PROFILES = select(AthleteRow.id, *sqlrows.PROFILE_COLUMNS).where(
    AthleteRow.id.in_(bindparam("ids", expanding=True))
)
_PROFILE = select(AthleteRow.id, *sqlrows.PROFILE_COLUMNS).where(AthleteRow.id == bindparam("id"))
# Every pair's athlete and date as two lists: the (athlete, date) index answers it, and the
# few rows of an athlete's other asked dates are dropped here.
_SESSIONS = select(SessionRow.athlete_id, SessionRow.date, SessionRow.id).where(
    SessionRow.athlete_id.in_(bindparam("ids", expanding=True)),
    SessionRow.date.in_(bindparam("dates", expanding=True)),
)


@functools.cache
def _heads_statement(sided: bool) -> Executable:
    """PostgreSQL: the head of every (session, exercise, side) key in one statement, each key
    read as the one-key statement reads it (`rows.SESSION_HEAD_*`: down the session index,
    first row and last row), in a LATERAL subquery per key."""
    from sqlalchemy.dialects.postgresql import ARRAY
    from sqlalchemy.sql import func

    keys = (
        func.unnest(
            bindparam("session_ids", type_=ARRAY(Integer)),
            bindparam("exercises", type_=ARRAY(String)),
            bindparam("sides", type_=ARRAY(String)),
        )
        .table_valued("session_id", "exercise", "side")
        .render_derived(name="k")
    )
    later = SetRow.__table__.alias("later")

    def same(table: object) -> tuple[object, ...]:
        c = table.c  # type: ignore[attr-defined]
        side = c.side == keys.c.side if sided else c.side.is_(None)
        return (c.session_id == keys.c.session_id, c.exercise == keys.c.exercise, side)

    last = (
        select(later.c.set_number)
        .where(*same(later))  # type: ignore[arg-type]
        .order_by(later.c.side.desc(), later.c.set_number.desc())
        .limit(1)
        .correlate(keys)
        .scalar_subquery()
    )
    table = SetRow.__table__
    first = (
        select(*table.c, SessionRow.date.label("session_date"), last.label("last"))
        .join_from(table, SessionRow.__table__, SessionRow.id == table.c.session_id)
        .where(*same(table))  # type: ignore[arg-type]
        .order_by(table.c.side, table.c.set_number)
        .limit(1)
        .correlate(keys)
        .lateral("head")
    )
    return select(
        keys.c.session_id,
        keys.c.exercise,
        keys.c.side,
        *[first.c[c.key] for c in sqlrows.SET_COLUMNS],
        first.c.session_date,
        first.c.note,
        first.c.kind,
        first.c.hips_up,
        first.c["last"],
    ).select_from(keys.join(first, true()))


class SetBatches:
    def __init__(self, session: Session) -> None:
        self._s = session

    def owners_of(self, set_ids: Collection[str]) -> dict[str, int]:
        """{id: athlete} for the ids already stored (set ids are global)."""
        return owners_of(self._s, set_ids)

    def profiles(self, athlete_ids: Collection[int]) -> dict[int, Profile]:
        """Each athlete's profile; an athlete without one is left out."""
        if not athlete_ids:
            return {}
        ids = sorted(set(athlete_ids))
        if len(ids) == 1:
            rows = core(self._s, _PROFILE, {"id": ids[0]})
        else:
            rows = core(self._s, _PROFILES, {"ids": ids})
        return {
            int(row[0]): sqlrows.profile_from_values(tuple(row[1:])) for row in map(tuple, rows)
        }

    def session_ids(self, days: Collection[tuple[int, dt.date]]) -> dict[tuple[int, dt.date], int]:
        """The ids of the sessions that exist already for these (athlete, date) pairs."""
        if not days:
            return {}
        ids, dates = sorted({a for a, _ in days}), sorted({d for _, d in days})
        if len(ids) == 1:
            one = {"athlete_id": ids[0], "dates": dates}
            rows = core(self._s, sqlrows.SESSION_IDS, one)
            return {(ids[0], date): int(sid) for date, sid in map(tuple, rows)}
        asked = set(days)
        found = {}
        for athlete, date, sid in map(
            tuple, core(self._s, _SESSIONS, {"ids": ids, "dates": dates})
        ):
            if (athlete, date) in asked:
                found[(int(athlete), date)] = int(sid)
        return found

    def heads(self, keys: Collection[HeadKey]) -> dict[HeadKey, Head]:
        """Each key's first set and highest set number ((None, 0) for a key with no sets)."""
        if len(keys) <= 1 or self._s.get_bind().dialect.name != "postgresql":
            # SQLite runs a statement in microseconds, in this process: one per key costs less
            # than what a LATERAL-free single statement would read. One key: its own statement,
            # simpler to plan than the LATERAL one.
            return {key: session_head(self._s, *key) for key in keys}
        found: dict[HeadKey, Head] = dict.fromkeys(keys, (None, 0))  # a key with no sets
        for sided in (False, True):
            chosen = [k for k in keys if (k[2] is not None) == sided]
            if not chosen:
                continue
            params = {
                "session_ids": [k[0] for k in chosen],
                "exercises": [k[1] for k in chosen],
                "sides": [k[2] for k in chosen],
            }
            for head in map(tuple, core(self._s, _heads_statement(sided), params)):
                key = (int(head[0]), str(head[1]), head[2])
                found[key] = (sqlrows.logged_set(head[3:-1]), int(head[-1]))
        return found

    def insert(self, rows: Sequence[tuple[int, LoggedSet, int]]) -> set[str]:
        """Insert sets of many athletes (athlete, set, session id) in one statement; the ids
        that went in. Each athlete's revision is bumped at commit, as for any write."""
        if not rows:
            return set()
        self._s.info.setdefault(TOUCHED, set()).update(a for a, _, _ in rows)
        now = dt.datetime.now(dt.UTC)
        return insert_sets(self._s, [sqlrows.set_values(a, r, sid, now) for a, r, sid in rows])
