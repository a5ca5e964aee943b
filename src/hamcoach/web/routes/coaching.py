"""A coach's roster over the API: GET /api/v1/coach/roster (accounts mode, the coach role)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from hamcoach.domain.errors import Forbidden
from hamcoach.domain.roster import select
from hamcoach.services import roster
from hamcoach.views import roster as roster_view
from hamcoach.web.deps import NowDep, OwnerDep, StoreDep
from hamcoach.web.openapi import errors

router = APIRouter(prefix="/api/v1", tags=["coach"])
# No control characters: the address guard (web/security.py) refuses them in any query.
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"


@router.get("/coach/roster", responses=errors(403))
def read_roster(
    store: StoreDep,
    owner: OwnerDep,
    now: NowDep,
    status: Annotated[
        Literal["needs-attention", "on-track", "inactive"] | None,
        Query(description="Only athletes in this bucket."),
    ] = None,
    group: Annotated[
        str | None, Query(max_length=40, pattern=PRINTABLE, description="Only this group.")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=100, pattern=PRINTABLE, description="Part of a name.")
    ] = None,
    sort: Annotated[
        Literal["status", "name", "adherence", "last-session"], Query(description="The order.")
    ] = "status",
    limit: Annotated[int, Query(ge=1, le=1000, description="Athletes in this answer.")] = 100,
    offset: Annotated[int, Query(ge=0, le=100_000, description="Athletes to skip.")] = 0,
) -> dict[str, Any]:
    """The coach's athletes, each with their bucket (needs attention / on track / inactive)
    and its reasons, this week's planned days, adherence over four complete weeks, planned
    sessions not done in a row, latest soreness, H:Q, left/right gap, Nordic break-point angle
    and force trends (noise marked), and next race. 403 for an account without the coach
    role (and in local mode, which has no accounts). A page at a time: `total` counts every
    athlete the filters match, `next` is the offset of the next page (null on the last)."""
    if owner.account_id is None:
        raise Forbidden("coaching needs accounts: this is the local single-user app")
    entries = roster.roster(store.uow(), owner.account_id, now)
    shown = select(entries, status, group, q, sort)
    page = shown[offset : offset + limit]
    more = offset + limit < len(shown)
    return {
        "athletes": [roster_view.entry_json(e) for e in page],
        "total": len(shown),
        "next": offset + limit if more else None,
    }
