"""Liveness and readiness routes."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI
from fastapi.testclient import TestClient

from cers_chassis.health import health_router


async def ok() -> bool:
    return True


async def broken() -> bool:
    raise ConnectionRefusedError("database down")


async def hangs() -> bool:
    await asyncio.sleep(60)
    return True


def client(**checks: object) -> TestClient:
    app = FastAPI()
    app.include_router(health_router(checks))  # type: ignore[arg-type]
    return TestClient(app)


def test_ready_when_every_check_passes() -> None:
    response = client(database=ok, kafka=ok).get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok", "kafka": "ok"}}


def test_not_ready_names_the_failing_check_and_liveness_stays_up() -> None:
    app = client(database=broken, kafka=ok)
    response = app.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "failing", "kafka": "ok"}
    assert app.get("/healthz").status_code == 200


def test_a_hanging_check_counts_as_failing() -> None:
    response = client(kafka=hangs).get("/readyz")
    assert response.status_code == 503
