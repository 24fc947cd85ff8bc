"""Nothing lost, nothing doubled: relay and consumer processes killed, the broker stopped.

The relay and the consumer run as separate processes (tests/fixtures/pipeline_harness.py) so that
SIGKILL hits them as it would a crashed service.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_contracts.provision import provision
from cers_contracts.topics import TopicRegistry
from tests.fixtures.messaging import eventually, probe_registry
from tests.fixtures.pipeline import (
    assert_exactly_once_in_order,
    effect_count,
    effect_rows,
    effects_reached,
    interleaved_probes,
    outbox_size,
    write_probes,
)
from tests.fixtures.runtime import KafkaRuntime, PostgresRuntime

pytestmark = [pytest.mark.integration, pytest.mark.chaos, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


class Harness:
    """Starts, kills and restarts one harness process."""

    def __init__(self, role: str, *args: str) -> None:
        self._command = [sys.executable, "-m", "tests.fixtures.pipeline_harness", role, *args]
        self._process: subprocess.Popen[bytes] | None = None
        self.kills = 0

    def start(self) -> None:
        self._process = subprocess.Popen(self._command, cwd=ROOT, env=os.environ.copy())

    def kill(self) -> None:
        assert self._process is not None and self._process.poll() is None, "harness died early"
        self._process.send_signal(signal.SIGKILL)
        self._process.wait(timeout=10)
        self.kills += 1

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()


@pytest.fixture
def harnesses() -> Iterator[list[Harness]]:
    started: list[Harness] = []
    yield started
    for harness in started:
        harness.stop()


@pytest.fixture
async def registry(kafka: KafkaRuntime) -> TopicRegistry:
    """A fresh four-partition probe topic on the broker."""
    registry = probe_registry(partitions=4)
    await provision(kafka.bootstrap, registry)
    return registry


async def assert_all_took_effect_once(
    sessions: async_sessionmaker[AsyncSession], total: int, streams: int
) -> None:
    await reach(sessions, total)
    await asyncio.sleep(3)  # a doubled effect would arrive now
    assert_exactly_once_in_order(await effect_rows(sessions), total, streams)


def start_pipeline(
    harnesses: list[Harness], database_url: str, kafka: KafkaRuntime, topic: str
) -> tuple[Harness, Harness]:
    """Start a relay process and a consumer process of ``topic``; return them."""
    common = ("--db", database_url, "--bootstrap", kafka.bootstrap)
    relay = Harness("relay", *common)
    consumer = Harness("consumer", *common, "--topic", topic)
    harnesses.extend([relay, consumer])
    relay.start()
    consumer.start()
    return relay, consumer


async def reach(sessions: async_sessionmaker[AsyncSession], count: int) -> None:
    assert await eventually(lambda: effects_reached(sessions, count), timeout_s=240), (
        f"stalled before {count} effects"
    )


async def test_ten_thousand_messages_survive_consumer_and_relay_kills(
    kafka: KafkaRuntime,
    registry: TopicRegistry,
    database_url: str,
    probe_sessions: async_sessionmaker[AsyncSession],
    harnesses: list[Harness],
) -> None:
    total, streams = 10_000, 8
    probes = interleaved_probes(total, streams)
    first_half, second_half = probes[: total // 2], probes[total // 2 :]
    relay, consumer = start_pipeline(harnesses, database_url, kafka, registry.topics[0].name)
    writer = asyncio.create_task(
        write_probes(probe_sessions, registry, first_half, per_transaction=250)
    )

    await reach(probe_sessions, 1_500)
    consumer.kill()  # mid-batch: effects of an uncommitted batch roll back, offsets replay
    consumer.start()
    await writer
    await reach(probe_sessions, 4_000)
    relay.kill()
    # The second half piles up in the outbox while no relay runs; the new relay starts with a
    # backlog, and the rows the killed one had sent but not deleted are sent again.
    await write_probes(probe_sessions, registry, second_half, per_transaction=250)
    assert await outbox_size(probe_sessions) >= len(second_half)
    relay.start()
    await reach(probe_sessions, 6_500)
    consumer.kill()
    consumer.start()

    await assert_all_took_effect_once(probe_sessions, total, streams)
    assert (consumer.kills, relay.kills) == (2, 1)


async def test_broker_stopped_for_ten_seconds_mid_stream_loses_and_doubles_nothing(
    kafka: KafkaRuntime,
    registry: TopicRegistry,
    database_url: str,
    probe_sessions: async_sessionmaker[AsyncSession],
    harnesses: list[Harness],
) -> None:
    total, streams = 3_000, 4
    start_pipeline(harnesses, database_url, kafka, registry.topics[0].name)
    writer = asyncio.create_task(
        write_probes(
            probe_sessions, registry, interleaved_probes(total, streams), per_transaction=100
        )
    )
    await reach(probe_sessions, 500)
    kafka.stop()
    try:
        await asyncio.sleep(10)
        stalled_at = await effect_count(probe_sessions)
    finally:
        kafka.start()
    assert stalled_at < total, "the broker stop happened too late to test anything"

    await writer
    await assert_all_took_effect_once(probe_sessions, total, streams)


async def test_database_restarted_mid_stream_loses_and_doubles_nothing(
    kafka: KafkaRuntime,
    registry: TopicRegistry,
    postgres: PostgresRuntime,
    database_url: str,
    probe_sessions: async_sessionmaker[AsyncSession],
    harnesses: list[Harness],
) -> None:
    total, streams = 3_000, 4
    await write_probes(
        probe_sessions, registry, interleaved_probes(total, streams), per_transaction=500
    )
    start_pipeline(harnesses, database_url, kafka, registry.topics[0].name)
    await reach(probe_sessions, 300)
    assert await effect_count(probe_sessions) < total, (
        "the restart would come too late to test anything"
    )
    postgres.stop()  # fast shutdown: every open connection of relay and consumer is cut
    try:
        await asyncio.sleep(10)
    finally:
        postgres.start()

    await assert_all_took_effect_once(probe_sessions, total, streams)
