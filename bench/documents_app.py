"""The documents service under benchmark: its real app, in this process, on throw-away state.

``DocumentsUnderTest`` migrates a scratch database with the service's own migrations, creates the
app (``create_app``) with consumer groups of its own started at the end of the real topics, runs
its lifespan (broker, consumers, outbox relay, workers) on this event loop, and drives it over
HTTP through ``httpx.ASGITransport``: no socket, no server, the request goes straight to the ASGI
app. Tokens are signed by the documents test kit's signer, which the app's verifier trusts. A
scratch exporter account and its owner are published as real ``accounts.*`` events (as the test
kit does) and awaited in the service's replicas.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bench.phases import Progress
from bench.runtime import Scratch
from cers_chassis.authorization import authz_memberships
from cers_chassis.migrations import upgrade
from cers_contracts.documents import DeclarationCommandCompleted, DeclarationContent
from cers_contracts.documents import SubmitDeclaration as SubmitCommand
from cers_contracts.envelope import encode_body, new_envelope
from cers_contracts.topics import REGISTRY
from cers_documents.adapters.tables import declarations, exporters
from cers_documents.config import DocumentsSettings
from cers_documents.entrypoints.app import create_app
from services.documents.tests.documents_rules_examples import valid_data
from services.documents.tests.documents_testkit import (
    SIGNER,
    Account,
    MovableClock,
    User,
    account_events,
    new_authorization_id,
    new_business_number,
)
from tests.fixtures.messaging import Events, start_at_end, topic_end

COMMAND_TOPIC = REGISTRY.topic_of(SubmitCommand).name
RESULT_TOPIC = REGISTRY.topic_of(DeclarationCommandCompleted).name
POLL_S = 0.1
DRAIN_S = 2.0  # read on after the last first reply, untimed, for late (doubled) replies


@dataclass
class Replies:
    """The replies to one batch of commands: first send to the last first reply of the bench's own
    app, its outcomes, its replies beyond the first per key (a doubled answer: verify fails), and
    replies from other documents apps (another CloudEvents source) by source."""

    seconds: float = 0.0
    outcomes: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    other_sources: dict[str, int] = field(default_factory=dict)


@dataclass
class DocumentsUnderTest:
    """The documents app running in this process on a scratch database (see the module doc)."""

    scratch: Scratch
    progress: Progress = field(default_factory=Progress)
    app: FastAPI | None = None
    client: httpx.AsyncClient | None = None
    exporter: Account | None = None
    owner: User | None = None
    _stack: contextlib.AsyncExitStack = field(default_factory=contextlib.AsyncExitStack)

    async def start(self) -> DocumentsUnderTest:
        """Migrate, start the app and its consumers, publish the exporter, await the replicas."""
        runtime = self.scratch.runtime
        self.progress.note = "migrating the scratch database"
        database = await self.scratch.create_database("documents")
        url = runtime.dsn(database, driver="postgresql+asyncpg")
        await asyncio.to_thread(upgrade, "documents", url)
        app = create_app(
            DocumentsSettings(
                database_url=url,
                kafka_bootstrap=runtime.bootstrap,
                service_name=self.service_name,  # its own CloudEvents source: see _read_replies
                consumer_group=f"bench-documents-{self.scratch.run_id}",
                relay_poll_interval_s=0.2,
                log_level="WARNING",
                log_json=False,
            ),
            clock=MovableClock(),  # the instant valid_data() is valid at
            verifier=SIGNER.verifier(),
        )
        self.progress.note = "starting the consumer groups at the end of the real topics"
        await start_at_end(runtime.bootstrap, app.state.consumers)
        self.progress.note = "running the app's lifespan"
        await self._stack.enter_async_context(app.router.lifespan_context(app))
        self.app = app
        self.client = await self._stack.enter_async_context(
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://documents")
        )
        await self._wait("the app to be ready", self._ready)
        await self._publish_world()
        return self

    @property
    def service_name(self) -> str:
        """The app's name, hence its CloudEvents source ``/cers/<name>`` (unique to this run)."""
        return f"documents-bench-{self.scratch.run_id}"

    async def stop(self) -> None:
        """Close the client and end the lifespan (the caller drops the database)."""
        await self._stack.aclose()

    # -- the world ------------------------------------------------------------------------------

    async def _publish_world(self) -> None:
        self.exporter = Account(
            f"bench-{uuid.uuid4().hex[:12]}", new_business_number(), new_authorization_id()
        )
        self.owner = User.make("bench-owner")
        self.progress.note = "publishing the scratch exporter"
        async with Events(self.scratch.runtime.bootstrap) as out:
            for message in account_events(
                self.exporter, {self.owner: "owner"}, "exporter", datetime.now(UTC)
            ):
                await out.publish(message, source="/cers/accounts")
        await self._wait("the exporter and owner in the replicas", self._world_replicated)

    async def _ready(self) -> bool:
        assert self.client is not None
        return (await self.client.get("/readyz")).status_code == 200

    async def _world_replicated(self) -> bool:
        return (
            await self._count(select(func.count()).select_from(exporters)) >= 1
            and await self._count(select(func.count()).select_from(authz_memberships)) >= 1
        )

    async def _wait(self, what: str, done: Callable[[], Awaitable[bool]]) -> None:
        self.progress.note = f"waiting for {what}"
        while True:  # polling: the condition lives in another process's writes
            if await done():
                return
            await asyncio.sleep(POLL_S)

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        assert self.app is not None
        sessions: async_sessionmaker[AsyncSession] | None = self.app.state.runtime.sessions
        assert sessions is not None
        return sessions

    async def _count(self, query: Any) -> int:
        async with self.sessions() as session:
            return int((await session.execute(query)).scalar_one())

    async def declarations_stored(self) -> int:
        """Declarations in the scratch database (every reported submit and command)."""
        return await self._count(select(func.count()).select_from(declarations))

    # -- the measured work ----------------------------------------------------------------------

    async def submit(self, body: dict[str, Any], headers: dict[str, str]) -> float:
        """``POST .../declarations`` once; its round trip in milliseconds (201 or an error)."""
        assert self.client is not None and self.exporter is not None
        started = time.perf_counter()
        response = await self.client.post(
            f"{self.exporter.path}/declarations", json=body, headers=headers
        )
        elapsed_ms = (time.perf_counter() - started) * 1000
        if response.status_code != 201:
            raise RuntimeError(f"submit answered {response.status_code}: {response.text[:500]}")
        return elapsed_ms

    async def submit_latencies(self, count: int, warm_up: int) -> list[float]:
        """Round trips (ms) of ``count`` sequential submissions after ``warm_up`` untimed ones."""
        assert self.owner is not None
        body, headers = valid_data(), self.owner.headers()
        latencies: list[float] = []
        for sequence in range(warm_up + count):
            self.progress.note = f"submitted {sequence}/{warm_up + count}"
            elapsed_ms = await self.submit(body, headers)
            if sequence >= warm_up:
                latencies.append(elapsed_ms)
        return latencies

    def commands(self, prefix: str, count: int) -> list[SubmitCommand]:
        """``count`` valid submissions for the scratch exporter, keys ``<prefix>-<n>``."""
        assert self.exporter is not None and self.owner is not None
        content = DeclarationContent.model_validate(valid_data())
        return [
            SubmitCommand(
                business_account_id=self.exporter.account_id,
                idempotency_key=f"{prefix}-{sequence}",
                user_id=self.owner.user_id,
                content=content,
                correlation={"bench": prefix},
                occurred_at=datetime.now(UTC),
            )
            for sequence in range(count)
        ]

    async def run_commands(self, prefix: str, count: int) -> Replies:
        """Publish ``count`` commands and read until each key has a reply; time from the first
        send to the last reply."""
        assert self.exporter is not None
        bootstrap = self.scratch.runtime.bootstrap
        commands = self.commands(prefix, count)
        since = await topic_end(bootstrap, RESULT_TOPIC)
        replies = asyncio.create_task(self._read_replies(since, prefix, count))
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
        await producer.start()
        try:
            started = time.perf_counter()
            self.progress.note = f"publishing {count} commands"
            deliveries = [await producer.send(**_record(command)) for command in commands]
            await asyncio.gather(*deliveries)
            answered, result = await replies
            result.seconds = answered - started
            return result
        finally:
            replies.cancel()
            await producer.stop()

    async def _read_replies(
        self, since: dict[TopicPartition, int], prefix: str, count: int
    ) -> tuple[float, Replies]:
        """Read the result topic from ``since`` until the bench's own app has answered ``count``
        keys of ``prefix``, then ``DRAIN_S`` more for late replies; (when the last key was first
        answered, the replies). Own replies are those with this app's ``ce_source`` (as the
        documents test kit tells its app's records apart)."""
        assert self.exporter is not None and self.app is not None
        account = self.exporter.account_id.encode()
        own_source: str = self.app.state.wiring.settings.source
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.scratch.runtime.bootstrap,
            enable_auto_commit=False,
            client_id="cers-bench-replies",
        )
        await consumer.start()
        try:
            consumer.assign(list(since))
            for partition, offset in since.items():
                consumer.seek(partition, offset)
            answered: dict[str, str] = {}
            result = Replies()
            done_at: float | None = None
            while done_at is None or time.perf_counter() < done_at + DRAIN_S:
                for records in (await consumer.getmany(timeout_ms=200)).values():
                    for record in records:
                        if record.key != account:
                            continue
                        reply = DeclarationCommandCompleted.model_validate_json(record.value)
                        if not reply.idempotency_key.startswith(f"{prefix}-"):
                            continue
                        source = dict(record.headers).get("ce_source", b"").decode()
                        if source != own_source:
                            result.other_sources[source] = result.other_sources.get(source, 0) + 1
                        elif reply.idempotency_key in answered:
                            result.duplicates += 1
                        else:
                            answered[reply.idempotency_key] = reply.outcome
                if done_at is None and len(answered) >= count:
                    done_at = time.perf_counter()
                self.progress.note = f"{len(answered)}/{count} commands answered"
            for outcome in answered.values():
                result.outcomes[outcome] = result.outcomes.get(outcome, 0) + 1
            return done_at, result
        finally:
            await consumer.stop()


def _record(command: SubmitCommand) -> dict[str, Any]:
    """The Kafka record of ``command`` as the bulk service's relay would publish it."""
    envelope = new_envelope(command, source="/cers/bulk")
    return {
        "topic": COMMAND_TOPIC,
        "value": encode_body(command),
        "key": command.kafka_key().encode(),
        "headers": [(k, v.encode()) for k, v in envelope.to_headers().items()],
    }
