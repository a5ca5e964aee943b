"""The session a sore athlete is offered: the same exercises with one set fewer and no Nordic.

Eccentric work on hamstrings that are already sore adds to the damage rather than the strength,
and the soreness itself blunts the next runs; the lighter session keeps the habit without that.
The threshold is the team's default, no study.
"""

from __future__ import annotations

from dataclasses import replace

from hamcoach.domain.model import PlannedSession
from hamcoach.domain.selection import NORDIC

SORE_FROM = 6  # soreness (0-10) from which the lighter session is offered


def is_sore(score: int | None) -> bool:
    return score is not None and score >= SORE_FROM


def lighter_session(session: PlannedSession, score: int) -> PlannedSession:
    """The session with one set fewer on each exercise (at least one) and without the Nordic,
    and the reason first. A session of Nordics only becomes a rest day (no exercises)."""
    exercises = tuple(
        replace(e, sets=max(1, e.sets - 1)) for e in session.exercises if e.slug != NORDIC
    )
    why = (
        f"soreness {score}/10: a lighter session, one set fewer and no Nordic, so sore "
        "hamstrings recover instead of taking more eccentric load"
        if exercises
        else f"soreness {score}/10: rest today; the Nordic is all this session had"
    )
    return replace(session, exercises=exercises, reasons=(why, *session.reasons))
