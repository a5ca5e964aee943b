"""Issue 8, class 1, against the running server: hostile calendars uploaded as runs are refused
with a line naming the file and the rule, each within 2 s, the server's memory stays under
300 MB, nothing is stored, and the server goes on answering."""

from __future__ import annotations

import time

import pytest

from tests.hostile.checks import assert_refused, changes_nothing
from tests.hostile.server import Server
from tests.integrations.test_ics_bounds import calendar, numbers, vevent

REFUSED_WITHIN_S = 2.0
SERVER_MAX_MB = 300
IMPOSSIBLE = [
    f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}"
    for month, day in ((2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31))
]
HOSTILE = [
    (
        "every second of every day (618 bytes)",
        calendar(
            vevent(f"FREQ=DAILY;BYHOUR={numbers(24)};BYMINUTE={numbers(60)};BYSECOND={numbers(60)}")
        ),
        "BY(HOUR|MINUTE|SECOND) has \\d+ values",
    ),
    ("INTERVAL=0", calendar(vevent("FREQ=DAILY;INTERVAL=0")), "INTERVAL"),
    ("DTSTART in year 1", calendar(vevent("FREQ=DAILY", start="00010101T063000Z")), "year|0001"),
    (
        "200 impossible rules",
        calendar(*(vevent(IMPOSSIBLE[i % 6], uid=f"r{i}") for i in range(200))),
        "never|rule|RRULE",
    ),
    (
        "5000 daily events",
        calendar(*(vevent("FREQ=DAILY", uid=f"d{i}") for i in range(5000))),
        "events|at most",
    ),
    ("FREQ=FOO", calendar(vevent("FREQ=FOO")), "FREQ"),
    ("COUNT=10^12", calendar(vevent(f"FREQ=DAILY;COUNT={10**12}")), "COUNT"),
    ("minutely", calendar(vevent("FREQ=MINUTELY")), "minutely|daily at most"),
    (
        "COUNT with UNTIL",
        calendar(vevent("FREQ=WEEKLY;COUNT=5;UNTIL=20270101T000000Z")),
        "COUNT|UNTIL",
    ),
    ("BYMONTHDAY=99", calendar(vevent("FREQ=MONTHLY;BYMONTHDAY=99")), "BYMONTHDAY"),
    (
        "10 000 RDATEs",
        calendar(
            vevent(
                None,
                extra="RDATE:"
                + ",".join(
                    f"2026{m:02d}{d:02d}T063000Z" for m in range(1, 13) for d in range(1, 29)
                )
                * 30,
            )
        ),
        "RDATE|at most",
    ),
]


@pytest.mark.parametrize(("what", "data", "rule"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_calendar_is_refused_quickly_and_the_server_stays_small(
    server: Server, what: str, data: bytes, rule: str
) -> None:
    with changes_nothing(server), server.client() as http:
        began = time.monotonic()
        answer = http.post("/api/v1/runs/import", files={"files": ("coach-plan.ics", data)})
        elapsed = time.monotonic() - began
        detail = assert_refused(answer, rule, status=422)
        assert "coach-plan.ics" in detail
        assert elapsed < REFUSED_WITHIN_S, f"{what}: {elapsed:.2f} s"
        assert server.peak_rss_mb() < SERVER_MAX_MB, f"{what}: {server.peak_rss_mb():.0f} MiB"


def test_an_ordinary_calendar_still_imports(server: Server) -> None:
    weekly = calendar(
        vevent("FREQ=WEEKLY;BYDAY=TU;COUNT=8", uid="tempo", summary="Tempo run 40 min")
    )
    with server.client() as http:
        answer = http.post("/api/v1/runs/import", files={"files": ("plan.ics", weekly)})
        assert answer.status_code == 201, answer.text
        assert answer.json()["files"][0]["kind"] == "ics"
    assert server.peak_rss_mb() < SERVER_MAX_MB
