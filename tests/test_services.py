"""Every service runs on the chassis: migrations, liveness and readiness, real infrastructure."""

from __future__ import annotations

import asyncio
import importlib
import time
import uuid
from collections.abc import Iterator

import asyncpg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from cers_chassis.db import asyncpg_dsn
from cers_chassis.migrations import alembic_config, upgrade
from cers_chassis.service import create_service_app
from cers_chassis.settings import ServiceSettings
from tests.fixtures.runtime import KafkaRuntime, PostgresRuntime
from tests.fixtures.services import services_with_database

pytestmark = pytest.mark.integration
DATABASE_SERVICES = services_with_database()


@pytest.fixture
def fresh_database(postgres: PostgresRuntime) -> Iterator[str]:
    """An empty database (no platform tables): the migrations create them."""
    name = f"t_service_{uuid.uuid4().hex[:8]}"
    url = asyncio.run(postgres.create_database(name))
    yield url
    asyncio.run(postgres.drop_database(name))


def platform_objects(url: str) -> tuple[set[str], set[str]]:
    """The tables and the user triggers present in the database at ``url``."""

    async def read() -> tuple[set[str], set[str]]:
        connection = await asyncpg.connect(asyncpg_dsn(url))
        try:
            tables = await connection.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
            triggers = await connection.fetch(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
            )
        finally:
            await connection.close()
        return {r["tablename"] for r in tables}, {r["tgname"] for r in triggers}

    return asyncio.run(read())


def test_service_list_is_not_empty() -> None:
    assert {"identity", "accounts", "documents", "bulk", "notifications"} <= set(DATABASE_SERVICES)


@pytest.mark.parametrize("service", DATABASE_SERVICES)
def test_migrations_create_and_remove_the_platform_tables(
    service: str, fresh_database: str
) -> None:
    from alembic import command

    upgrade(service, fresh_database)
    tables, triggers = platform_objects(fresh_database)
    assert {"outbox", "inbox", "alembic_version"} <= tables
    assert "outbox_notify" in triggers

    command.downgrade(alembic_config(service, fresh_database), "base")
    tables, triggers = platform_objects(fresh_database)
    assert not {"outbox", "inbox"} & tables
    assert "outbox_notify" not in triggers

    upgrade(service, fresh_database)  # and back: the downgrade left nothing behind
    assert {"outbox", "inbox"} <= platform_objects(fresh_database)[0]


def wait_ready(client: TestClient, timeout_s: float = 30.0) -> dict[str, object]:
    deadline = time.monotonic() + timeout_s
    while True:
        response = client.get("/readyz")
        if response.status_code == 200 or time.monotonic() > deadline:
            body = response.json()
            assert isinstance(body, dict)
            return body
        time.sleep(0.25)


@pytest.mark.parametrize("service", DATABASE_SERVICES)
def test_service_app_is_alive_and_ready_on_its_database_and_kafka(
    service: str, fresh_database: str, kafka: KafkaRuntime, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade(service, fresh_database)
    monkeypatch.setenv("CERS_DATABASE_URL", fresh_database)
    monkeypatch.setenv("CERS_KAFKA_BOOTSTRAP", kafka.bootstrap)
    module = importlib.import_module(f"cers_{service}.entrypoints.app")  # reads the environment
    assert module.settings.service_name == service
    app: FastAPI = module.app
    with TestClient(app) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        assert wait_ready(client) == {
            "status": "ready",
            "checks": {"kafka": "ok", "database": "ok"},
        }


def test_a_service_without_kafka_is_alive_but_not_ready(database_url: str) -> None:
    settings = ServiceSettings(
        service_name="no-kafka", database_url=database_url, kafka_bootstrap="127.0.0.1:9"
    )
    with TestClient(create_service_app(settings, title="no kafka")) as client:
        assert client.get("/healthz").status_code == 200
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"kafka": "failing", "database": "ok"}
