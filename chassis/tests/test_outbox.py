"""The transactional outbox and its relay, against the real database and broker."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_chassis.outbox import Outbox, OutboxRelay
from cers_contracts.envelope import Envelope, headers_from_record
from cers_contracts.platform import PipelineProbe
from cers_contracts.provision import provision
from tests.fixtures.messaging import eventually, probe_registry, read_topic
from tests.fixtures.pipeline import interleaved_probes, outbox_size, write_probes
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration


@contextlib.asynccontextmanager
async def running(relay: OutboxRelay) -> AsyncIterator[OutboxRelay]:
    task = asyncio.create_task(relay.run())
    try:
        yield relay
    finally:
        relay.stop()
        await asyncio.wait_for(task, timeout=30)


async def test_committed_messages_reach_kafka_in_order_with_cloudevents_headers(
    kafka: KafkaRuntime, database_url: str, probe_sessions: async_sessionmaker[AsyncSession]
) -> None:
    registry = probe_registry(partitions=3)
    await provision(kafka.bootstrap, registry)
    probes = interleaved_probes(60, streams=3)
    await write_probes(probe_sessions, registry, probes, per_transaction=20)
    published_before = published_from(database_url)

    async with running(OutboxRelay(database_url, kafka.bootstrap, poll_interval_s=0.2)):
        records = await read_topic(kafka.bootstrap, registry.topics[0].name, 60)
        assert await eventually(lambda: _is_empty(probe_sessions), timeout_s=10)

    assert len(records) == 60
    assert published_from(database_url) - published_before == 60
    by_key: dict[bytes, list[int]] = {}
    for record in records:
        envelope = Envelope.from_headers(headers_from_record(record.headers))
        assert envelope.type == PipelineProbe.ce_type
        assert envelope.source == "/cers/test"
        probe = PipelineProbe.model_validate_json(record.value)
        assert record.key == probe.stream.encode()
        by_key.setdefault(record.key, []).append(probe.sequence)
    assert by_key == {f"stream-{k}".encode(): list(range(20)) for k in range(3)}


def published_from(database_url: str) -> float:
    """The relay metric of the database at ``database_url``: rows published so far."""
    labels = {"database": make_url(database_url).database or ""}
    return REGISTRY.get_sample_value("cers_outbox_published_total", labels) or 0.0


async def _is_empty(sessions: async_sessionmaker[AsyncSession]) -> bool:
    return await outbox_size(sessions) == 0


async def test_a_rolled_back_transaction_publishes_nothing(
    kafka: KafkaRuntime, database_url: str, probe_sessions: async_sessionmaker[AsyncSession]
) -> None:
    registry = probe_registry(partitions=1)
    await provision(kafka.bootstrap, registry)
    probes = interleaved_probes(2, streams=1)
    async with probe_sessions() as session:
        await Outbox("/cers/test", registry).add(session, probes[0])
        await session.rollback()
    await write_probes(probe_sessions, registry, probes[1:])

    async with running(OutboxRelay(database_url, kafka.bootstrap, poll_interval_s=0.2)):
        records = await read_topic(kafka.bootstrap, registry.topics[0].name, 2, timeout_s=8)
    assert [PipelineProbe.model_validate_json(r.value).sequence for r in records] == [1]


async def test_notify_wakes_the_relay_well_before_the_polling_interval(
    kafka: KafkaRuntime, database_url: str, probe_sessions: async_sessionmaker[AsyncSession]
) -> None:
    registry = probe_registry(partitions=1)
    await provision(kafka.bootstrap, registry)
    async with running(OutboxRelay(database_url, kafka.bootstrap, poll_interval_s=30)) as relay:
        assert await eventually(lambda: _leader(relay), timeout_s=15)
        await asyncio.sleep(0.5)  # the relay is now waiting on LISTEN with a 30 s poll
        await write_probes(probe_sessions, registry, interleaved_probes(5, streams=1))
        records = await read_topic(kafka.bootstrap, registry.topics[0].name, 5, timeout_s=10)
    assert len(records) == 5


async def _leader(relay: OutboxRelay) -> bool:
    return relay.is_leader


async def test_one_relay_per_database_is_active_and_a_standby_takes_over(
    kafka: KafkaRuntime, database_url: str, probe_sessions: async_sessionmaker[AsyncSession]
) -> None:
    registry = probe_registry(partitions=1)
    await provision(kafka.bootstrap, registry)
    standby = OutboxRelay(database_url, kafka.bootstrap, poll_interval_s=0.2)
    async with running(OutboxRelay(database_url, kafka.bootstrap, poll_interval_s=0.2)) as first:
        assert await eventually(lambda: _leader(first), timeout_s=15)
        async with running(standby):
            await write_probes(probe_sessions, registry, interleaved_probes(2, streams=1))
            await asyncio.sleep(1)  # notifications arrive; the standby must stay put
            assert (first.is_leader, standby.is_leader) == (True, False)
            assert standby.stats.published == 0

            first.stop()  # the leader goes away: its connection, and so its lock, with it
            assert await eventually(lambda: _leader(standby), timeout_s=15)
            await write_probes(probe_sessions, registry, interleaved_probes(3, streams=1))
            records = await read_topic(kafka.bootstrap, registry.topics[0].name, 5, timeout_s=10)
    assert len(records) == 5
    assert (first.stats.published, standby.stats.published) == (2, 3)
