"""The documents tests' kit (a pytest plugin): the app on a fresh database, tokens, a business
world built from real accounts events, and readers of the real topics.

``documents`` (module scope) starts the real app (real PostgreSQL and Kafka) with a movable clock
set to the rule examples' instant, a token verifier that trusts a test Ed25519 key, consumer
groups of its own positioned at the end of their topics, and one exporter whose members (owner,
proxy owner, user, browser), associated CSP member, outsider and officer are published as real
``accounts.*`` events and awaited in the replicas.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from stdnum import luhn

from cers_chassis.authorization import authz_associations, authz_memberships
from cers_chassis.migrations import upgrade
from cers_contracts.accounts import (
    Address,
    AssociationRecorded,
    BusinessAccountActivated,
    BusinessAccountState,
    BusinessType,
    Contact,
    Member,
    MemberAdded,
    Role,
)
from cers_contracts.message import Message
from cers_documents.adapters.tables import exporters
from cers_documents.config import DocumentsSettings
from cers_documents.entrypoints.app import create_app
from services.documents.tests.documents_rules_examples import NOW, valid_data
from tests.fixtures import messaging
from tests.fixtures.contracts import assert_matches_contract
from tests.fixtures.messaging import Events, start_at_end
from tests.fixtures.runtime import KafkaRuntime, PostgresRuntime
from tests.fixtures.tokens import TestSigner

SIGNER = TestSigner("documents-test")
DECLARATION_TOPIC = "documents.declaration.v1"
RESULT_TOPIC = "documents.declaration-result.v1"
T = TypeVar("T")
Positions = dict[TopicPartition, int]
ROLES: tuple[Role, ...] = ("owner", "proxy_owner", "user", "browser")


def new_business_number() -> str:
    """A random valid 15-character Business Number."""
    body = "".join(secrets.choice("0123456789") for _ in range(8))
    return f"{body}{luhn.calc_check_digit(body)}RM0001"


def new_authorization_id() -> str:
    """A random AuthID (second letter never Z)."""
    first = secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    second = secrets.choice("ABCDEFGHIJKLMNOPQRSTUVWXY")
    return f"{first}{second}{secrets.randbelow(10_000):04d}"


@dataclass(frozen=True)
class User:
    """A user as a token names them."""

    user_id: str
    urn: str
    officer: bool = False

    @classmethod
    def make(cls, label: str, *, officer: bool = False) -> User:
        return cls(
            f"user-{label}-{uuid.uuid4().hex[:8]}", f"U{secrets.randbelow(10**9):09d}", officer
        )

    def headers(self, **extra: str) -> dict[str, str]:
        token = SIGNER.token(self.user_id, urn=self.urn, officer=self.officer)
        return {"Authorization": f"Bearer {token}", **extra}


@dataclass(frozen=True)
class Account:
    """A business account published to the replicas."""

    account_id: str
    business_number: str
    authorization_id: str

    @property
    def path(self) -> str:
        return f"/v1/business-accounts/{self.account_id}"


class MovableClock:
    """A clock the tests move; starts at the rule examples' instant."""

    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@dataclass
