"""A coach's API (accounts mode, the coach role): the roster (GET /api/v1/coach/roster) and
programme changes for some athletes or a group (POST /api/v1/coach/programme), as the coach's
page makes them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from hamcoach.domain.errors import Forbidden, NotFound, excerpt
from hamcoach.domain.programme import setting_from_code
from hamcoach.domain.roster import select
from hamcoach.services import programme, roster
from hamcoach.views import roster as roster_view
from hamcoach.web.coaching_schemas import ChangeForAthletes, ProgrammeChangeIn
from hamcoach.web.deps import NowDep, Owner, OwnerDep, StoreDep
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
    entries = roster.roster(store.uow(), _coach(owner), now)
    shown = select(entries, status, group, q, sort)
    page = shown[offset : offset + limit]
    more = offset + limit < len(shown)
    return {
        "athletes": [roster_view.entry_json(e) for e in page],
        "total": len(shown),
        "next": offset + limit if more else None,
    }


@router.post("/coach/programme", responses=errors(400, 403, 404))
def change_programme(
    body: ProgrammeChangeIn, store: StoreDep, owner: OwnerDep, now: NowDep
) -> dict[str, Any]:
    """Change the programme of some of your athletes (`athletes`) or of a group (`group`)
    from `start` on: what is still to come is planned again, and each athlete's plan names the
    change and who made it. All or nothing: 404 when one of the athletes is not on your
    roster, and then nobody's programme changed. Answers the day the change takes effect for
    each athlete (a Monday; a race: its day)."""
    coach = _coach(owner)
    setting = setting_from_code(body.change, body.until)
    if isinstance(body, ChangeForAthletes):
        ids = list(dict.fromkeys(body.athletes))
    else:
        ids = programme.group_members(store.uow(), coach, body.group)
        if not ids:
            raise NotFound(f"no athlete of yours is in the group {excerpt(body.group)}")
    done = programme.change_programme(store.uow(), coach, ids, setting, body.start, now)
    return {
        "changed": [{"athlete_id": a, "from": day.isoformat()} for a, day in sorted(done.items())]
    }


def _coach(owner: Owner) -> int:
    if owner.account_id is None:
        raise Forbidden("coaching needs accounts: this is the local single-user app")
    return owner.account_id
