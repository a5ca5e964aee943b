"""Is the service up: GET /api/v1/health, for load balancers and `run.sh`."""

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
