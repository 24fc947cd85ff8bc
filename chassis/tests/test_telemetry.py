"""One trace per user action: the span that writes to the outbox is the parent of the consumer's."""

from __future__ import annotations

import asyncio
import logging

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_chassis.broker import create_broker
from cers_chassis.inbox import InboxConsumer
from cers_chassis.logs import TraceContextFilter
from cers_chassis.outbox import OutboxRelay
from cers_chassis.settings import ServiceSettings
from cers_chassis.telemetry import setup_tracing
from cers_contracts.platform import PipelineProbe
from cers_contracts.provision import provision
from tests.fixtures.messaging import eventually, probe_registry
from tests.fixtures.pipeline import (
    effects_reached,
    interleaved_probes,
    record_effect,
    write_probes,
)
from tests.fixtures.runtime import KafkaRuntime


def exporting_provider() -> InMemorySpanExporter:
    """This process's spans, in memory."""
    exporter = InMemorySpanExporter()
    setup_tracing("test", exporter=exporter)
    return exporter


@pytest.mark.integration
async def test_a_trace_crosses_outbox_relay_kafka_and_consumer(
    kafka: KafkaRuntime, database_url: str, probe_sessions: async_sessionmaker[AsyncSession]
) -> None:
    exporter = exporting_provider()
    registry = probe_registry(partitions=1)
    await provision(kafka.bootstrap, registry)
    sessions = probe_sessions
    broker = create_broker(ServiceSettings(service_name="test", kafka_bootstrap=kafka.bootstrap))
    InboxConsumer(
        name="trace-test",
        topic=registry.topics[0],
        handlers={PipelineProbe: record_effect},
        sessions=sessions,
    ).register(broker)
    relay = OutboxRelay(database_url, kafka.bootstrap, poll_interval_s=0.2)
    relay_task = asyncio.create_task(relay.run())
    await broker.start()
    try:
        with trace.get_tracer("test").start_as_current_span("user action") as action:
            await write_probes(sessions, registry, interleaved_probes(1, streams=1))
        assert await eventually(lambda: effects_reached(sessions, 1), timeout_s=30)
    finally:
        relay.stop()
        await relay_task
        await broker.stop()

    action_context = action.get_span_context()
    processed = [
        s
        for s in exporter.get_finished_spans()
        if s.name == f"{registry.topics[0].name} process"
        and "cers.inbox.outcome" in (s.attributes or {})
    ]
    assert len(processed) == 1, [s.name for s in exporter.get_finished_spans()]
    (span,) = processed
    assert span.kind == trace.SpanKind.CONSUMER
    assert span.context.trace_id == action_context.trace_id
    assert span.parent is not None and span.parent.is_remote  # continued from the Kafka headers
    assert (span.attributes or {})["cers.inbox.outcome"] == "processed"


def test_log_records_carry_the_active_trace_id() -> None:
    exporting_provider()
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "msg", None, None)
    with trace.get_tracer("test").start_as_current_span("span") as span:
        TraceContextFilter().filter(record)
    assert record.__dict__["trace_id"] == format(span.get_span_context().trace_id, "032x")
    outside = logging.LogRecord("x", logging.INFO, __file__, 1, "msg", None, None)
    TraceContextFilter().filter(outside)
    assert outside.__dict__["trace_id"] == ""
