"""The inbox consumer: exactly-once effects, bounded retries, dead letters; real broker and DB."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping

import pytest
from aiokafka import AIOKafkaProducer
from faststream.kafka import KafkaBroker
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from cers_chassis.broker import create_broker
from cers_chassis.db import create_engine, session_factory
from cers_chassis.inbox import Handler, InboxConsumer
from cers_chassis.settings import ServiceSettings
from cers_contracts.envelope import Envelope, encode_body, headers_from_record, new_envelope
from cers_contracts.message import Message
from cers_contracts.platform import PipelineProbe
from cers_contracts.topics import TopicSpec
from tests.fixtures.messaging import eventually, probe_registry, provision_registry, read_topic
from tests.fixtures.pipeline import (
    create_effects_table,
    effect_rows,
    effects,
    interleaved_probes,
    record_effect,
)
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    await create_effects_table(engine)
    async with engine.begin() as connection:
        await connection.execute(effects.delete())
    yield engine
    await engine.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return session_factory(engine)


@pytest.fixture
async def topic(kafka: KafkaRuntime) -> TopicSpec:
    registry = probe_registry(partitions=2)
    await provision_registry(kafka.bootstrap, registry)
    return registry.topics[0]


@contextlib.asynccontextmanager
async def consuming(
    kafka: KafkaRuntime,
    topic: TopicSpec,
    sessions: async_sessionmaker[AsyncSession],
    handlers: Mapping[type[Message], Handler],
    max_attempts: int = 3,
) -> AsyncIterator[KafkaBroker]:
    broker = create_broker(ServiceSettings(service_name="test", kafka_bootstrap=kafka.bootstrap))
    InboxConsumer(
        name=f"test-{topic.name}",
        topic=topic,
        handlers=handlers,
        sessions=sessions,
        max_attempts=max_attempts,
        retry_backoff_s=0.01,
    ).register(broker)
    await broker.start()
    try:
        yield broker
    finally:
        await broker.stop()


async def send(
    kafka: KafkaRuntime, topic: TopicSpec, records: list[tuple[dict[str, str], bytes]]
) -> None:
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


def record_of(
    probe: PipelineProbe, envelope: Envelope | None = None
) -> tuple[dict[str, str], bytes]:
    envelope = envelope or new_envelope(probe, source="/cers/test")
    return envelope.to_headers(), encode_body(probe)


async def rows_at_least(sessions: async_sessionmaker[AsyncSession], count: int) -> bool:
    return len(await effect_rows(sessions)) >= count


async def test_a_redelivered_message_takes_effect_once(
    kafka: KafkaRuntime, topic: TopicSpec, sessions: async_sessionmaker[AsyncSession]
) -> None:
    first, second = interleaved_probes(2, streams=1)
    envelope = new_envelope(first, source="/cers/test")
    await send(
        kafka, topic, [record_of(first, envelope), record_of(first, envelope), record_of(second)]
    )
    async with consuming(kafka, topic, sessions, {PipelineProbe: record_effect}):
        assert await eventually(lambda: rows_at_least(sessions, 2), timeout_s=30)
        await _settle()
    assert await effect_rows(sessions) == [("stream-0", 0), ("stream-0", 1)]


@pytest.mark.parametrize("max_attempts", [1, 3])
async def test_a_failing_message_goes_to_the_dlq_after_retries_and_the_rest_is_processed(
    kafka: KafkaRuntime,
    topic: TopicSpec,
    sessions: async_sessionmaker[AsyncSession],
    max_attempts: int,
) -> None:
    attempts: list[int] = []

    async def fail_on_sequence_one(
        session: AsyncSession, envelope: Envelope, probe: PipelineProbe
    ) -> None:
        if probe.sequence == 1:
            attempts.append(probe.sequence)
            await record_effect(session, envelope, probe)  # rolled back with the failure
            raise RuntimeError("cannot process sequence 1")
        await record_effect(session, envelope, probe)

    await send(kafka, topic, [record_of(p) for p in interleaved_probes(4, streams=1)])
    handlers: dict[type[Message], Handler] = {PipelineProbe: fail_on_sequence_one}
    async with consuming(kafka, topic, sessions, handlers, max_attempts):
        assert await eventually(lambda: rows_at_least(sessions, 3), timeout_s=30)
        dead = await read_topic(kafka.bootstrap, topic.dlq, 1)
    assert await effect_rows(sessions) == [("stream-0", 0), ("stream-0", 2), ("stream-0", 3)]
    assert len(attempts) == max_attempts
    assert len(dead) == 1
    headers = headers_from_record(dead[0].headers)
    assert headers["cers_dlq_error"] == "cannot process sequence 1"
    assert headers["cers_dlq_error_type"] == "RuntimeError"
    assert headers["cers_dlq_attempts"] == str(max_attempts)
    assert headers["cers_dlq_topic"] == topic.name
    assert headers["ce_type"] == PipelineProbe.ce_type
    assert PipelineProbe.model_validate_json(dead[0].value).sequence == 1


async def test_an_unparseable_body_goes_to_the_dlq_at_once(
    kafka: KafkaRuntime, topic: TopicSpec, sessions: async_sessionmaker[AsyncSession]
) -> None:
    good, bad = interleaved_probes(2, streams=1)
    headers, _ = record_of(bad)
    await send(kafka, topic, [(headers, b"{this is not json"), record_of(good)])
    async with consuming(kafka, topic, sessions, {PipelineProbe: record_effect}):
        assert await eventually(lambda: rows_at_least(sessions, 1), timeout_s=30)
        dead = await read_topic(kafka.bootstrap, topic.dlq, 1)
    assert await effect_rows(sessions) == [("stream-0", 0)]
    assert len(dead) == 1 and dead[0].value == b"{this is not json"
    assert headers_from_record(dead[0].headers)["cers_dlq_error_type"] == "ValidationError"
    assert headers_from_record(dead[0].headers)["cers_dlq_attempts"] == "0"


async def test_a_record_without_cloudevents_headers_goes_to_the_dlq(
    kafka: KafkaRuntime, topic: TopicSpec, sessions: async_sessionmaker[AsyncSession]
) -> None:
    (probe,) = interleaved_probes(1, streams=1)
    await send(kafka, topic, [({}, encode_body(probe)), record_of(probe)])
    async with consuming(kafka, topic, sessions, {PipelineProbe: record_effect}):
        assert await eventually(lambda: rows_at_least(sessions, 1), timeout_s=30)
        dead = await read_topic(kafka.bootstrap, topic.dlq, 1)
    assert len(dead) == 1
    error = headers_from_record(dead[0].headers)["cers_dlq_error"]
    assert "ce_id" in error and "ce_source" in error


async def _settle() -> None:
    """Give a wrongly doubled effect the time to show up before the final assertion."""
    import asyncio

    await asyncio.sleep(1.5)
