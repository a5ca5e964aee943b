"""The report use-case on the in-memory unit of work: adherence, trends, H:Q, asymmetry, break
point."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from hamcoach.domain.assessment import BreakAngleEntry, HqEntry, NordicForceEntry
from hamcoach.domain.set_rules import SetInput
from hamcoach.services.assessments import record as record_assessment
from hamcoach.services.reports import report
from hamcoach.services.set_logging import log_sets
from tests.fakes import FakeUnitOfWork
from tests.services.conftest import MONDAY


def log(uow: FakeUnitOfWork, athlete: int, day: dt.date, sets: list[tuple[int, float]]) -> None:
    when = dt.datetime.combine(day, dt.time(18), dt.UTC)
    items = [
        (str(uuid.uuid4()), SetInput("lying-leg-curl", r, w), when + dt.timedelta(minutes=i))
        for i, (r, w) in enumerate(sets)
    ]
    log_sets(uow, athlete, items, when + dt.timedelta(hours=1))


def test_adherence_counts_complete_weeks_and_warns_below_half(
    uow: FakeUnitOfWork, athlete: int
) -> None:
    # Plan began on MONDAY with 2 sessions a week; 1 session in week 1, none in weeks 2-3.
    log(uow, athlete, MONDAY + dt.timedelta(days=1), [(12, 40)] * 3)
    result = report(uow, athlete, MONDAY + dt.timedelta(days=22))
    assert [(w.planned, w.completed) for w in result.weeks] == [(2, 1), (2, 0), (2, 0)]
    assert result.adherence_overall == pytest.approx(1 / 6)
    assert "below 50 %" in result.adherence_summary
    assert any("Adherence is the priority" in s for s in result.summary)


def test_exercise_trend_and_e1rm(uow: FakeUnitOfWork, athlete: int) -> None:
    log(uow, athlete, MONDAY + dt.timedelta(days=1), [(12, 40)] * 3)
    log(uow, athlete, MONDAY + dt.timedelta(days=4), [(12, 42.5)] * 3)
    result = report(uow, athlete, MONDAY + dt.timedelta(days=7))
    points = result.exercises["lying-leg-curl"]
    assert [p.top_load for p in points] == [40, 42.5]
    assert points[0].best_e1rm == pytest.approx(56.0)
    assert points[1].volume == pytest.approx(3 * 12 * 42.5)
    assert any("e1RM (Epley) 56 -> 59.5 kg" in s for s in result.summary)


def test_tests_show_up_with_norms_and_flags(uow: FakeUnitOfWork, athlete: int) -> None:
    today = MONDAY + dt.timedelta(days=10)
    record_assessment(uow, athlete, HqEntry(120, 200, 180), MONDAY, today)
    record_assessment(uow, athlete, NordicForceEntry(310, 250), MONDAY, today)
    record_assessment(uow, athlete, BreakAngleEntry(40), MONDAY, today)
    record_assessment(uow, athlete, BreakAngleEntry(43), today, today)
    result = report(uow, athlete, today)
    assert [(p.kind, p.ratio) for p in result.hq] == [("conventional", 0.6), ("functional", 0.9)]
    assert result.asymmetry[0].flag == "flag" and result.asymmetry[0].stronger == "left"
    assert result.break_point_summary is not None and "noise" in result.break_point_summary
    assert any("250 N" in n and "Opar" in n for n in result.force_notes)


def test_test_inputs_are_validated(uow: FakeUnitOfWork, athlete: int) -> None:
    from hamcoach.domain.errors import InvalidInput

    with pytest.raises(InvalidInput, match="allowed: Nm, N"):
        record_assessment(uow, athlete, HqEntry(120, 200, None, "ft-lb"), MONDAY, MONDAY)
    with pytest.raises(InvalidInput, match="0-90 degrees"):
        record_assessment(uow, athlete, BreakAngleEntry(120), MONDAY, MONDAY)
    with pytest.raises(InvalidInput, match="in the future"):
        record_assessment(uow, athlete, BreakAngleEntry(40), MONDAY + dt.timedelta(days=1), MONDAY)
