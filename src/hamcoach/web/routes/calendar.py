"""The plan as a subscribable calendar: the feed and its secret address.

- `GET /calendar/{token}.ics`: the feed. The secret token in the URL is the only authorization
  (calendar apps cannot log in); a wrong one is a plain 404.
- `GET /api/v1/calendar`, `POST /api/v1/calendar/reset`: the feed's address, and a new one.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from hamcoach.services import exports
from hamcoach.services.caller import Caller
from hamcoach.storage.store import Store
from hamcoach.web.deps import AthleteDep, NowDep, StoreDep, feed_caller

router = APIRouter(tags=["calendar"])

FEED_WEEKS = 8
ICS = "text/calendar; charset=utf-8"


def plan_ics(store: Store, caller: Caller, weeks: int) -> bytes:
    """The caller's plan for `weeks` weeks from this week, as iCalendar (feed and download)."""
    from hamcoach.integrations.ics import athlete_calendar

    cal = exports.calendar_plan(store.uow, caller.athlete_id, caller.today, weeks)
    return athlete_calendar(
        cal.view.plan, cal.view.profile, athlete_key=cal.athlete_key, now=caller.now
    )


@router.get(
    "/calendar/{token}.ics",
    name="calendar_feed",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}, 404: {"description": "Unknown token."}},
)
def calendar_feed(
    # As the app makes them (secrets.token_urlsafe): anything else is no token of ours.
    token: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")],
    store: StoreDep,
    now: NowDep,
    weeks: Annotated[int, Query(ge=1, le=52)] = FEED_WEEKS,
) -> Response:
    """The plan as an iCalendar feed to subscribe to; event UIDs stay put as the plan changes."""
    caller = feed_caller(store, token, now)
    return Response(
        plan_ics(store, caller, weeks),
        media_type=ICS,
        # Private: the URL is a secret. Fifteen minutes spares the server from eager clients.
        headers={
            "Cache-Control": "private, max-age=900",
            "Content-Disposition": 'inline; filename="hamstrings.ics"',
        },
    )


def _calendar_json(request: Request, token: str) -> dict[str, Any]:
    url = str(request.url_for("calendar_feed", token=token))
    return {
        "url": url,
        "webcal": "webcal://" + url.split("://", 1)[1],
        "weeks": FEED_WEEKS,
    }


@router.get("/api/v1/calendar")
def calendar_url(request: Request, store: StoreDep, athlete: AthleteDep) -> dict[str, Any]:
    """The secret address of your plan as a calendar (`url`, and `webcal` for Apple devices)."""
    return _calendar_json(request, exports.calendar_token(store.uow(), athlete))


@router.post("/api/v1/calendar/reset")
def calendar_reset(request: Request, store: StoreDep, athlete: AthleteDep) -> dict[str, Any]:
    """A new secret address; the old one stops working (subscribe again with the new one)."""
    return _calendar_json(request, exports.rotate_calendar_token(store.uow(), athlete))
