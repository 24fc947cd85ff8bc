"""Shared pieces of identity's integration tests: a migrated database per module, a clock the
tests move, an app on the real database and broker, and helpers for the common journeys."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from fastapi.testclient import TestClient

from cers_chassis.auth import Principal
from cers_chassis.db import asyncpg_dsn
from cers_chassis.migrations import upgrade
from cers_contracts.topics import REGISTRY
from cers_identity.config import IdentitySettings
from cers_identity.entrypoints import admin
from cers_identity.entrypoints.app import create_app
from tests.fixtures.contracts import assert_matches_contract
from tests.fixtures.runtime import KafkaRuntime, PostgresRuntime
from tests.fixtures.tokens import jwks_verifier

TOPIC = "identity.user.v1"
PASSWORD = "Tulip-Harbour-1987"
RECOVERY = [
    {"question": "First pet's name?", "answer": "Rex"},
    {"question": "Town of birth?", "answer": "Moose Jaw"},
    {"question": "Favourite teacher?", "answer": "Mme Gagnon"},
]
PROFILE = {
    "first_name": "Jeanne",
    "last_name": "Tremblay",
    "email": "jeanne.tremblay@example.ca",
    "telephone": "+1 613 555 0199",
    "time_zone": "America/Toronto",
    "language": "fr",
}
_names = itertools.count()


class MovableClock:
    """A clock at real time until a test moves it forward."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def reset(self) -> None:
        self.now = datetime.now(UTC)


def unique_username(prefix: str = "u") -> str:
    """A fresh valid username (8-16 characters) for one test."""
    return f"{prefix}{uuid.uuid4().hex[:7]}{next(_names)}"[:16]


@pytest.fixture(scope="module")
def identity_database(postgres: PostgresRuntime) -> Iterator[str]:
    """A fresh identity database, migrated to head, for the test module."""
    name = f"t_identity_{uuid.uuid4().hex[:10]}"
    url = asyncio.run(postgres.create_database(name))
    upgrade("identity", url)
    yield url
    asyncio.run(postgres.drop_database(name))


def identity_settings(url: str, kafka: KafkaRuntime, **overrides: Any) -> IdentitySettings:
    """Settings for a test app: cheap argon2 (tests hash a lot), the test database and broker."""
    values: dict[str, Any] = {
        "database_url": url,
        "kafka_bootstrap": kafka.bootstrap,
        "argon2_time_cost": 1,
        "argon2_memory_kib": 1024,  # about 1 ms a hash; the production default is 64 MiB
        "argon2_parallelism": 1,
        "relay_poll_interval_s": 0.2,
        "log_json": False,
    }
    return IdentitySettings(**(values | overrides))


AdminCommand = Callable[[list[str]], tuple[int, dict[str, Any]]]


@pytest.fixture
def admin_command(
    identity_database: str, kafka: KafkaRuntime, capsys: pytest.CaptureFixture[str]
) -> AdminCommand:
    """Run the admin command on the module's database: (exit status, its JSON answer).

    The answer is standard output on success, standard error (the refusal) otherwise.
    """

    def run(argv: list[str]) -> tuple[int, dict[str, Any]]:
        status = admin.main(argv, identity_settings(identity_database, kafka))
        out, err = capsys.readouterr()
        answer: dict[str, Any] = json.loads(out if status == 0 else err)
        return status, answer

    return run


@pytest.fixture(scope="module")
def clock() -> MovableClock:
    """The module app's clock (``client`` puts it back at real time before each test)."""
    return MovableClock()


@pytest.fixture(scope="module")
def app_overrides() -> dict[str, Any]:
    """Settings a module changes for its app (override this fixture in the module)."""
    return {}


@pytest.fixture(scope="module")
def identity_app(
    identity_database: str,
    kafka: KafkaRuntime,
    clock: MovableClock,
    app_overrides: dict[str, Any],
) -> Iterator[TestClient]:
    """The identity app of the module, running (broker, relay, worker) on the real services."""
    settings = identity_settings(identity_database, kafka, **app_overrides)
    with TestClient(create_app(settings, clock=clock)) as test_client:
        yield test_client


@pytest.fixture
def client(identity_app: TestClient, clock: MovableClock) -> TestClient:
    """The module's app, with its clock at real time for this test."""
    clock.reset()
    return identity_app


