"""A stored roster row (storage/roster_codec.py) reads back as the row that was stored, for any
row; a body this version did not write reads as no row (computed again), never as an error."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from hamcoach.domain.roster import Row, Standing, Trend
from hamcoach.domain.session_state import Status
from hamcoach.storage import roster_codec

days = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))
numbers = st.floats(-1e6, 1e6, allow_nan=False)
trends = st.none() | st.builds(Trend, numbers, st.none() | numbers, st.booleans())
rows = st.builds(
    Row,
    standing=st.sampled_from(Standing),
    reasons=st.lists(st.text(max_size=80), max_size=4).map(tuple),
    week=st.lists(st.tuples(days, st.sampled_from(Status)), max_size=7).map(tuple),
    week_done=st.integers(0, 7),
    week_planned=st.integers(0, 7),
    adherence_4w=st.none() | st.floats(0, 1),
    missed_in_a_row=st.integers(0, 50),
    last_session=st.none() | days,
    soreness=st.none() | st.tuples(days, st.integers(0, 10)),
    hq=st.none() | st.tuples(days, numbers, st.none() | numbers),
    hq_low=st.booleans(),
    asymmetry=st.none() | st.tuples(days, numbers),
    asymmetry_flag=st.booleans(),
    break_angle=trends,
    force=trends,
    next_race=st.none() | days,
)


@given(rows)
def test_a_row_reads_back_as_stored(row: Row) -> None:
    assert roster_codec.decode(roster_codec.encode(row)) == row


@given(st.text(max_size=200))
def test_any_text_that_is_no_json_reads_as_no_row(body: str) -> None:
    try:
        json.loads(body)
    except ValueError:
        assert roster_codec.decode(body) is None


_JUNK = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.lists(st.integers())
)


@given(rows, st.data())
def test_a_stored_body_with_a_field_lost_or_mangled_reads_as_no_row(
    row: Row, data: st.DataObject
) -> None:
    body = json.loads(roster_codec.encode(row))
    key = data.draw(st.sampled_from(sorted(k for k in body if k != "shape")))
    if data.draw(st.booleans()):
        del body[key]
    else:
        body[key] = data.draw(_JUNK)
    found = roster_codec.decode(json.dumps(body))
    # Either refused, or (junk that happens to read) a row like any other: never an error.
    assert found is None or isinstance(found, Row)


def test_an_older_shape_reads_as_no_row() -> None:
    assert roster_codec.decode('{"shape": 0, "standing": "on-track"}') is None
    assert roster_codec.decode('{"shape": 1}') is None
