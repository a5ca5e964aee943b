"""The app factory: `create_app(settings)` builds everything; nothing happens at import time."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.types import Scope

from hamcoach import __version__
from hamcoach.config import Settings
from hamcoach.domain.assessment import MACHINE_CURLS
from hamcoach.domain.comments import MAX_COMMENT
from hamcoach.domain.exercises import CATALOGUE
from hamcoach.domain.records import SetKind
from hamcoach.domain.set_rules import MAX_REPS
from hamcoach.domain.values import MAX_NOTE
from hamcoach.integrations import pose_video
from hamcoach.storage.store import Store, open_store
from hamcoach.views import plan as plan_view
from hamcoach.web import charts, docs, errors, openapi
from hamcoach.web.headers import SecurityHeaders
from hamcoach.web.limits import BodyLimit
from hamcoach.web.roster_refresher import RosterRefresher
from hamcoach.web.routes import (
    assessments,
    calendar,
    coaching,
    exports,
    html,
    meta,
    pages,
    pages_account,
    pages_coach,
    pages_history,
    pages_profile,
    pages_progress,
    pages_runs,
    pages_tests,
    pages_week,
    plan,
    profile,
    records,
    report,
    runs,
    sessions,
    sets,
    soreness,
    video,
)
from hamcoach.web.security import LocalGuard
from hamcoach.web.set_lane import SetLane
from hamcoach.web.set_writer import SetWriter

HERE = Path(__file__).parent
UPLOAD_PATHS = frozenset({"/api/v1/runs/import", "/api/v1/tests/video"})  # routes taking files
STATIC = HERE / "static"
# Rules of a logged set that the pages' forms repeat (max, maxlength; data-* for the scripts):
# the domain owns them, the templates read them from here.
# What the logger offers, in the order a session goes (working first: the default).
SET_KIND_LABELS = (
    (SetKind.WORKING.value, "Working"),
    (SetKind.WARMUP.value, "Warm-up"),
    (SetKind.DROP.value, "Drop set"),
    (SetKind.FAILURE.value, "To failure"),
)
LIMITS = {"reps_max": MAX_REPS, "note_max": MAX_NOTE, "comment_max": MAX_COMMENT}
# The order of the OpenAPI document's paths (no two routes here match the same request), and
# the order a request is matched in: logging a set, the hot path, comes first (each router
# passed costs this FastAPI a few microseconds a route; sets last in the list cost ~70 us).
ROUTES = (
    sets,
    meta,
    profile,
    plan,
    sessions,
    assessments,
    video,
    soreness,
    report,
    records,
    calendar,
    coaching,
    runs,
    exports,
    pages,
    pages_account,
    pages_coach,
    pages_history,
    pages_profile,
    pages_progress,
    pages_runs,
    pages_tests,
    pages_week,
)


class CachedStatic(StaticFiles):
    """Static files with cache headers: fingerprinted by ?v=, so they may be kept a long time."""

    async def get_response(self, path: str, scope: Scope):  # type: ignore[no-untyped-def]
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            versioned = b"v=" in scope.get("query_string", b"")
            response.headers["Cache-Control"] = (
                "public, max-age=31536000, immutable" if versioned else "public, max-age=3600"
            )
        return response


def static_version() -> str:
    """A hash of the static files: new assets, new service-worker cache."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(STATIC).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """Build the web app around a store (opened from settings when not given)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store if store is not None else open_store(settings)
        app.state.set_writer = SetWriter(app.state.store)
        app.state.set_writer.start()
        refresher = RosterRefresher(app.state.store)
        refresher.start()
        try:
            yield
        finally:
            refresher.stop()
            app.state.set_writer.stop()
            if owned:
                app.state.store.close()

    app = FastAPI(
        title="hamcoach",
        version=__version__,
        description="Hamstring-strength coach for runners: plan, log, progress, measure.",
        lifespan=lifespan,
        openapi_url="/openapi.json",
        docs_url=None,  # our own /docs below: FastAPI's has an inline script our CSP refuses
        redoc_url=None,
    )
    if store is not None:
        app.state.store = store
    app.state.settings = settings
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.state.templates.env.globals["limits"] = LIMITS
    app.state.templates.env.globals["tenrm_exercises"] = [CATALOGUE.get(s) for s in MACHINE_CURLS]
    app.state.templates.env.globals["set_kinds"] = SET_KIND_LABELS
    app.state.templates.env.globals["load_label"] = plan_view.load_label
    app.state.templates.env.filters["number"] = charts.number
    app.state.templates.env.filters["local_time"] = html.local_time
    # The Tests page offers the pose model only where the video extra is installed.
    app.state.templates.env.globals["video_extra"] = pose_video.available()
    # The catalogue's names for the scripts (refused sets name their exercise, never its slug).
    app.state.templates.env.globals["exercise_names"] = {
        e.slug: e.short_name for e in CATALOGUE.exercises
    }
    app.state.static_version = static_version()
    app.mount("/static", CachedStatic(directory=STATIC), name="static")
    for routes in ROUTES:
        app.include_router(routes.router)
    app.include_router(docs.router)
    errors.install(app)
    openapi.install(app)
    # Outermost last: the guards run before the body is read, the set lane after them.
    app.add_middleware(SetLane)
    app.add_middleware(
        BodyLimit,
        max_body=settings.max_body_bytes,
        max_upload=settings.max_upload_bytes,
        upload_paths=UPLOAD_PATHS,
    )
    app.add_middleware(LocalGuard, allowed_hosts=settings.allowed_hosts)
    # Outside even Starlette's error middleware, so a 500 carries the headers too.
    stack = app.build_middleware_stack
    app.build_middleware_stack = lambda: SecurityHeaders(stack())  # type: ignore[method-assign]
    return app


def app_from_env() -> FastAPI:
    """For `uvicorn --factory hamcoach.web.app:app_from_env` (settings from HAMCOACH_* vars)."""
    from hamcoach.config import load_settings

    app = create_app(load_settings())
    tune_gc()
    return app


def tune_gc() -> None:
    """Keep garbage-collector pauses out of request latency (server processes only).

    The objects made at start-up (modules, tables, templates) live as long as the process:
    freezing them spares every full collection from walking them, and a higher first threshold
    collects less often. Measured in bench/api_load.py: p99 of POST /sets 80 ms -> under 30 ms.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
