"""The coach's page (invite athletes by link or QR code, withdraw an invitation, the athletes
who accepted) and the invitation page an athlete opens to accept. Accounts mode only: every
route here needs a signed-in account (`identify`); a coach's routes also the coach role."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from hamcoach.domain.coaching import GROUP_MAX, WHAT_A_COACH_SEES
from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.programme import effective_monday, setting_from_code
from hamcoach.domain.roster import SORTS, Entry, Standing, select
from hamcoach.domain.values import parse_iso_date, whole_number
from hamcoach.services import clubs, coaching, comments, programme, roster
from hamcoach.services.sets import sessions_with_sets
from hamcoach.views import roster as roster_view
from hamcoach.web.auth import identify
from hamcoach.web.deps import NowDep, StoreDep
from hamcoach.web.routes.html import form_dict, render
from hamcoach.web.routes.pages_history import session_line
from hamcoach.web.routes.pages_progress import Range, progress_context
from hamcoach.web.routes.pages_week import week_context

router = APIRouter(include_in_schema=False)
RECENT = 5  # sessions with their comments on a coach's view of an athlete
PAGE_SIZE = 50  # roster cards per page: a club of 1 000 is twenty pages, not one huge one


def _change_options() -> list[tuple[str, list[tuple[str, str]]]]:
    """The programme form's choices, grouped as its select shows them: (code, label)."""
    exercises: list[tuple[str, str]] = []
    for ex in CATALOGUE.exercises:
        name = ex.short_name.lower()
        exercises += [
            (f"exercise:prefer:{ex.slug}", f"Ask for the {name}"),
            (f"exercise:exclude:{ex.slug}", f"Take out the {name}"),
            (f"exercise:either:{ex.slug}", f"Leave the {name} to the planner"),
        ]
    return [
        (
            "Sessions a week",
            [
                ("sessions:1", "1 a week (maintenance)"),
                ("sessions:2", "2 a week"),
                ("sessions:3", "3 a week"),
            ],
        ),
        (
            "Phase (needs a last day)",
            [
                ("phase:maintenance", "Maintenance phase: 1 session a week"),
                ("phase:taper", "Taper: fewer, shorter sessions"),
                ("phase:usual", "Back to the usual programme"),
            ],
        ),
        ("Exercises", exercises),
        (
            "Race (on the first day)",
            [("race:add", "Add a race on that day"), ("race:remove", "Remove the race I added")],
        ),
        (
            "Rest days",
            [
                ("rest-days:keep", "Keep rest days free of sessions"),
                ("rest-days:free", "Allow sessions on rest days"),
            ],
        ),
        (
            "Nordic ramp-in",
            [("nordic-ramp:on", "Ramp-in on"), ("nordic-ramp:off", "Ramp-in off: full dose")],
        ),
    ]


CHANGE_OPTIONS = _change_options()


def _view(request: Request) -> dict[str, str]:
    """The roster's filters from the query: status, group, search, sort (unknown values: none)."""
    query = request.query_params
    status = query.get("status", "")
    sort = query.get("sort", "status")
    return {
        "status": status if status in {s.value for s in Standing} else "",
        "group": query.get("group", "")[:GROUP_MAX],
        "q": query.get("q", "")[:100],
        "sort": sort if sort in SORTS else "status",
    }


def _roster(
    request: Request, store: StoreDep, coach_id: int, now: dt.datetime
) -> tuple[list[Entry], dict[str, str], list[Entry]]:
    """Every athlete of the coach's roster, the query's filters, and the entries they show
    (the page and its CSV show the same)."""
    everyone = roster.roster(store.uow(), coach_id, now)  # refuses a non-coach (403)
    view = _view(request)
    return everyone, view, select(everyone, view["status"], view["group"], view["q"], view["sort"])


async def _coach_page(request: Request, store: StoreDep, now: NowDep, **extra: Any) -> HTMLResponse:
    identity = await identify(request, store, now)
    # Each of these refuses an account without the coach role (403, through the error page).
    everyone, view, shown = _roster(request, store, identity.account_id, now)
    waiting = coaching.open_invitations(store.uow(), identity.account_id, now)
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    asked = request.query_params.get("page", "1")
    number = whole_number(asked, digits=6)
    page = min(number, pages) if number is not None and number >= 1 else 1
    first = (page - 1) * PAGE_SIZE
    return render(
        request,
        "coach.html",
        username=identity.username,
        entries=[(e, roster_view.figures(e)) for e in shown[first : first + PAGE_SIZE]],
        matching=len(shown),
        first=first,
        page=page,
        pages=pages,
        total=len(everyone),
        groups=sorted({e.group for e in everyone if e.group}),
        standings=list(Standing),
        view=view,
        invitations=waiting,
        group_max=GROUP_MAX,
        everyone=everyone,
        head_of=clubs.headed_club(store.uow(), identity.account_id),
        next_monday=effective_monday(now.date() + dt.timedelta(days=1)),
        change_options=CHANGE_OPTIONS,
        tomorrow=now.date() + dt.timedelta(days=1),
        **{"invited": None, "error": None, **extra},
    )


