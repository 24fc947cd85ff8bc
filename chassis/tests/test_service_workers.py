"""A service's own background loops run for the life of its app and stop with it."""

from __future__ import annotations

import asyncio

from fastapi.testclient import TestClient

from cers_chassis.service import BackgroundWork, ServiceRuntime, create_service_app
from cers_chassis.settings import ServiceSettings


def test_workers_start_with_the_app_and_are_cancelled_at_shutdown() -> None:
    seen: list[str] = []

    def workers(runtime: ServiceRuntime) -> list[tuple[str, BackgroundWork]]:
        async def ticker() -> None:
            seen.append(f"started for {runtime.settings.service_name}")
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                seen.append("cancelled")
                raise

        return [("ticker", ticker)]

    settings = ServiceSettings(service_name="with-workers", kafka_bootstrap="127.0.0.1:9")
    with TestClient(create_service_app(settings, title="t", workers=workers)) as client:
        assert client.get("/healthz").status_code == 200
        assert seen == ["started for with-workers"]
    assert seen == ["started for with-workers", "cancelled"]
