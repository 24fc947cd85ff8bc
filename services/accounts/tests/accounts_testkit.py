"""Shared helpers of the accounts tests: the app on a fresh database, tokens, users, events.

A pytest plugin (root conftest.py): its ``accounts`` fixture serves every accounts test module.
``running_accounts`` starts the real app (real PostgreSQL and Kafka) with a movable clock, a token
verifier that trusts a test Ed25519 key, and a cheap argon2id hasher. Users come from real
``identity.user.v1`` events; emitted events are read back from the real topics.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from stdnum import luhn

from cers_accounts.adapters.code_hasher import Argon2CodeHasher
from cers_accounts.adapters.tables import known_users
from cers_accounts.config import AccountsSettings
from cers_accounts.entrypoints.app import create_app
from cers_accounts.service_layer.unit_of_work import Services
from cers_chassis.migrations import upgrade
from cers_contracts.identity import UserRegistered, UserState
from tests.fixtures import messaging
from tests.fixtures.contracts import assert_matches_contract
from tests.fixtures.messaging import Events, start_at_end
from tests.fixtures.runtime import KafkaRuntime, PostgresRuntime
from tests.fixtures.tokens import TestSigner

SIGNER = TestSigner("accounts-test")
USER_TOPIC = "identity.user.v1"
T = TypeVar("T")


def new_business_number(program: str = "RM") -> str:
    """A random valid 15-character Business Number of ``program``."""
    body = "".join(secrets.choice("0123456789") for _ in range(8))
    return f"{body}{luhn.calc_check_digit(body)}{program}0001"


@dataclass(frozen=True)
class Person:
    """A user identity would have published."""

    user_id: str
    urn: str
    first_name: str
    last_name: str
    email: str
    officer: bool = False

    @classmethod
    def make(cls, label: str, *, officer: bool = False) -> Person:
        tag = uuid.uuid4().hex[:8]
        return cls(
            user_id=f"user-{label}-{tag}",
            urn=f"U{secrets.randbelow(10**9):09d}",
            first_name=label.title(),
            last_name=f"Tester-{tag}",
            email=f"{label}.{tag}@example.com",
            officer=officer,
        )

    def token(self) -> str:
        return SIGNER.token(self.user_id, urn=self.urn, officer=self.officer)

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}

    def registered(self, *, disabled: bool = False) -> UserRegistered:
        state = UserState(
            user_id=self.user_id,
            urn=self.urn,
            first_name=self.first_name,
            last_name=self.last_name,
            email=self.email,
            email_confirmed=True,
            telephone="+1 613 555 0100",
            time_zone="America/Toronto",
            language="en",
            provider="gckey",
            officer=self.officer,
            disabled=disabled,
        )
        return UserRegistered(user_id=self.user_id, user=state, occurred_at=datetime.now(UTC))


class MovableClock:
    """Real time plus an offset the test moves forward."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


ADDRESS = {"line1": "1 Wharf Road", "city": "Halifax", "province": "CA-NS", "country": "CA"}
CONTACT = {"name": "Pat Contact", "telephone": "+1 902 555 0100", "email": "pat@example.com"}


