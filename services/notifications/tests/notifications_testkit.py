"""The notifications tests' kit (a pytest plugin): tokens, a real SMTP server, events, the app.

Each app gets consumer groups of its own, positioned at the end of the topics it reads before it
starts (``start_at_end``): it sees the events its test publishes, not the history of the
shared topics (hundreds of identity and accounts events when those services' tests ran first),
and no other app on the broker (another test, ``make run``) shares its partitions. Production
groups still start from the earliest offset.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import socket
import string
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import asyncpg
import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from fastapi import FastAPI

from cers_chassis.db import asyncpg_dsn
from cers_contracts.identity import UserRegistered, UserState
from cers_notifications.config import NotificationsSettings
from cers_notifications.entrypoints.app import create_app
from tests.fixtures.messaging import eventually, start_at_end
from tests.fixtures.runtime import KafkaRuntime
from tests.fixtures.tokens import TestSigner


class Tokens(TestSigner):
    """The test signer, with the headers the notifications tests send."""

    def headers(self, user_id: str, *, officer: bool = False) -> dict[str, str]:
        """Authorization headers naming ``user_id``."""
        token = self.token(user_id, urn=f"URN-{user_id[:8]}", officer=officer)
        return {"Authorization": f"Bearer {token}"}


def free_port() -> int:
    """A loopback port free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _Collector:
    def __init__(self, inbox: SmtpServer) -> None:
        self._inbox = inbox

    async def handle_DATA(  # noqa: N802 - the name aiosmtpd calls
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        message = message_from_bytes(envelope.original_content or b"", policy=policy.default)
        assert isinstance(message, EmailMessage)
        self._inbox.received(message)
        return "250 OK"


class SmtpServer:
    """A real SMTP server (aiosmtpd, own thread) on a loopback port; it can go down and up."""

    def __init__(self) -> None:
        self.port = free_port()
        self._lock = threading.Lock()
        self._messages: list[EmailMessage] = []
        self._controller: Controller | None = None

    def received(self, message: EmailMessage) -> None:
        with self._lock:
            self._messages.append(message)

    @property
    def messages(self) -> list[EmailMessage]:
        """Every message received so far."""
        with self._lock:
            return list(self._messages)

    def to(self, address: str) -> list[EmailMessage]:
        """The messages addressed to ``address``."""
        return [m for m in self.messages if address.lower() in str(m["To"]).lower()]

    def start(self) -> None:
        self._controller = Controller(
            _Collector(self), hostname="127.0.0.1", port=self.port, server_hostname="test-smtp"
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    async def wait_for(
        self, address: str, count: int = 1, *, timeout_s: float = 20.0
    ) -> list[EmailMessage]:
        """The messages to ``address`` once there are ``count`` (fewer after the timeout)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if len(self.to(address)) >= count:
                break
            await asyncio.sleep(0.1)
        return self.to(address)


def body_of(message: EmailMessage) -> str:
    """The plain-text body."""
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    content: str = part.get_content()
    return content


def assert_language(message: EmailMessage, language: str, *, body_has: str) -> None:
    """The message is in ``language``: header, first half of the subject, body text."""
    assert message["Content-Language"] == f"{language}-CA", message.as_string()
    first_subject = str(message["Subject"]).split(" / ")[0]
    assert {"en": "CERS", "fr": "SCDE"}[language] in first_subject, first_subject
    assert body_has in body_of(message), body_of(message)
    assert str(message["Message-ID"]).strip().startswith("<notice.")


@dataclass
class Clock:
    """A clock the test moves."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def unique(prefix: str) -> str:
    """A fresh id for this test's data (other tests share the topics)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def bulletin_number() -> str:
    """A fresh bulletin number: four random letters, the year, four random digits."""
    letters = "".join(random.choice(string.ascii_uppercase) for _ in range(4))
    return f"{letters}25-{random.randint(0, 9999):04d}"


def bulletin_body(number: str | None = None, **overrides: Any) -> dict[str, Any]:
    """A bulletin as an officer posts it (started an hour ago), with ``overrides``."""
    starts = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    body: dict[str, Any] = {
        "number": number or bulletin_number(),
        "title": {"en": "Release delays", "fr": "Retards de mainlevée"},
        "starts_at": starts.isoformat(),
        "clients_affected": {"en": "Exporters", "fr": "Exportateurs"},
        "description": {"en": "Releases are slow.", "fr": "Les mainlevées sont lentes."},
        "action_required": {"en": "None.", "fr": "Aucune."},
        "topics": ["Release"],
        "category": "Exporter",
        "outage": False,
    }
    return body | overrides


async def subscribe(
    client: httpx.AsyncClient, tokens: Tokens, user_id: str, categories: list[str]
) -> None:
    """Make ``categories`` the user's e-mail bulletin subscriptions (My Profile)."""
    response = await client.put(
        "/v1/me/subscriptions", json={"categories": categories}, headers=tokens.headers(user_id)
    )
    assert response.json() == {"categories": sorted(categories)}, response.text


def user_state(*, language: str = "en", officer: bool = False, **overrides: Any) -> UserState:
    """A user with fresh ids and e-mail."""
    user_id = unique("user")
    values: dict[str, Any] = {
        "user_id": user_id,
        "urn": f"U{uuid.uuid4().hex[:10].upper()}",
        "first_name": "Camille" if language == "fr" else "Alex",
        "last_name": "Tremblay",
        "email": f"{user_id}@example.com",
        "email_confirmed": True,
        "telephone": "613-555-0100",
        "time_zone": "America/Toronto",
        "language": language,
        "provider": "gckey",
        "officer": officer,
    }
    return UserState(**(values | overrides))


def registered(user: UserState) -> UserRegistered:
    """The event that puts ``user`` in the replica."""
    return UserRegistered(user_id=user.user_id, user=user, occurred_at=datetime.now(UTC))


def app_settings(
    database_url: str, bootstrap: str, smtp_port: int, **overrides: Any
) -> NotificationsSettings:
    """Settings for a test app: own consumer groups, fast loops, the test's SMTP server, no sink."""
    values: dict[str, Any] = {
        "database_url": database_url,
        "consumer_group": unique("t-notifications"),
        "kafka_bootstrap": bootstrap,
        "smtp_port": smtp_port,
        "smtp_sink_enabled": False,
        "sender_poll_interval_s": 0.1,
        "outage_check_interval_s": 0.1,
        "notice_retry_base_s": 0.2,
        "notice_retry_max_s": 1.0,
        "relay_poll_interval_s": 0.2,
        "log_json": False,
        "log_level": "WARNING",
    }
    return NotificationsSettings(**(values | overrides))


@contextlib.asynccontextmanager
async def running(
    settings: NotificationsSettings, tokens: Tokens, clock: Callable[[], datetime] | None = None
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    """The app with its lifespan (broker, relay, consumers, workers) and a client to it."""
    app = create_app(settings, verifier=tokens.verifier(), **({"clock": clock} if clock else {}))
    await start_at_end(settings.kafka_bootstrap, app.state.consumers)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://notifications"
        ) as client:
            yield app, client


async def query(settings: NotificationsSettings, sql: str, *args: Any) -> list[dict[str, Any]]:
    """Rows of ``sql`` on the app's database (what the service stored)."""
    assert settings.database_url
    connection = await asyncpg.connect(asyncpg_dsn(settings.database_url))
    try:
        return [dict(row) for row in await connection.fetch(sql, *args)]
    finally:
        await connection.close()


async def notices_to(settings: NotificationsSettings, *recipients: str) -> list[dict[str, Any]]:
    """The stored notices to ``recipients`` (user ids or lower-case addresses), oldest first."""
    rows = await query(
        settings,
        "SELECT * FROM notices WHERE recipient = ANY($1::text[]) ORDER BY created_at",
        list(recipients),
    )
    return [row | {"params": json.loads(row["params"])} for row in rows]


async def wait_for_notices(
    settings: NotificationsSettings, *recipients: str, status: str, count: int
) -> list[dict[str, Any]]:
    """The notices to ``recipients`` once ``count`` of them are in ``status`` (fails after 20 s)."""

    async def reached() -> list[dict[str, Any]] | None:
        found = await notices_to(settings, *recipients)
        return found if sum(n["status"] == status for n in found) >= count else None

    found = await eventually(reached, timeout_s=20)
    assert found, f"fewer than {count} notice(s) {status} to {recipients}"
    return list(found)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server, up for the test."""
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server_down() -> Iterator[SmtpServer]:
    """A real SMTP server that is down until the test starts it."""
    server = SmtpServer()
    yield server
    server.stop()


@pytest.fixture
def notifications_database(service_database: Callable[[str], str]) -> str:
    """A fresh, migrated notifications database (its URL)."""
    return service_database("notifications")


@pytest.fixture
def notifications_settings(
    notifications_database: str, kafka: KafkaRuntime, smtp_server: SmtpServer
) -> NotificationsSettings:
    """Settings of a test app on a fresh database, the real broker and ``smtp_server``."""
    return app_settings(notifications_database, kafka.bootstrap, smtp_server.port)