class Documents:
    """The running app, its world and helpers to drive it."""

    client: TestClient
    clock: MovableClock
    bootstrap: str
    started: dict[str, Positions]
    exporter: Account
    csp: Account
    people: dict[str, User]

    # -- calls ----------------------------------------------------------------------------------

    def call(
        self,
        who: str | User,
        method: str,
        path: str,
        body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """``who`` (a name in ``people`` or a user) calls the app."""
        user = self.people[who] if isinstance(who, str) else who
        response: httpx.Response = self.client.request(
            method, path, headers=user.headers(**(headers or {})), json=body, **kwargs
        )
        return response

    def at_once(
        self, who: str, calls: list[tuple[str, str, Any, dict[str, str]]]
    ) -> list[httpx.Response]:
        """Make the (method, path, body, headers) calls concurrently on the app's loop."""
        user = self.people[who]

        async def all_together() -> list[httpx.Response]:
            transport = httpx.ASGITransport(app=self.client.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://documents") as http:
                return list(
                    await asyncio.gather(
                        *(
                            http.request(method, path, json=body, headers=user.headers(**extra))
                            for method, path, body, extra in calls
                        )
                    )
                )

        return self.run(all_together)

    def run(self, work: Callable[[], Awaitable[T]]) -> T:
        """Run ``work`` on the app's event loop."""
        assert self.client.portal is not None, "the app is not running"
        return self.client.portal.call(work)

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        sessions: async_sessionmaker[AsyncSession] | None = self.client.app.state.runtime.sessions  # type: ignore[attr-defined]
        assert sessions is not None
        return sessions

    def count(self, query: Any) -> int:
        """The scalar of a count query on the app's database."""

        async def run() -> int:
            async with self.sessions() as session:
                return int((await session.execute(query)).scalar_one())

        return self.run(run)

    # -- documents ------------------------------------------------------------------------------

    def submit(
        self, who: str = "owner", account: Account | None = None, **changes: Any
    ) -> dict[str, Any]:
        """Submit a valid declaration (with ``changes``); its confirmation."""
        target = account or self.exporter
        response = self.call(who, "POST", f"{target.path}/declarations", valid_data(**changes))
        assert response.status_code == 201, response.text
        confirmation: dict[str, Any] = response.json()
        return confirmation

    def events(
        self,
        topic: str,
        key: str,
        count: int,
        *,
        keep: Callable[[dict[str, Any]], bool] = lambda _: True,
        timeout_s: float = 20.0,
    ) -> list[tuple[str, dict[str, Any]]]:
        """(type, body) of the first ``count`` records keyed ``key`` that this app emitted since
        it started (fewer when ``timeout_s`` passes first).

        Other documents apps on the broker (another test module's, the gateway tests' backend)
        see the same accounts events and commands and may answer too: their records have
        another CloudEvents source.
        """
        source = self.client.app.state.wiring.settings.source  # type: ignore[attr-defined]
        records = read_since(
            self.bootstrap,
            self.started[topic],
            lambda r: (
                r.key == key.encode()
                and dict(r.headers).get("ce_source") == source.encode()
                and keep(json.loads(r.value))
            ),
            count,
            timeout_s=timeout_s,
        )
        return [(event_type(r), json.loads(r.value)) for r in records]


def event_type(record: ConsumerRecord[bytes, bytes]) -> str:
    """The record's CloudEvents type, without the common prefix and version."""
    ce_type: str = dict(record.headers)["ce_type"].decode()
    return ce_type.removeprefix("ca.cbsa.cers.documents.").removesuffix(".v1")


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


# -- the world ----------------------------------------------------------------------------------


def _state(account: Account, owner: User, business_type: BusinessType) -> BusinessAccountState:
    return BusinessAccountState(
        business_account_id=account.account_id,
        business_number=account.business_number,
        authorization_id=account.authorization_id,
        business_type=business_type,
        legal_name=f"Business {account.business_number}",
        operating_name=None,
        address=Address(line1="1 Wharf Road", city="Halifax", province="CA-NS", country="CA"),
        contact=Contact(name="Pat Contact", telephone="902 555 0100", email="pat@example.com"),
        owner_user_id=owner.user_id,
    )


def _new_account() -> Account:
    return Account(f"acct-{uuid.uuid4().hex[:12]}", new_business_number(), new_authorization_id())


def account_events(
    account: Account, members: dict[User, Role], business_type: BusinessType, at: datetime
) -> list[Message]:
    """What accounts publishes for an activated account with ``members``."""
    owner = next(user for user, role in members.items() if role == "owner")
    listed = [Member(user_id=u.user_id, urn=u.urn, role=r) for u, r in members.items()]
    return [
        BusinessAccountActivated(
            business_account_id=account.account_id,
            account=_state(account, owner, business_type),
            actor_user_id=owner.user_id,
            occurred_at=at,
        ),
        MemberAdded(
            business_account_id=account.account_id,
            business_number=account.business_number,
            authorization_id=account.authorization_id,
            business_type=business_type,
            version=1,
            members=listed,
            user_id=owner.user_id,
            actor_user_id=owner.user_id,
            occurred_at=at,
            role="owner",
        ),
    ]


def publish(bootstrap: str, messages: list[Message]) -> None:
    """Publish ``messages`` as accounts would."""

    async def send() -> None:
        async with Events(bootstrap) as out:
            for message in messages:
                await out.publish(message, source="/cers/accounts")

    asyncio.run(send())


def build_world(documents: Documents, at: datetime) -> None:
    """Publish the exporter, its CSP and the association; wait until every replica has them."""
    people = documents.people
    exporter_members = {people[role]: role for role in ROLES}
    association = AssociationRecorded(
        exporter_account_id=documents.exporter.account_id,
        exporter_business_number=documents.exporter.business_number,
        csp_account_id=documents.csp.account_id,
        csp_business_number=documents.csp.business_number,
        associated_csp_account_ids=[documents.csp.account_id],
        version=1,
        actor_user_id=people["officer"].user_id,
        occurred_at=at,
    )
    csp_members: dict[User, Role] = {people["csp_owner"]: "owner", people["csp_member"]: "user"}
    publish(
        documents.bootstrap,
        [
            *account_events(documents.exporter, exporter_members, "exporter", at),
            *account_events(documents.csp, csp_members, "customs_service_provider", at),
            association,
        ],
    )
    wanted = [
        (select(func.count()).select_from(exporters), 2),
        (select(func.count()).select_from(authz_memberships), len(exporter_members) + 2),
        (select(func.count()).select_from(authz_associations), 1),
    ]
    deadline = time.monotonic() + 30
    while any(documents.count(query) < expected for query, expected in wanted):
        assert time.monotonic() < deadline, "the replicas did not catch up"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def documents(postgres: PostgresRuntime, kafka: KafkaRuntime) -> Iterator[Documents]:
    """The documents app for one test module, with its world (see the module docstring)."""
    name = f"t_documents_{uuid.uuid4().hex[:10]}"
    url = asyncio.run(postgres.create_database(name))
    try:
        upgrade("documents", url)
        clock = MovableClock()
        app = create_app(
            DocumentsSettings(
                service_name=f"documents-{name[12:]}",  # its own CloudEvents source (see events)
                database_url=url,
                kafka_bootstrap=kafka.bootstrap,
                consumer_group=f"t-documents-{uuid.uuid4().hex[:8]}",
                relay_poll_interval_s=0.2,
                draft_expiry_interval_s=0.2,
            ),
            clock=clock,
            verifier=SIGNER.verifier(),
        )
        asyncio.run(start_at_end(kafka.bootstrap, app.state.consumers))
        started = {
            topic: asyncio.run(messaging.topic_end(kafka.bootstrap, topic))
            for topic in (DECLARATION_TOPIC, RESULT_TOPIC)
        }
        people = {
            name: User.make(name) for name in (*ROLES, "non_member", "csp_owner", "csp_member")
        }
        people["officer"] = User.make("officer", officer=True)
        with TestClient(app) as client:
            running = Documents(
                client, clock, kafka.bootstrap, started, _new_account(), _new_account(), people
            )
            build_world(running, clock())
            yield running
    finally:
        asyncio.run(postgres.drop_database(name))