@dataclass
class Accounts:
    """The running app and helpers to drive it."""

    client: TestClient
    clock: MovableClock
    bootstrap: str
    officer: Person = field(default_factory=lambda: Person.make("officer", officer=True))

    # -- users -------------------------------------------------------------------------------

    def publish_users(self, *users: Person, disabled: bool = False) -> None:
        """Publish the users' ``UserRegistered`` events and wait until the replica has them."""
        asyncio.run(publish(self.bootstrap, [u.registered(disabled=disabled) for u in users]))
        ids = [u.user_id for u in users]

        async def count() -> int:
            async with self.sessions() as session:
                query = select(func.count()).where(
                    known_users.c.user_id.in_(ids), known_users.c.disabled.is_(disabled)
                )
                return int((await session.execute(query)).scalar_one())

        deadline = time.monotonic() + 30
        while self.run(count) < len(ids):
            assert time.monotonic() < deadline, "the user replica did not catch up"
            time.sleep(0.05)

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        """Sessions on the app's database."""
        services: Services = self.client.app.state.services  # type: ignore[attr-defined]
        return services.sessions

    def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """Run ``work`` on the app's event loop."""
        assert self.client.portal is not None, "the app is not running"
        return self.client.portal.call(work)

    # -- HTTP ----------------------------------------------------------------------------------

    def call(self, user: Person | None, method: str, path: str, body: Any = None) -> httpx.Response:
        headers = user.headers() if user else {}
        response: httpx.Response = self.client.request(method, path, headers=headers, json=body)
        return response

    def at_once(self, calls: list[tuple[Person, str, str, Any]]) -> list[httpx.Response]:
        """Make the (user, method, path, body) calls concurrently on the app's event loop."""

        async def all_together() -> list[httpx.Response]:
            transport = httpx.ASGITransport(app=self.client.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://accounts") as http:
                return list(
                    await asyncio.gather(
                        *(
                            http.request(method, path, headers=user.headers(), json=body)
                            for user, method, path, body in calls
                        )
                    )
                )

        return self.run(all_together)

    def issue_code(self, business_number: str, **overrides: Any) -> dict[str, Any]:
        body = {
            "business_number": business_number,
            "export_designation": "export",
            "applicant_email": "applicant@example.com",
        } | overrides
        response = self.call(self.officer, "POST", "/v1/officer/activation-codes", body)
        assert response.status_code == 201, response.text
        issued: dict[str, Any] = response.json()
        return issued

    def activation_body(
        self, business_number: str, code: str, business_type: str = "exporter"
    ) -> dict[str, Any]:
        return {
            "business_number": business_number,
            "activation_code": code,
            "business_type": business_type,
            "legal_name": f"Business {business_number}",
            "operating_name": None,
            "address": ADDRESS,
            "contact": CONTACT,
        }

    def open_account(self, owner: Person, business_type: str = "exporter") -> dict[str, Any]:
        """Officer issues a code; ``owner`` activates a new account with it."""
        bn = new_business_number()
        code = self.issue_code(bn)["activation_code"]
        body = self.activation_body(bn, code, business_type)
        response = self.call(owner, "POST", "/v1/business-accounts", body)
        assert response.status_code == 201, response.text
        account: dict[str, Any] = response.json()
        return account

    def add_member(self, actor: Person, account_id: str, user: Person, role: str) -> httpx.Response:
        """``actor`` adds ``user`` with ``role`` (which must succeed)."""
        body = {"urn": user.urn, "last_name": user.last_name, "email": user.email, "role": role}
        response = self.call(actor, "POST", f"/v1/business-accounts/{account_id}/members", body)
        assert response.status_code == 201, response.text
        return response


@contextlib.contextmanager
def running_accounts(
    postgres: PostgresRuntime, kafka: KafkaRuntime, **settings: Any
) -> Iterator[Accounts]:
    """The accounts app on a fresh migrated database, started (lifespan) for the block."""
    name = f"t_accounts_{uuid.uuid4().hex[:10]}"
    url = asyncio.run(postgres.create_database(name))
    group = f"t-accounts-{uuid.uuid4().hex[:8]}"
    try:
        upgrade("accounts", url)
        clock = MovableClock()
        app = create_app(
            AccountsSettings(
                database_url=url,
                kafka_bootstrap=kafka.bootstrap,
                consumer_group=group,
                relay_poll_interval_s=0.2,
                **settings,
            ),
            clock=clock,
            verifier=SIGNER.verifier(),
            hasher=Argon2CodeHasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)),
        )
        asyncio.run(start_at_end(kafka.bootstrap, app.state.consumers))
        with TestClient(app) as client:
            yield Accounts(client, clock, kafka.bootstrap)
    finally:
        asyncio.run(postgres.drop_database(name))


@pytest.fixture(scope="module")
def accounts(postgres: PostgresRuntime, kafka: KafkaRuntime) -> Iterator[Accounts]:
    """The accounts app for one test module (fresh database, movable clock, expiry sweep every
    0.2 s so that a moved clock is noticed at once)."""
    with running_accounts(postgres, kafka, expiry_sweep_interval_s=0.2) as running:
        yield running


async def publish(bootstrap: str, events: list[UserRegistered]) -> None:
    """Publish identity events as identity would: CloudEvents headers, JSON body, keyed."""
    async with Events(bootstrap) as out:
        for event in events:
            await out.publish(event, source="/cers/identity")


Positions = dict[TopicPartition, int]


def topic_end(bootstrap: str, topic: str) -> Positions:
    """Where each partition of ``topic`` ends now (read events emitted after this point)."""
    return asyncio.run(messaging.topic_end(bootstrap, topic))


def read_since(
    bootstrap: str,
    since: Positions,
    keep: Callable[[ConsumerRecord[bytes, bytes]], bool],
    count: int,
    *,
    timeout_s: float = 20.0,
) -> list[ConsumerRecord[bytes, bytes]]:
    """The first ``count`` records after ``since`` that ``keep`` accepts, each checked against
    its contract schema (fewer if the timeout passes)."""

    async def read() -> list[ConsumerRecord[bytes, bytes]]:
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
        await consumer.start()
        try:
            consumer.assign(list(since))
            for partition, offset in since.items():
                consumer.seek(partition, offset)
            found: list[ConsumerRecord[bytes, bytes]] = []
            deadline = time.monotonic() + timeout_s
            while len(found) < count and time.monotonic() < deadline:
                for records in (await consumer.getmany(timeout_ms=300)).values():
                    found.extend(r for r in records if keep(r))
            return found
        finally:
            await consumer.stop()

    records = asyncio.run(read())
    for record in records:
        assert_matches_contract(record.headers, record.value)
    return records


def event_type(record: ConsumerRecord[bytes, bytes]) -> str:
    """The record's CloudEvents type, without the common prefix and version."""
    headers = {k: v.decode() for k, v in record.headers}
    ce_type: str = headers["ce_type"]
    return ce_type.removeprefix("ca.cbsa.cers.accounts.").removesuffix(".v1")


def keyed(key: str) -> Callable[[ConsumerRecord[bytes, bytes]], bool]:
    """A filter of records whose Kafka key is ``key``."""
    return lambda record: record.key == key.encode()