@router.get("/coach")
async def coach_page(request: Request, store: StoreDep, now: NowDep) -> Response:
    return await _coach_page(request, store, now)


@router.get("/coach/athletes/{athlete_id}")
async def athlete_page(
    request: Request, store: StoreDep, now: NowDep, athlete_id: int, range: Range = "all"
) -> Response:
    """A linked athlete's progress, read-only, under their roster figures (404 unless linked)."""
    identity = await identify(request, store, now)
    entry = roster.entry_of(store.uow(), identity.account_id, athlete_id, now)
    caller = coaching.coached_caller(store.uow(), identity.account_id, athlete_id, now)
    found, _ = sessions_with_sets(store.uow(), athlete_id, limit=RECENT)
    said = comments.threads(store.uow(), identity.account_id, athlete_id, [s.date for s in found])
    comments.mark_read(store.uow(), identity.account_id, athlete_id, now)  # read on this page
    return render(
        request,
        "progress.html",
        heading=f"{entry.name}: progress",
        base=f"/coach/athletes/{athlete_id}",
        coached=entry,
        coached_figures=roster_view.figures(entry),
        recent=[{"date": s.date, "line": session_line(s, 0)} for s in found],
        # Only the athlete's own coach writes on their sessions; a head coach reads.
        can_comment=coaching.links_to(store.uow(), identity.account_id, athlete_id),
        threads=said,
        **progress_context(store, caller, range),
    )


@router.get("/coach/athletes/{athlete_id}/week")
async def athlete_week(
    request: Request, store: StoreDep, now: NowDep, athlete_id: int, start: str | None = None
) -> Response:
    """A linked athlete's weeks as they see them (sessions, runs, what was done), read-only."""
    identity = await identify(request, store, now)
    entry = roster.entry_of(store.uow(), identity.account_id, athlete_id, now)
    caller = coaching.coached_caller(store.uow(), identity.account_id, athlete_id, now)
    context = await run_in_threadpool(week_context, store, caller, start, read_only=True)
    context.pop("plan")
    return render(
        request,
        "week.html",
        **context,
        heading=f"{entry.name}: weeks",
        base=f"/coach/athletes/{athlete_id}/week",
        coached=entry,
    )


@router.post("/coach/athletes/{athlete_id}/comments")
async def coach_comment(
    request: Request, store: StoreDep, now: NowDep, athlete_id: int
) -> Response:
    """The coach's comment on a linked athlete's session."""
    identity = await identify(request, store, now)
    # As a coach: the athlete's own comments go through their History, not this route.
    coaching.coached_caller(store.uow(), identity.account_id, athlete_id, now)
    form = await form_dict(request)
    day = parse_iso_date(str(form.get("date") or ""), "date")
    body = str(form.get("body", ""))
    comments.post_comment(store.uow(), identity.account_id, athlete_id, day, body, now)
    return RedirectResponse(f"/coach/athletes/{athlete_id}#s-{day.isoformat()}", 303)


@router.get("/club")
async def club_page(request: Request, store: StoreDep, now: NowDep) -> Response:
    """A head coach's club: each coach's athletes, and moving an athlete to another coach."""
    identity = await identify(request, store, now)
    membership, rosters = clubs.club_rosters(store.uow(), identity.account_id, now)
    return render(request, "club.html", club=membership.club, rosters=rosters)


@router.post("/club/move")
async def club_move(request: Request, store: StoreDep, now: NowDep) -> Response:
    identity = await identify(request, store, now)
    clubs.check_head(store.uow(), identity.account_id)  # refused before the form is read
    form = await form_dict(request)
    athlete, source, coach = (whole_number(str(form.get(k, ""))) for k in ("athlete", "from", "to"))
    if athlete is None or source is None or coach is None:
        raise InvalidInput("choose an athlete and the coach to move them to")
    clubs.move_athlete(store.uow(), identity.account_id, athlete, source, coach, now)
    return RedirectResponse("/club?moved=1", status_code=303)


