"""Issue 8, classes 2 and 6: framing refused and safe headers everywhere; no body can exhaust
the server; refusals quote at most an excerpt; cross-site writes refused without an Origin too;
CSV cells never start a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
import uuid
from collections.abc import Iterator

import httpx2
import pytest

from tests.hostile.checks import assert_refused, changes_nothing
from tests.hostile.server import Server

AT = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat()
EVERY_KIND = [
    "/",
    "/week",
    "/today",
    "/history",
    "/progress",
    "/tests",
    "/settings",
    "/onboarding",
    "/api/v1/health",
    "/api/v1/plan",
    "/api/v1/export/csv",
    "/static/css/app.css",
    "/static/js/app.js",
    "/openapi.json",
    "/docs",
    "/no-such-page",
    "/api/v1/sets/not-a-uuid",
    "/calendar/wrong-secret.ics",
]


@pytest.mark.parametrize("path", EVERY_KIND)
def test_every_answer_forbids_framing_and_sniffing(server: Server, path: str) -> None:
    with server.client() as http:
        answer = http.get(path)
    policy = answer.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "same-origin"
    scripts = next(p for p in policy.split("; ") if p.startswith("script-src"))
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts


def test_refusals_and_guards_carry_the_headers_too(server: Server) -> None:
    with server.client() as http:
        for answer in (
            http.get("/api/v1/health", headers={"host": "evil.example"}),
            http.post(
                "/api/v1/soreness", json={"score": 1}, headers={"origin": "http://x.example"}
            ),
            http.post("/api/v1/sets", content=b"x" * (2 * 1024 * 1024)),
        ):
            assert 400 <= answer.status_code < 500
            assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    yield b'{"note": "'
    sent = 0
    while sent < total:
        yield b"a" * size
        sent += size
    yield b'"}'


def test_a_huge_json_body_is_refused_before_it_is_read(server: Server) -> None:
    with changes_nothing(server), server.client() as http:
        rss = server.peak_rss_mb()
        declared = http.post(
            "/api/v1/sets",
            content=b"[" + b"1," * (3 * 1024 * 1024) + b"1]",
            headers={"content-type": "application/json"},
        )
        assert_refused(declared, "too large.*at most 1 MiB", status=413)
        started = time.monotonic()
        streamed = http.put(  # no Content-Length: counted as it arrives
            "/api/v1/profile",
            content=_chunks(100 * 1024 * 1024),
            headers={"content-type": "application/json"},
        )
        assert time.monotonic() - started < 10
        assert_refused(streamed, "too large", status=413)
        assert server.peak_rss_mb() - rss < 50


def test_uploads_have_their_own_cap(server: Server) -> None:
    with changes_nothing(server), server.client() as http:
        big = http.post(
            "/api/v1/runs/import",
            files={"files": ("huge.gpx", b"<gpx>" + b" " * (65 * 1024 * 1024))},
        )
        assert_refused(big, "upload can be at most 64 MiB", status=413)


HUGE = "z" * 100_000


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("put", "/api/v1/profile", {"name": "A", "equipment": ["towel"], "timezone": HUGE}),
        ("put", "/api/v1/profile", {"name": "A", "equipment": [HUGE]}),
        ("put", "/api/v1/profile", {"name": "A", "equipment": ["towel"], "week": HUGE}),
        (
            "post",
            "/api/v1/sets",
            {"id": HUGE, "exercise": "nordic-curl", "reps": 5, "performed_at": AT},
        ),
        (
            "post",
            "/api/v1/sets",
            {"id": str(uuid.uuid4()), "exercise": HUGE, "reps": 5, "performed_at": AT},
        ),
        (
            "post",
            "/api/v1/sets",
            {"id": str(uuid.uuid4()), "exercise": "nordic-curl", "reps": 5, "performed_at": HUGE},
        ),
        ("post", "/api/v1/tests", {"kind": HUGE}),
        ("get", f"/api/v1/sets?since={HUGE[:5000]}", None),
        ("get", f"/api/v1/export/{HUGE[:5000]}", None),
    ],
)
def test_a_refusal_quotes_only_an_excerpt(
    server: Server, method: str, path: str, body: object
) -> None:
    with changes_nothing(server), server.client() as http:
        answer = http.request(method, path, json=body)
        detail = assert_refused(answer, ".")
        assert "z" * 60 not in detail and len(answer.text) < 2000


def test_a_cross_site_write_without_origin_is_refused(server: Server) -> None:
    with changes_nothing(server), server.client() as http:
        for fetch_site in ("cross-site", "same-site"):
            answer = http.post(
                "/api/v1/soreness",
                json={"score": 9},
                headers={"sec-fetch-site": fetch_site},
            )
            assert_refused(answer, "cross-site request .* refused", status=403)
        form = http.post(
            "/onboarding",
            data={"name": "Mallory", "equipment": "towel"},
            headers={"sec-fetch-site": "cross-site"},
        )
        assert form.status_code == 403
    with server.client() as http:  # the app's own pages say same-origin
        own = http.post(
            "/api/v1/soreness", json={"score": 4}, headers={"sec-fetch-site": "same-origin"}
        )
        assert own.status_code == 201


def test_csv_cells_never_start_a_formula(server: Server) -> None:
    notes = ["  =1+1", "\n+SUM(A1)", "\t-2", " @cmd", '\r=HYPERLINK("x")', "fine =1"]
    with server.client() as http:
        for note in notes:
            answer = http.post(
                "/api/v1/sets",
                json={
                    "id": str(uuid.uuid4()),
                    "exercise": "nordic-curl",
                    "reps": 5,
                    "performed_at": AT,
                    "note": note,
                },
            )
            assert answer.status_code == 201, answer.text
        exported = http.get("/api/v1/export/csv").text
    cells = {row["note"] for row in csv.DictReader(io.StringIO(exported))}
    for note in notes[:-1]:
        assert "'" + note in cells, (note, sorted(cells))
    assert "fine =1" in cells


def test_the_server_still_answers_after_all_of_it(server: Server) -> None:
    with server.client() as http:
        assert http.get("/api/v1/health").json() == {"status": "ok"}
        assert http.get("/api/v1/plan").status_code == 200
    assert isinstance(httpx2.Response, type)


def test_only_the_upload_route_takes_large_bodies(server: Server) -> None:
    """A JSON route labelled multipart once took 60 MB a request (six of them: +490 MB)."""
    with changes_nothing(server), server.client() as http:
        answer = http.put(
            "/api/v1/profile",
            content=b"x" * (3 * 1024 * 1024),
            headers={"content-type": "multipart/form-data; boundary=x"},
        )
        assert_refused(answer, "at most 1 MiB", status=413)


@pytest.mark.parametrize(
    "path",
    ["/calendar/%00.ics", "/api/v1/sets?since=%00", "/api/v1/sets/%01", "/week?x=%7f"],
)
def test_control_characters_in_the_address_are_refused(server: Server, path: str) -> None:
    with changes_nothing(server), server.client() as http:
        answer = http.get(path)
        assert_refused(answer, "control character", status=400)
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]


def test_a_refusal_never_echoes_a_huge_key_or_every_error(server: Server) -> None:
    with changes_nothing(server), server.client() as http:
        long_key = http.put(
            "/api/v1/profile", json={"name": "A", "equipment": ["towel"], "k" * 100_000: 1}
        )
        assert_refused(long_key, "extra|not permitted|Extra")
        assert len(long_key.text) < 2000
        many = {f"key{i}": i for i in range(20_000)}
        many_keys = http.put("/api/v1/profile", json={"name": "A", "equipment": ["towel"], **many})
        assert many_keys.status_code == 422 and len(many_keys.json()["errors"]) <= 10
        assert len(many_keys.text) < 5000


def test_allow_names_what_a_path_serves(server: Server) -> None:
    with server.client() as http:
        static = http.post("/static/css/app.css")
        assert static.status_code == 405 and "GET" in static.headers["allow"]
        health = http.options("/api/v1/health")
        assert health.status_code == 204 and "GET" in health.headers["allow"]
