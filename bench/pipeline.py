"""The chassis pipeline under test: Outbox.add → OutboxRelay → Kafka → InboxConsumer → effect.

One ``Pipeline`` owns a throw-away database (platform tables plus an effects table), a fresh probe
topic, one relay and one inbox consumer on a FastStream broker, all in this process, wired the way
``cers_chassis.service`` wires a service. The handler inserts one effect row per probe, stamped with
``clock_timestamp()``, so the lag of a probe is its effect time minus its ``created_at``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from faststream.kafka import KafkaBroker
from sqlalchemy import BigInteger, Column, DateTime, MetaData, String, Table, insert, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.phases import Progress
from bench.runtime import Scratch
from cers_chassis.broker import create_broker
from cers_chassis.db import create_engine, session_factory
from cers_chassis.inbox import InboxConsumer
from cers_chassis.outbox import Outbox, OutboxRelay
from cers_chassis.settings import ServiceSettings
from cers_chassis.tables import PLATFORM_METADATA
from cers_contracts.envelope import Envelope
from cers_contracts.platform import PipelineProbe

CONSUMER_NAME = "bench-floor"
WARM_UP_STREAM = "warm-up"
POLL_S = 0.2
STOP_TIMEOUT_S = 15.0

log = logging.getLogger(__name__)

EFFECTS_METADATA = MetaData()
effects = Table(
    "bench_effects",
    EFFECTS_METADATA,
    Column("event_id", String(64), primary_key=True),
    Column("stream", String(64), nullable=False),
    Column("sequence", BigInteger, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column(
        "effected_at",
        DateTime(timezone=True),
        nullable=False,
        server_default=text("clock_timestamp()"),
    ),
)


async def record_effect(session: AsyncSession, envelope: Envelope, probe: Any) -> None:
    """The consumer's side effect: one row per probe, in the inbox's transaction."""
    assert isinstance(probe, PipelineProbe)
    await session.execute(
        insert(effects).values(
            event_id=envelope.id,
            stream=probe.stream,
            sequence=probe.sequence,
            created_at=probe.created_at,
        )
    )


@dataclass
class Effects:
    """The effects of one group of probes: their lags and when the last one happened."""

    lags_ms: list[float]
    first_created_at: datetime
    last_effected_at: datetime


@dataclass
class Pipeline:
    """A running outbox → relay → Kafka → inbox pipeline on throw-away resources."""

    scratch: Scratch
    purpose: str
    partitions: int
    progress: Progress = field(default_factory=Progress)
    engine: AsyncEngine | None = None
    sessions: async_sessionmaker[AsyncSession] | None = None
    outbox: Outbox | None = None
    relay: OutboxRelay | None = None
    broker: KafkaBroker | None = None
    relay_task: asyncio.Task[None] | None = None

    async def start(self, warm_up_timeout_s: float = 60.0) -> None:
        """Create the database and topic, start broker, consumer and relay, and warm them up."""
        runtime = self.scratch.runtime
        self.progress.note = "creating database"
        database = await self.scratch.create_database(self.purpose)
        url = runtime.dsn(database, driver="postgresql+asyncpg")
        self.engine = create_engine(url)
        self.sessions = session_factory(self.engine)
        async with self.engine.begin() as connection:
            await connection.run_sync(PLATFORM_METADATA.create_all)
            await connection.run_sync(EFFECTS_METADATA.create_all)
        self.progress.note = "creating topic"
        registry = await self.scratch.create_probe_topic(self.purpose, self.partitions)
        settings = ServiceSettings(
            service_name="bench", database_url=url, kafka_bootstrap=runtime.bootstrap
        )
        self.outbox = Outbox(settings.source, registry)
        self.relay = OutboxRelay(
            url,
            settings.kafka_bootstrap,
            batch_size=settings.relay_batch_size,
            poll_interval_s=settings.relay_poll_interval_s,
        )
        self.broker = create_broker(settings)
        InboxConsumer(
            name=CONSUMER_NAME,
            topic=registry.topics[0],
            handlers={PipelineProbe: record_effect},
            sessions=self.sessions,
            max_attempts=settings.consumer_max_attempts,
            retry_backoff_s=settings.consumer_retry_backoff_s,
        ).register(self.broker)
        self.progress.note = "starting broker"
        await self.broker.start()
        self.relay_task = asyncio.create_task(self.relay.run(), name=f"relay-{self.purpose}")
        self.progress.note = "warming up (relay producer start, consumer group join)"
        await self.write_batch(WARM_UP_STREAM, [0])
        await self.wait_for_effects(WARM_UP_STREAM, 1, timeout_s=warm_up_timeout_s)

    async def stop(self) -> None:
        """Stop relay, broker and engine, each bounded (the caller drops database and topic)."""
        if self.relay is not None:
            self.relay.stop()
        if self.relay_task is not None:
            try:
                await asyncio.wait_for(self.relay_task, timeout=STOP_TIMEOUT_S)
            except Exception as error:
                log.warning("relay of %s did not stop cleanly: %r", self.purpose, error)
        if self.broker is not None:
            try:
                await asyncio.wait_for(self.broker.stop(), timeout=STOP_TIMEOUT_S)
            except Exception as error:
                log.warning("broker of %s did not stop cleanly: %r", self.purpose, error)
        if self.engine is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.engine.dispose(), timeout=STOP_TIMEOUT_S)

    async def write_batch(self, stream_prefix: str, sequences: list[int], streams: int = 1) -> None:
        """Write one probe per sequence through ``Outbox.add``, all in one transaction."""
        assert self.sessions is not None and self.outbox is not None
        async with self.sessions.begin() as session:
            for sequence in sequences:
                probe = PipelineProbe(
                    stream=f"{stream_prefix}-{sequence % streams}",
                    sequence=sequence,
                    created_at=datetime.now(UTC),
                )
                await self.outbox.add(session, probe)

    async def count_effects(self, stream_prefix: str) -> int:
        assert self.engine is not None
        async with self.engine.connect() as connection:
            result = await connection.execute(
                text("SELECT count(*) FROM bench_effects WHERE stream LIKE :pattern"),
                {"pattern": f"{stream_prefix}-%"},
            )
            return int(result.scalar_one())

    async def wait_for_effects(self, stream_prefix: str, count: int, *, timeout_s: float) -> None:
        """Poll until ``count`` effects of ``stream_prefix`` exist; TimeoutError with progress."""
        deadline = time.monotonic() + timeout_s
        while True:
            seen = await self.count_effects(stream_prefix)
            self.progress.note = f"{seen}/{count} effects of {stream_prefix!r}, {self.relay_note()}"
            if seen >= count:
                if seen > count:
                    raise RuntimeError(f"{seen} effects for {count} probes: doubled effects")
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"after {timeout_s:.0f}s: {self.progress.note}")
            await asyncio.sleep(POLL_S)

    def relay_note(self) -> str:
        if self.relay is None:
            return "no relay"
        stats = self.relay.stats
        return f"relay published {stats.published} in {stats.batches} batches"

    async def effects_of(self, stream_prefix: str) -> Effects:
        """Lag (effect time minus ``created_at``, ms) of each probe of ``stream_prefix``."""
        assert self.engine is not None
        async with self.engine.connect() as connection:
            rows = (
                await connection.execute(
                    text(
                        "SELECT EXTRACT(EPOCH FROM effected_at - created_at)::float8 * 1000,"
                        " created_at, effected_at FROM bench_effects WHERE stream LIKE :pattern"
                    ),
                    {"pattern": f"{stream_prefix}-%"},
                )
            ).all()
        return Effects(
            lags_ms=[float(row[0]) for row in rows],
            first_created_at=min(row[1] for row in rows),
            last_effected_at=max(row[2] for row in rows),
        )

    async def outbox_backlog(self) -> int:
        assert self.engine is not None
        async with self.engine.connect() as connection:
            return int((await connection.execute(text("SELECT count(*) FROM outbox"))).scalar_one())


@dataclass(frozen=True)
class BulkResult:
    """The pipeline under a burst of ``count`` probes."""

    count: int
    write_seconds: float
    end_to_end_seconds: float
    effects: Effects
    relay_batches: int
    relay_restarts: int

    @property
    def rate(self) -> float:
        """Probes per second from the first outbox write to the last effect."""
        return self.count / self.end_to_end_seconds

    @property
    def write_rate(self) -> float:
        """Probes per second through ``Outbox.add`` alone (with the pipeline running)."""
        return self.count / self.write_seconds


async def run_bulk(pipeline: Pipeline, count: int, batch: int, streams: int) -> BulkResult:
    """Write ``count`` probes in transactions of ``batch`` and wait for every effect."""
    assert pipeline.relay is not None
    batches_before = pipeline.relay.stats.batches
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    for first in range(0, count, batch):
        pipeline.progress.note = f"written {first}/{count} probes, {pipeline.relay_note()}"
        await pipeline.write_batch("bulk", list(range(first, min(first + batch, count))), streams)
    write_seconds = time.perf_counter() - started
    await pipeline.wait_for_effects("bulk", count, timeout_s=float("inf"))
    result = await pipeline.effects_of("bulk")
    return BulkResult(
        count=count,
        write_seconds=write_seconds,
        end_to_end_seconds=(result.last_effected_at - started_at).total_seconds(),
        effects=result,
        relay_batches=pipeline.relay.stats.batches - batches_before,
        relay_restarts=pipeline.relay.stats.restarts,
    )


@dataclass(frozen=True)
class LightResult:
    """The pipeline under a trickle of probes, one per transaction."""

    count: int
    write_seconds: float
    effects: Effects

    @property
    def offered_rate(self) -> float:
        """Probes per second actually written (the interval plus the write itself)."""
        return self.count / self.write_seconds


async def run_light(pipeline: Pipeline, count: int, interval_s: float, streams: int) -> LightResult:
    """Write ``count`` probes one per transaction, ``interval_s`` apart; wait for every effect."""
    started = time.perf_counter()
    for sequence in range(count):
        pipeline.progress.note = f"written {sequence}/{count} probes, {pipeline.relay_note()}"
        await pipeline.write_batch("light", [sequence], streams)
        await asyncio.sleep(interval_s)
    write_seconds = time.perf_counter() - started
    await pipeline.wait_for_effects("light", count, timeout_s=float("inf"))
    return LightResult(count, write_seconds, await pipeline.effects_of("light"))