@router.get("/coach/roster.csv")
async def roster_csv(request: Request, store: StoreDep, now: NowDep) -> Response:
    """The roster as shown (same filters and order), as a spreadsheet."""
    identity = await identify(request, store, now)
    _, _, shown = _roster(request, store, identity.account_id, now)
    out = io.StringIO()
    csv.writer(out).writerows(roster_view.csv_rows(shown))
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="roster-{now:%Y-%m-%d}.csv"'},
    )


@router.post("/coach/invitations")
async def new_invitation(request: Request, store: StoreDep, now: NowDep) -> Response:
    """A one-time invitation, shown once as a link and a QR code."""
    import segno

    identity = await identify(request, store, now)
    form = await form_dict(request)
    try:
        secret, invitation = coaching.invite(
            store.uow(), identity.account_id, now, str(form.get("group", "")) or None
        )
    except InvalidInput as exc:  # a group name refused: the form again, with the reason
        return await _coach_page(request, store, now, error=exc.message, status=400)
    url = f"{str(request.base_url).rstrip('/')}/invite/{secret}"
    code = segno.make(url, error="m").svg_inline(scale=5, dark="#000", light="#fff")
    invited = {"url": url, "svg": code, "group": invitation.group, "until": invitation.expires_at}
    return await _coach_page(request, store, now, invited=invited)


@router.post("/coach/programme")
async def change_programme(request: Request, store: StoreDep, now: NowDep) -> Response:
    """A programme change for one athlete or a group, from a day on (the next Monday; a race:
    its day)."""
    identity = await identify(request, store, now)
    form = await form_dict(request)
    target = str(form.get("who", ""))
    try:
        if target.startswith("group:"):
            ids = programme.group_members(store.uow(), identity.account_id, target[6:])
        elif target.startswith("athlete:") and (one := whole_number(target[8:])) is not None:
            ids = [one]
        else:
            raise InvalidInput("choose an athlete or a group")
        last = str(form.get("until") or "")
        until = parse_iso_date(last, "the last day") if last else None
        setting = setting_from_code(str(form.get("change", "")), until)
        start = parse_iso_date(str(form.get("start") or ""), "the first day")
        done = programme.change_programme(
            store.uow(), identity.account_id, ids, setting, start, now
        )
    except InvalidInput as exc:
        return await _coach_page(request, store, now, error=exc.message, status=400)
    first = min(done.values())
    return RedirectResponse(f"/coach?changed={len(done)}&from={first.isoformat()}", 303)


@router.post("/coach/invitations/{invitation_id}/withdraw")
async def withdraw(request: Request, store: StoreDep, now: NowDep, invitation_id: int) -> Response:
    identity = await identify(request, store, now)
    coaching.revoke_invitation(store.uow(), identity.account_id, invitation_id, now)
    return RedirectResponse("/coach?withdrawn=1", status_code=303)


@router.post("/coach/athletes/{athlete_id}/remove")
async def remove(request: Request, store: StoreDep, now: NowDep, athlete_id: int) -> Response:
    identity = await identify(request, store, now)
    coaching.remove_athlete(store.uow(), identity.account_id, athlete_id, now)
    return RedirectResponse("/coach?removed=1", status_code=303)


@router.get("/invite/{secret}")
async def invitation_page(request: Request, store: StoreDep, now: NowDep, secret: str) -> Response:
    """What accepting means, with the button; opening the page does not accept."""
    await identify(request, store, now)
    seen = coaching.peek_invitation(store.uow(), secret, now)
    club = clubs.club_of(store.uow(), seen.coach_id)
    return render(
        request, "invite.html", secret=secret, seen=seen, sees=WHAT_A_COACH_SEES, club=club
    )


@router.post("/invite/{secret}")
async def accept(request: Request, store: StoreDep, now: NowDep, secret: str) -> Response:
    identity = await identify(request, store, now)
    coaching.accept_invitation(store.uow(), secret, identity.account_id, now)
    return RedirectResponse("/account?coached=1", status_code=303)


@router.post("/account/coaches/{coach_id}/leave")
async def leave(request: Request, store: StoreDep, now: NowDep, coach_id: int) -> Response:
    identity = await identify(request, store, now)
    if identity.athlete_id is not None:
        coaching.leave_coach(store.uow(), identity.athlete_id, coach_id, now)
    return RedirectResponse("/account?left=1", status_code=303)
