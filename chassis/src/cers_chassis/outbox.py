"""The transactional outbox: messages are written in the caller's transaction, then relayed.

``Outbox.add`` inserts the message beside the state change, so both commit or neither does; a
trigger on the table notifies the relay on commit.
``OutboxRelay`` (one active per database, elected by an advisory lock) publishes the rows to Kafka
in id order with an idempotent, acks=all producer and deletes them once acknowledged. It is woken
by LISTEN/NOTIFY and polls as a fallback, and it reconnects after a broker or database restart.
A crash between publish and delete republishes: consumers deduplicate by ``ce_id`` (the inbox).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaProducer
from opentelemetry import propagate
from sqlalchemy import insert, make_url
from sqlalchemy.ext.asyncio import AsyncSession

from cers_chassis.db import asyncpg_dsn
from cers_chassis.metrics import OUTBOX_PUBLISHED
from cers_chassis.retry import retry_until_done
from cers_chassis.tables import NOTIFY_CHANNEL, outbox
from cers_contracts.envelope import Envelope, encode_body, new_envelope
from cers_contracts.message import Message
from cers_contracts.topics import REGISTRY, TopicRegistry

log = logging.getLogger(__name__)

# Any constant works: each service has its own database, so relays of different services never meet.
# Below Kafka's default max.message.bytes (1 MiB) with room for key and headers.
MAX_BODY_BYTES = 900_000
RELAY_LOCK_KEY = 0x0CE25_0_0B0C


class MessageTooLargeError(ValueError):
    """A message body the broker would refuse; refused here so it never blocks the relay."""


class Outbox:
    """Writes messages into the outbox table inside the caller's transaction.

    The relay publishes in outbox id order, so the messages of one aggregate keep their order as
    long as the transactions that write them are serialised on that aggregate (its row lock), as
    a unit of work that loads the aggregate for update does.
    """

    def __init__(self, source: str, registry: TopicRegistry = REGISTRY) -> None:
        self._source = source
        self._registry = registry

    async def add(self, session: AsyncSession, message: Message) -> Envelope:
        """Queue ``message`` for publication when ``session``'s transaction commits."""
        (envelope,) = await self.add_all(session, [message])
        return envelope

    async def add_all(self, session: AsyncSession, messages: Sequence[Message]) -> list[Envelope]:
        """Queue ``messages``, in this order, with one statement; return their envelopes."""
        carrier: dict[str, str] = {}
        propagate.inject(carrier)
        envelopes = [
            new_envelope(
                message,
                source=self._source,
                traceparent=carrier.get("traceparent"),
                tracestate=carrier.get("tracestate"),
            )
            for message in messages
        ]
        bodies = [encode_body(message) for message in messages]
        for message, body in zip(messages, bodies, strict=True):
            if len(body) > MAX_BODY_BYTES:
                raise MessageTooLargeError(
                    f"{message.ce_type} body is {len(body)} bytes; the limit is {MAX_BODY_BYTES}"
                )
        if messages:
            await session.execute(
                insert(outbox),
                [
                    {
                        "event_id": envelope.id,
                        "topic": self._registry.topic_of(message).name,
                        "key": message.kafka_key(),
                        "headers": envelope.to_headers(),
                        "payload": body,
                    }
                    for message, envelope, body in zip(messages, envelopes, bodies, strict=True)
                ],
            )
        return envelopes


ProducerFactory = Callable[[str], AIOKafkaProducer]


def idempotent_producer(bootstrap: str) -> AIOKafkaProducer:
    """The relay's producer: acks from all in-sync replicas, no duplicates on internal retry."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        client_id="cers-outbox-relay",
    )


@dataclass
class RelayStats:
    """Counters an operator (or a test) can read."""

    published: int = 0
    batches: int = 0
    restarts: int = 0


class OutboxRelay:
    """Publishes a database's outbox to Kafka, in order, until stopped."""

    def __init__(
        self,
        database_url: str,
        bootstrap: str,
        *,
        batch_size: int = 500,
        poll_interval_s: float = 1.0,
        producer_factory: ProducerFactory = idempotent_producer,
    ) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._database = make_url(database_url).database or "default"
        self._bootstrap = bootstrap
        self._batch_size = batch_size
        self._poll_interval_s = poll_interval_s
        self._producer_factory = producer_factory
        self._stopping = asyncio.Event()
        self.stats = RelayStats()
        self.is_leader = False

    def stop(self) -> None:
        """Ask ``run`` to return after the batch in hand."""
        self._stopping.set()

    async def run(self) -> None:
        """Relay until ``stop``; any failure (broker, database) restarts the loop with backoff."""
        await retry_until_done(
            self._run_connected,
            what="outbox relay",
            stop=self._stopping,
            after_failure=self._failed,
        )

    async def _failed(self, error: Exception) -> None:
        self.stats.restarts += 1

    async def _run_connected(self) -> None:
        """Relay over one database connection until stopped; raise when anything breaks."""
        conn: asyncpg.Connection = await asyncpg.connect(self._dsn)
        try:
            wake = asyncio.Event()
            await conn.add_listener(NOTIFY_CHANNEL, lambda *_: wake.set())
            # Standby while another relay of this database holds the lock (its session owns it).
            while not await conn.fetchval("SELECT pg_try_advisory_lock($1)", RELAY_LOCK_KEY):
                if await self._stop_requested_within(self._poll_interval_s):
                    return
            producer = self._producer_factory(self._bootstrap)
            try:
                await producer.start()
                self.is_leader = True
                while not self._stopping.is_set():
                    wake.clear()
                    if await self._publish_batch(conn, producer) < self._batch_size:
                        await self._wait(wake)
            finally:
                self.is_leader = False
                await producer.stop()
        finally:
            # Closing the connection releases the advisory lock, whatever happened above.
            with contextlib.suppress(Exception):
                await conn.close(timeout=2)

    async def _publish_batch(self, conn: asyncpg.Connection, producer: AIOKafkaProducer) -> int:
        rows = await conn.fetch(
            "SELECT id, topic, key, headers, payload FROM outbox ORDER BY id LIMIT $1",
            self._batch_size,
        )
        if not rows:
            return 0
        # Sent in id order; the idempotent producer keeps that order per partition.
        deliveries = [
            await producer.send(
                row["topic"],
                value=row["payload"],
                key=row["key"].encode("utf-8"),
                headers=[
                    (name, value.encode("utf-8"))
                    for name, value in json.loads(row["headers"]).items()
                ],
            )
            for row in rows
        ]
        await asyncio.gather(*deliveries)
        await conn.execute(
            "DELETE FROM outbox WHERE id = ANY($1::bigint[])", [r["id"] for r in rows]
        )
        self.stats.published += len(rows)
        self.stats.batches += 1
        OUTBOX_PUBLISHED.labels(self._database).inc(len(rows))
        return len(rows)

    async def _wait(self, wake: asyncio.Event) -> None:
        """Wait for a notification, a stop request or the polling interval, whichever is first."""
        waiters = [asyncio.create_task(wake.wait()), asyncio.create_task(self._stopping.wait())]
        try:
            await asyncio.wait(
                waiters, timeout=self._poll_interval_s, return_when="FIRST_COMPLETED"
            )
        finally:
            for waiter in waiters:
                waiter.cancel()

    async def _stop_requested_within(self, seconds: float) -> bool:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)
        return self._stopping.is_set()
