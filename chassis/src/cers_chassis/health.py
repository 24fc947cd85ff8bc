"""``/healthz`` (the process is alive) and ``/readyz`` (its database and broker answer)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from faststream.kafka import KafkaBroker
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

Check = Callable[[], Awaitable[bool]]
CHECK_TIMEOUT_S = 2.0


def database_check(engine: AsyncEngine) -> Check:
    """True when the database answers ``SELECT 1``."""

    async def check() -> bool:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return True

    return check


def broker_check(broker: KafkaBroker) -> Check:
    """True when the Kafka broker answers a metadata request."""

    async def check() -> bool:
        return bool(await broker.ping(timeout=CHECK_TIMEOUT_S))

    return check


async def _run(check: Check) -> bool:
    try:
        return await asyncio.wait_for(check(), timeout=CHECK_TIMEOUT_S)
    except Exception:
        return False


def health_router(checks: Mapping[str, Check]) -> APIRouter:
    """Routes for liveness and readiness; readiness runs every check concurrently."""
    router = APIRouter(tags=["health"])

    @router.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        names = list(checks)
        results = await asyncio.gather(*(_run(checks[name]) for name in names))
        status = dict(zip(names, ("ok" if ok else "failing" for ok in results), strict=True))
        ready = all(results)
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": status},
            status_code=200 if ready else 503,
        )

    return router
