"""`services.runs.mark_run` and `runs_page` on the in-memory unit of work: what is refused (and
leaves nothing written), what is stored, and the plan that follows a marked run."""

from __future__ import annotations

import datetime as dt

import pytest

from hamcoach.domain.errors import InvalidInput, NoProfile, NotFound
from hamcoach.domain.model import RunType
from hamcoach.domain.runs import Run
from hamcoach.services import runs as run_service
from hamcoach.services.training import plan_for
from tests.fakes import FakeUnitOfWork
from tests.services.conftest import MONDAY


def _run(day: int, title: str, minutes: int, external_id: str) -> Run:
    start = dt.datetime.combine(MONDAY + dt.timedelta(days=day), dt.time(7), dt.UTC)
    return Run(start, minutes * 60.0, minutes * 180.0, title, None, "ics", external_id)


WEEK = [
    _run(1, "Tempo", 50, "tue"),
    _run(2, "Morning run", 45, "wed"),
    _run(3, "Morning run", 45, "thu"),
    _run(5, "Morning run", 45, "sat"),
    _run(6, "Sunday run", 50, "sun"),
]


@pytest.fixture
def stored(uow: FakeUnitOfWork, athlete: int) -> int:
    run_service.import_runs(uow, athlete, WEEK, name="plan.ics")
    return athlete


def _days(uow: FakeUnitOfWork, athlete: int) -> list[str]:
    return [s.date.strftime("%a") for s in plan_for(uow, athlete, MONDAY, 1).plan.sessions()]


def test_a_marked_run_is_stored_classified_and_followed(uow: FakeUnitOfWork, stored: int) -> None:
    assert _days(uow, stored) == ["Tue", "Sat"]
    commits = uow.commits
    found = run_service.mark_run(uow, stored, "wed", RunType.LONG)
    assert (found.type, found.reason, found.date) == (
        RunType.LONG,
        "you set this type",
        MONDAY + dt.timedelta(days=2),
    )
    assert uow.commits == commits + 1
    assert "Tue" not in _days(uow, stored)  # the day before the long run stays free
    back = run_service.mark_run(uow, stored, "wed", None)
    assert (back.type, back.reason) == (RunType.EASY, "an ordinary run")
    assert _days(uow, stored) == ["Tue", "Sat"]


@pytest.mark.parametrize(
    ("external_id", "marked", "error", "message"),
    [
        ("wed", RunType.REST, InvalidInput, "easy, long or key, not rest"),
        ("nope", RunType.LONG, NotFound, "no imported run has the id 'nope'"),
        ("wed\x00", RunType.LONG, NotFound, "no imported run has the id"),
        ("w" * 401, RunType.LONG, NotFound, r"\(401 characters\)"),
    ],
)
def test_refusals_write_nothing(
    uow: FakeUnitOfWork,
    stored: int,
    external_id: str,
    marked: RunType,
    error: type[Exception],
    message: str,
) -> None:
    commits = uow.commits
    with pytest.raises(error, match=message):
        run_service.mark_run(uow, stored, external_id, marked)
    assert uow.commits == commits


def test_without_a_profile_there_is_no_run_to_mark() -> None:
    with pytest.raises(NoProfile):
        run_service.mark_run(FakeUnitOfWork(), 1, "wed", RunType.LONG)


def test_a_page_holds_whole_days_newest_first(uow: FakeUnitOfWork, stored: int) -> None:
    run_service.import_runs(uow, stored, [_run(2, "Strides", 20, "wed-2")], name="watch.fit")
    run_service.mark_run(uow, stored, "thu", RunType.KEY)
    page = run_service.runs_page(uow, stored, limit=4)
    # The fourth run is one of Wednesday's two: the page takes both, the day is not split.
    assert [c.run.external_id for c in page.runs] == ["sun", "sat", "thu", "wed-2", "wed"]
    assert page.older == MONDAY + dt.timedelta(days=2)
    assert page.total == 6 and page.inferred == {"thu": RunType.EASY}
    assert page.typical is not None
    rest = run_service.runs_page(uow, stored, before=page.older, limit=4)
    assert [c.run.external_id for c in rest.runs] == ["tue"]
    assert rest.older is None
    with pytest.raises(InvalidInput, match="at least 1 run"):
        run_service.runs_page(uow, stored, limit=0)
