"""The inbox consumer: exactly-once effects, bounded retries, dead letters; real broker and DB."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping

import pytest
from aiokafka import AIOKafkaProducer
from faststream.kafka import KafkaBroker
from prometheus_client import REGISTRY
from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_chassis.broker import create_broker
from cers_chassis.inbox import Handler, InboxConsumer
from cers_chassis.outbox import OutboxRelay
from cers_chassis.settings import ServiceSettings
from cers_chassis.tables import outbox
from cers_contracts.envelope import Envelope, encode_body, headers_from_record, new_envelope
from cers_contracts.message import Message
from cers_contracts.platform import PipelineProbe
from cers_contracts.provision import provision
from cers_contracts.topics import TopicRegistry, TopicSpec
from tests.fixtures.messaging import eventually, probe_registry, read_topic
from tests.fixtures.pipeline import (
    assert_exactly_once_in_order,
    effect_rows,
    effects_reached,
    interleaved_probes,
    record_effect,
    write_probes,
)
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration
Record = tuple[dict[str, str], bytes]
SETTLE_S = 1.5  # time for a wrongly doubled effect or DLQ record to show up


@pytest.fixture
async def registry(kafka: KafkaRuntime) -> TopicRegistry:
    registry = probe_registry(partitions=2)
    await provision(kafka.bootstrap, registry)
    return registry


@pytest.fixture
def topic(registry: TopicRegistry) -> TopicSpec:
    return registry.topics[0]


@contextlib.asynccontextmanager
async def consuming(
    kafka: KafkaRuntime,
    topic: TopicSpec,
    sessions: async_sessionmaker[AsyncSession],
    handlers: Mapping[type[Message], Handler] | None = None,
    max_attempts: int = 3,
) -> AsyncIterator[KafkaBroker]:
    broker = create_broker(ServiceSettings(service_name="test", kafka_bootstrap=kafka.bootstrap))
    InboxConsumer(
        name=f"test-{topic.name}",
        topic=topic,
        handlers=handlers or {PipelineProbe: record_effect},
        sessions=sessions,
        max_attempts=max_attempts,
        retry_backoff_s=0.01,
    ).register(broker)
    await broker.start()
    try:
        yield broker
    finally:
        await broker.stop()


async def send(kafka: KafkaRuntime, topic: TopicSpec, records: list[Record]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=kafka.bootstrap, acks="all")
    await producer.start()
    try:
        for headers, value in records:
            await producer.send_and_wait(
                topic.name,
                value=value,
                key=b"stream-0",
                headers=[(k, v.encode()) for k, v in headers.items()],
            )
    finally:
        await producer.stop()


def record_of(probe: PipelineProbe, envelope: Envelope | None = None) -> Record:
    envelope = envelope or new_envelope(probe, source="/cers/test")
    return envelope.to_headers(), encode_body(probe)


def counted(topic: TopicSpec, outcome: str) -> float:
    """The consumer metric: records of ``topic`` whose handling ended in ``outcome``."""
    labels = {"consumer": f"test-{topic.name}", "topic": topic.name, "outcome": outcome}
    return REGISTRY.get_sample_value("cers_inbox_records_total", labels) or 0.0


async def dead_letters(kafka: KafkaRuntime, topic: TopicSpec) -> list[dict[str, str]]:
    """Every record of the DLQ (reading for more than there should be, to catch doubles)."""
    records = await read_topic(kafka.bootstrap, topic.dlq, 100, timeout_s=3)
    return [headers_from_record(r.headers) | {"value": r.value.decode()} for r in records]


async def test_a_redelivered_message_takes_effect_once_in_one_batch_or_across_batches(
    kafka: KafkaRuntime, topic: TopicSpec, probe_sessions: async_sessionmaker[AsyncSession]
) -> None:
    first, second, third = interleaved_probes(3, streams=1)
    envelope = new_envelope(first, source="/cers/test")
    again = record_of(first, envelope)
    await send(kafka, topic, [again, again, record_of(second)])  # a double inside one batch
    async with consuming(kafka, topic, probe_sessions):
        assert await eventually(lambda: effects_reached(probe_sessions, 2), timeout_s=30)
        await send(kafka, topic, [again, record_of(third)])  # after the first was committed
        assert await eventually(lambda: effects_reached(probe_sessions, 3), timeout_s=30)
        await asyncio.sleep(SETTLE_S)
    assert await effect_rows(probe_sessions) == [("stream-0", 0), ("stream-0", 1), ("stream-0", 2)]
    assert (counted(topic, "processed"), counted(topic, "duplicate")) == (3, 2)


@pytest.mark.parametrize("max_attempts", [1, 3])
async def test_a_failing_message_goes_to_the_dlq_after_retries_and_the_rest_is_processed(
    kafka: KafkaRuntime,
    topic: TopicSpec,
    probe_sessions: async_sessionmaker[AsyncSession],
    max_attempts: int,
) -> None:
    attempts: list[int] = []

    async def fail_on_sequence_one(
        session: AsyncSession, envelope: Envelope, probe: PipelineProbe
    ) -> None:
        await record_effect(session, envelope, probe)  # rolled back with the failure
        if probe.sequence == 1:
            attempts.append(probe.sequence)
            raise RuntimeError("cannot process sequence 1")

    handlers: dict[type[Message], Handler] = {PipelineProbe: fail_on_sequence_one}
    await send(kafka, topic, [record_of(p) for p in interleaved_probes(4, streams=1)])
    async with consuming(kafka, topic, probe_sessions, handlers, max_attempts):
        assert await eventually(lambda: effects_reached(probe_sessions, 3), timeout_s=30)
        dead = await dead_letters(kafka, topic)
    assert await effect_rows(probe_sessions) == [("stream-0", 0), ("stream-0", 2), ("stream-0", 3)]
    assert len(attempts) == max_attempts
    assert len(dead) == 1
    assert dead[0]["cers_dlq_error"] == "cannot process sequence 1"
    assert dead[0]["cers_dlq_error_type"] == "RuntimeError"
    assert dead[0]["cers_dlq_attempts"] == str(max_attempts)
    assert dead[0]["cers_dlq_topic"] == topic.name
    assert dead[0]["ce_type"] == PipelineProbe.ce_type
    assert PipelineProbe.model_validate_json(dead[0]["value"]).sequence == 1
    assert (counted(topic, "processed"), counted(topic, "dead_lettered")) == (3, 1)


async def test_an_unparseable_body_goes_to_the_dlq_at_once(
    kafka: KafkaRuntime, topic: TopicSpec, probe_sessions: async_sessionmaker[AsyncSession]
) -> None:
    good, bad = interleaved_probes(2, streams=1)
    headers, _ = record_of(bad)
    await send(kafka, topic, [(headers, b"{this is not json"), record_of(good)])
    async with consuming(kafka, topic, probe_sessions):
        assert await eventually(lambda: effects_reached(probe_sessions, 1), timeout_s=30)
        dead = await dead_letters(kafka, topic)
    assert await effect_rows(probe_sessions) == [("stream-0", 0)]
    assert [(d["value"], d["cers_dlq_error_type"], d["cers_dlq_attempts"]) for d in dead] == [
        ("{this is not json", "ValidationError", "0")
    ]


async def test_a_record_without_cloudevents_headers_goes_to_the_dlq(
    kafka: KafkaRuntime, topic: TopicSpec, probe_sessions: async_sessionmaker[AsyncSession]
) -> None:
    (probe,) = interleaved_probes(1, streams=1)
    oversized_id = record_of(probe)[0] | {"ce_id": "x" * 65}
    await send(kafka, topic, [({}, encode_body(probe)), (oversized_id, b"{}"), record_of(probe)])
    async with consuming(kafka, topic, probe_sessions):
        assert await eventually(lambda: effects_reached(probe_sessions, 1), timeout_s=30)
        dead = await dead_letters(kafka, topic)
    assert len(dead) == 2
    assert "ce_id" in dead[0]["cers_dlq_error"] and "ce_source" in dead[0]["cers_dlq_error"]
    assert "ce_id" in dead[1]["cers_dlq_error"] and "64" in dead[1]["cers_dlq_error"]


async def test_a_transient_database_failure_redelivers_instead_of_dead_lettering(
    kafka: KafkaRuntime, topic: TopicSpec, probe_sessions: async_sessionmaker[AsyncSession]
) -> None:
    class SerializationError(Exception):
        sqlstate = "40001"  # what PostgreSQL reports for a serialization failure

    failures: list[int] = []

    async def conflict_once(
        session: AsyncSession, envelope: Envelope, probe: PipelineProbe
    ) -> None:
        if probe.sequence == 1 and len(failures) < 2:
            failures.append(probe.sequence)
            raise DBAPIError("UPDATE ...", None, SerializationError())
        await record_effect(session, envelope, probe)

    await send(kafka, topic, [record_of(p) for p in interleaved_probes(3, streams=1)])
    async with consuming(kafka, topic, probe_sessions, {PipelineProbe: conflict_once}, 1):
        assert await eventually(lambda: effects_reached(probe_sessions, 3), timeout_s=30)
        dead = await dead_letters(kafka, topic)
    assert failures == [1, 1]  # with max_attempts=1 a message fault would have been dead at once
    assert dead == []
    assert await effect_rows(probe_sessions) == [("stream-0", 0), ("stream-0", 1), ("stream-0", 2)]


async def test_rows_published_again_after_a_relay_crash_take_effect_once(
    kafka: KafkaRuntime,
    registry: TopicRegistry,
    topic: TopicSpec,
    database_url: str,
    probe_sessions: async_sessionmaker[AsyncSession],
) -> None:
    """A relay that dies after Kafka acknowledged but before it deleted leaves the rows behind."""
    await write_probes(probe_sessions, registry, interleaved_probes(40, streams=2))
    async with probe_sessions() as session:
        columns = [c for c in outbox.columns if c.name != "id"]  # a new id, as if never deleted
        rows = (await session.execute(select(*columns))).mappings()
        published_but_not_deleted = [dict(row) for row in rows]
    relay = OutboxRelay(database_url, kafka.bootstrap, poll_interval_s=0.2)
    relay_task = asyncio.create_task(relay.run())
    try:
        async with consuming(kafka, topic, probe_sessions):
            assert await eventually(lambda: effects_reached(probe_sessions, 40), timeout_s=30)
            async with probe_sessions.begin() as session:
                await session.execute(insert(outbox), published_but_not_deleted)
            assert await eventually(lambda: _published(relay, 80), timeout_s=30)
            await asyncio.sleep(SETTLE_S)
    finally:
        relay.stop()
        await relay_task
    assert_exactly_once_in_order(await effect_rows(probe_sessions), 40, 2)


async def _published(relay: OutboxRelay, count: int) -> bool:
    return relay.stats.published >= count
