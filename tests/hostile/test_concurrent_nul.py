"""Issue 8, class 5: NUL bytes are refused at the edge on both databases, and a bad set never
fails its neighbours: 300 valid sets and 5 with NUL notes from 8 clients at once."""

from __future__ import annotations

import datetime as dt
import random
import threading
import uuid
from collections import Counter
from typing import Any

from sqlalchemy import create_engine, text

from tests.hostile.server import Server

AT = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat()


def test_300_valid_and_5_nul_sets_from_8_clients(server: Server) -> None:
    bodies: list[dict[str, Any]] = [
        {
            "id": str(uuid.uuid4()),
            "exercise": "seated-leg-curl",
            "reps": 10 + n % 3,
            "load": 30.0,
            "performed_at": AT,
            "note": f"valid {n}",
        }
        for n in range(300)
    ]
    poisoned = [{**bodies[0], "id": str(uuid.uuid4()), "note": f"nul {n}\x00"} for n in range(5)]
    work = bodies + poisoned
    random.Random(8).shuffle(work)
    statuses: Counter[tuple[str, int]] = Counter()
    lock = threading.Lock()
    gate = threading.Barrier(8)

    def client(share: list[dict[str, Any]]) -> None:
        with server.client() as http:
            gate.wait()
            for body in share:
                answer = http.post("/api/v1/sets", json=body)
                kind = "nul" if "\x00" in body["note"] else "valid"
                with lock:
                    statuses[(kind, answer.status_code)] += 1
                if kind == "nul":
                    assert "NUL" in answer.json()["detail"]

    threads = [threading.Thread(target=client, args=(work[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == Counter({("valid", 201): 300, ("nul", 422): 5})
    engine = create_engine(server.url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as conn:
            notes = set(conn.execute(text("SELECT note FROM set_log")).scalars())
    finally:
        engine.dispose()
    assert {b["note"] for b in bodies} <= notes
    assert not any(n and "\x00" in n for n in notes)
    assert server.healthy()
