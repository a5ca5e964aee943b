"""The framework's own ceiling for log-a-set (issue 13): a FastAPI route that takes the same
body model as `POST /api/v1/sets` (`web.schemas.SetIn`, validated the same way) and answers
201 with it, touching no database."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from hamcoach.web.schemas import SetIn

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@app.post("/api/v1/sets", status_code=201)
async def create_set(body: SetIn) -> JSONResponse:
    return JSONResponse(body.model_dump(mode="json"), status_code=201)


@app.get("/")
async def up() -> dict[str, str]:
    """For the benchmark's wait for start-up."""
    return {"status": "ok"}
