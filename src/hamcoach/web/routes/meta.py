"""Is the service up: GET /api/v1/health (live), GET /api/v1/ready (can serve), for load
balancers, systemd and `run.sh`."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from hamcoach.web.deps import StoreDep
from hamcoach.web.openapi import errors

router = APIRouter(prefix="/api/v1", tags=["meta"])


@router.get("/health", responses=errors(503))
def health(store: StoreDep) -> JSONResponse:
    """200 when the database answers, 503 otherwise."""
    try:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        return JSONResponse({"status": "unavailable", "detail": type(exc).__name__}, 503)
    return JSONResponse({"status": "ok"})


@router.get("/ready", responses=errors(503))
def ready(store: StoreDep) -> JSONResponse:
    """200 when the database answers and holds this version's schema; 503 (with the reason)
    while it does not, e.g. another process is still migrating it: send no traffic yet."""
    try:
        found, needed = store.schema()
    except Exception as exc:
        return JSONResponse({"status": "unavailable", "detail": type(exc).__name__}, 503)
    if found != needed:
        detail = f"database schema {found or 'missing'}, this version needs {needed}"
        return JSONResponse({"status": "migrating", "detail": detail}, 503)
    return JSONResponse({"status": "ready", "schema": needed})
