"""Activity files are read in a budgeted child: a FIT file of hundreds of thousands of records
(found by review: 2.5 M records grew the server from 86 to 853 MB) leaves the server's memory
flat, and one pre-2000 file (a watch whose clock was never set) does not refuse its upload."""

from __future__ import annotations

import gzip
import struct

from fitdecode.utils import compute_crc

from tests.hostile.checks import changes_nothing
from tests.hostile.server import Server


def records_fit(n: int, first: int = 1_100_000_000) -> bytes:
    """A FIT file holding only `n` record messages (timestamp, distance), gzip-compressed."""
    definition = bytes([0x40, 0, 0]) + struct.pack("<H", 20) + bytes([2, 253, 4, 0x86, 5, 4, 0x86])
    body = definition + b"".join(b"\x00" + struct.pack("<II", first + i, i * 100) for i in range(n))
    header = bytes([14, 0x20]) + struct.pack("<H", 2132) + struct.pack("<I", len(body)) + b".FIT"
    header += struct.pack("<H", compute_crc(header))
    whole = header + body
    return gzip.compress(whole + struct.pack("<H", compute_crc(whole)), 6)


def test_a_fit_file_of_300k_records_leaves_the_server_small(server: Server) -> None:
    data = records_fit(300_000)
    assert len(data) < 5 * 1024 * 1024
    with server.client() as http:
        answer = http.post("/api/v1/runs/import", files={"files": ("many.fit.gz", data)})
    assert answer.status_code in (201, 422), answer.text[:300]
    assert server.peak_rss_mb() < 300
    assert server.healthy()


OLD_GPX = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="watch" xmlns="http://www.topografix.com/GPX/1/1">
<trk><name>Morning run</name><type>running</type><trkseg>
<trkpt lat="52.5" lon="13.4"><time>1989-12-31T00:00:00Z</time></trkpt>
<trkpt lat="52.51" lon="13.41"><time>1989-12-31T00:30:00Z</time></trkpt>
</trkseg></trk></gpx>"""


def test_an_unset_watch_clock_skips_that_file_not_the_upload(server: Server) -> None:
    with changes_nothing(server), server.client() as http:
        answer = http.post("/api/v1/runs/import", files={"files": ("old.gpx", OLD_GPX)})
    assert answer.status_code == 201, answer.text[:300]
    files = answer.json()["files"]
    assert files[0]["stored"] == 0 and "out of range" in " ".join(files[0]["skipped"])