def wait_until(condition: Callable[[], bool], *, timeout_s: float = 10.0) -> bool:
    """Poll ``condition`` (what a background worker brings about) until it holds or time is up."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def session_headers(session_id: str) -> dict[str, str]:
    return {"X-Session-Id": session_id}


def sign_up(client: TestClient, provider: str, username: str, password: str = PASSWORD) -> None:
    response = client.post(
        f"/v1/providers/{provider}/sign-up",
        json={
            "username": username,
            "password": password,
            "password_confirmation": password,
            "recovery": RECOVERY,
        },
    )
    assert response.status_code == 201, response.text


def sign_in(
    client: TestClient, provider: str, username: str, password: str = PASSWORD
) -> dict[str, Any]:
    response = client.post(
        f"/v1/providers/{provider}/sign-in", json={"username": username, "password": password}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def accept_terms(client: TestClient, session_id: str) -> dict[str, Any]:
    """Accept the current terms in the session: the session view after it."""
    version = client.get("/v1/terms").json()["version"]
    accepted = client.post(
        "/v1/session/terms-acceptance",
        json={"version": version},
        headers=session_headers(session_id),
    )
    assert accepted.status_code == 200, accepted.text
    body: dict[str, Any] = accepted.json()
    return body


def create_user_account(client: TestClient, session_id: str, **profile: str) -> dict[str, Any]:
    """Accept the terms and create the session's user account: the session view (with its id)."""
    accept_terms(client, session_id)
    created = client.post(
        "/v1/session/user-account", json=PROFILE | profile, headers=session_headers(session_id)
    )
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body | {"session_id": session_id}


def new_user(
    client: TestClient, provider: str = "gckey", **profile: str
) -> tuple[str, dict[str, Any]]:
    """Sign up, sign in, accept the terms, create the user account: (username, session view)."""
    username = unique_username()
    sign_up(client, provider, username)
    session_id = sign_in(client, provider, username)["session_id"]
    return username, create_user_account(client, session_id, **profile)


def codes(response: httpx.Response) -> set[tuple[str, str]]:
    """The (pointer, code) pairs of an error response."""
    return {(e["pointer"], e["code"]) for e in response.json()["errors"]}


def user_events(
    bootstrap: str,
    user_id: str,
    until: Callable[[list[ConsumerRecord[bytes, bytes]]], bool],
    *,
    timeout_s: float = 20.0,
) -> list[ConsumerRecord[bytes, bytes]]:
    """The user's records on the identity topic, read from the start until ``until`` holds.

    Each is checked against its committed contract schema.
    """

    async def read() -> list[ConsumerRecord[bytes, bytes]]:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
        )
        await consumer.start()
        try:
            partitions = REGISTRY.topic(TOPIC).partitions
            consumer.assign([TopicPartition(TOPIC, p) for p in range(partitions)])
            found: list[ConsumerRecord[bytes, bytes]] = []
            deadline = time.monotonic() + timeout_s
            while not until(found) and time.monotonic() < deadline:
                for records in (await consumer.getmany(timeout_ms=300)).values():
                    found.extend(r for r in records if r.key == user_id.encode())
            return found
        finally:
            await consumer.stop()

    records = asyncio.run(read())
    for record in records:
        assert_matches_contract(record.headers, record.value)
    return records


def event_types(records: list[ConsumerRecord[bytes, bytes]]) -> list[str]:
    """The short type names (``registered``, ...) of records, in order."""
    names = []
    for record in records:
        ce_type = dict(record.headers)["ce_type"].decode()
        names.append(ce_type.removeprefix("ca.cbsa.cers.identity.user.").removesuffix(".v1"))
    return names


def has_types(*wanted: str) -> Callable[[list[ConsumerRecord[bytes, bytes]]], bool]:
    """``until`` for ``user_events``: every wanted type has been seen (at least as often)."""

    def check(records: list[ConsumerRecord[bytes, bytes]]) -> bool:
        seen = event_types(records)
        return all(seen.count(name) >= wanted.count(name) for name in wanted)

    return check


def verify_token(client: TestClient, token: str) -> Principal:
    """Verify a token as another service would: the chassis verifier on identity's JWKS."""

    async def verify() -> Principal:
        verifier = jwks_verifier(lambda: client.get("/.well-known/jwks.json").json())
        try:
            return await verifier.verify(token)
        finally:
            await verifier.aclose()

    return asyncio.run(verify())


def query(url: str, sql: str, *args: object) -> list[asyncpg.Record]:
    """The rows ``sql`` (with ``$n`` parameters) answers on the database at ``url``."""

    async def read() -> list[asyncpg.Record]:
        connection = await asyncpg.connect(asyncpg_dsn(url))
        try:
            return list(await connection.fetch(sql, *args))
        finally:
            await connection.close()

    return asyncio.run(read())


def audit_actions(url: str, **where: str) -> list[str]:
    """The audit log's actions (in order) for the given column values."""
    conditions = " AND ".join(f"{column} = ${i}" for i, column in enumerate(where, 1))
    sql = f"SELECT action FROM audit_log WHERE {conditions} ORDER BY id"
    return [row["action"] for row in query(url, sql, *where.values())]


def count_rows(url: str, table: str, where: str = "TRUE") -> int:
    """How many rows of ``table`` meet the SQL condition ``where``."""
    return int(query(url, f"SELECT count(*) FROM {table} WHERE {where}")[0][0])
