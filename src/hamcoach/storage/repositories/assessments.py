"""Measured strength values; values taken together (an H:Q test) share a group id."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from hamcoach.domain.records import Measure, Measurement
from hamcoach.storage.repositories._sql import writes
from hamcoach.storage.rows import side_of
from hamcoach.storage.tables import AssessmentRow, TestFrameRow


class AssessmentRepository:
    def __init__(self, session: Session, athlete_id: int) -> None:
        self._s = session
        self._athlete_id = athlete_id

    @writes
    def add(self, values: Sequence[Measurement]) -> None:
        for v in values:
            self._s.add(
                AssessmentRow(
                    athlete_id=self._athlete_id,
                    group_id=v.group_id,
                    kind=v.kind,
                    side=v.side,
                    exercise=v.exercise,
                    value=v.value,
                    unit=v.unit,
                    velocity_deg_s=v.velocity_deg_s,
                    tested_on=v.tested_on,
                )
            )

    @writes
    def add_frame(self, group_id: str, jpeg: bytes, video_time_s: float | None) -> None:
        """The frame a test was marked on (one per test)."""
        self._s.add(
            TestFrameRow(
                group_id=group_id,
                athlete_id=self._athlete_id,
                jpeg=jpeg,
                video_time_s=video_time_s,
            )
        )

    def frame(self, group_id: str) -> bytes | None:
        """The athlete's own test's frame, if it has one."""
        found: bytes | None = self._s.scalar(
            select(TestFrameRow.jpeg).where(
                TestFrameRow.group_id == group_id, TestFrameRow.athlete_id == self._athlete_id
            )
        )
        return found

    def framed(self) -> set[str]:
        """The tests that have a frame."""
        rows = self._s.scalars(
            select(TestFrameRow.group_id).where(TestFrameRow.athlete_id == self._athlete_id)
        )
        return set(rows)

    def all(self, kind: str | None = None) -> list[Measurement]:
        """Oldest first; values of one day in the order they were stored."""
        query = select(AssessmentRow).where(AssessmentRow.athlete_id == self._athlete_id)
        if kind is not None:
            query = query.where(AssessmentRow.kind == kind)
        rows = self._s.scalars(query.order_by(AssessmentRow.tested_on, AssessmentRow.id))
        return [
            Measurement(
                r.group_id,
                Measure(r.kind),
                side_of(r.side),
                r.exercise,
                r.value,
                r.unit,
                r.velocity_deg_s,
                r.tested_on,
            )
            for r in rows
        ]
