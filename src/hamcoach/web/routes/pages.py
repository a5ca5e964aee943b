"""HTML pages: home, today (guided), progress; the service worker.

The week and month are in `pages_week.py`, history in `pages_history.py`, onboarding and
settings in `pages_profile.py`, the tests page in `pages_tests.py`.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from hamcoach.domain.errors import InvalidInput
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.readiness import is_sore
from hamcoach.services import comments, sessions
from hamcoach.services import records as records_service
from hamcoach.views import plan as plan_view
from hamcoach.views import records as records_view
from hamcoach.views import session as session_view
from hamcoach.web.deps import CallerDep, MaybeCallerDep, StoreDep
from hamcoach.web.routes.html import form_dict, render

router = APIRouter(include_in_schema=False)
SERVICE_WORKER = Path(__file__).resolve().parent.parent / "static" / "js" / "sw.js"


@router.get("/")
def home(caller: MaybeCallerDep) -> RedirectResponse:
    return RedirectResponse("/today" if caller is not None else "/onboarding", status_code=303)


@router.get("/sw.js")
def service_worker() -> FileResponse:
    # Served from the root so its scope covers every page.
    return FileResponse(
        SERVICE_WORKER,
        media_type="text/javascript",
        headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"},
    )


@router.get("/manifest.webmanifest")
def manifest() -> RedirectResponse:
    return RedirectResponse("/static/manifest.webmanifest", status_code=308)


@router.get("/today")
def today_page(
    request: Request, store: StoreDep, caller: CallerDep, full: bool = False
) -> HTMLResponse:
    found = sessions.today(store.uow(), caller.athlete_id, caller.today, full=full)
    unit = found.view.profile.units
    data = plan_view.session(found.session, unit.value)
    state = found.state
    steps = []
    for e, progress in zip(data["exercises"], state.exercises, strict=True):
        forms = []
        for side, done in zip(progress.sides, progress.done, strict=True):
            last = found.last_time.get((e["slug"], side), ())
            forms.append(
                {
                    "side": side.value if side else None,
                    "done": done,
                    "last": [session_view.set_label(s) for s in last],
                    "line": session_view.set_line(done, e["sets"], last),
                }
            )
        steps.append(
            {
                "plan": e,
                "exercise": CATALOGUE.get(e["slug"]),
                "forms": forms,
                "done": progress.sets_done,
                "count_text": session_view.count_text(progress.sets_done, progress.sets_target),
                "first_time": e["slug"] in found.new_exercises,
                "increment": found.view.profile.increment_for(e["slug"]),
            }
        )
    current = state.current if state.current is not None else max(0, len(steps) - 1)
    summary = None
    if state.finished_at is not None:
        summary = session_view.finished_summary(
            found.sets, found.session, unit, state.finished_at, found.view.profile.timezone
        )
        summary["records"] = [
            records_view.record(r, unit)["text"]
            for r in records_service.records(
                store.uow(), caller.athlete_id, found.session.date
            ).set_on
        ]
    # The session's thread with the coach (accounts mode), shown with its summary once done.
    identity = getattr(request.state, "identity", None)
    threads = (
        None
        if identity is None
        else comments.threads(
            store.uow(), identity.account_id, caller.athlete_id, [found.session.date]
        ).get(found.session.date, [])
    )
    return render(
        request,
        "today.html",
        threads=threads,
        session=data,
        state=session_view.state(state, caller.today),
        steps=steps,
        current=current,
        summary=summary,
        begun=state.started_at is not None,
        is_today=found.session.date == caller.today,
        date=found.session.date,
        unit=unit.value,
        finest_step=unit.finest_step,
        soreness=found.soreness,
        sore=is_sore(found.soreness) and found.session.date == caller.today,
        # The lighter version leads its reasons with the soreness (domain/readiness.py).
        lighter=bool(found.session.reasons) and found.session.reasons[0].startswith("soreness "),
        can_switch=state.work_sets == 0,
    )


@router.post("/today/version")
async def today_version(request: Request, store: StoreDep, caller: CallerDep) -> Response:
    """The Today page's choice of the full or the lighter (sore) session: it begins today's
    session with that version, so every device and the first set keep it."""
    form = await form_dict(request)
    full = str(form.get("full", "")) == "true"
    sessions.choose_version(store.uow(), caller.athlete_id, caller.today, caller.now, full=full)
    return RedirectResponse("/today", status_code=303)


@router.post("/today/soreness")
async def today_soreness(request: Request, store: StoreDep, caller: CallerDep) -> Response:
    """The Today page's soreness check: record it, then show the session it leads to."""
    from hamcoach.services.soreness import check_in

    form = await form_dict(request)
    try:
        score = int(str(form.get("soreness", "")))
    except ValueError:
        raise InvalidInput("soreness is a whole number from 0 (none) to 10 (worst)") from None
    check_in(store.uow(), caller.athlete_id, caller.today, score, None, caller.today)
    return RedirectResponse("/today", status_code=303)
