"""The FastStream Kafka broker every service uses, traced with OpenTelemetry."""

from __future__ import annotations

import logging

from faststream.kafka import KafkaBroker
from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware
from opentelemetry import trace

from cers_chassis.settings import ServiceSettings


def create_broker(settings: ServiceSettings) -> KafkaBroker:
    """A broker whose publishes wait for all in-sync replicas and never duplicate on retry."""
    return KafkaBroker(
        settings.kafka_bootstrap,
        client_id=f"cers-{settings.service_name}",
        acks="all",
        enable_idempotence=True,
        allow_auto_create_topics=False,
        middlewares=[KafkaTelemetryMiddleware(tracer_provider=trace.get_tracer_provider())],
        graceful_timeout=10.0,
        # Through the service's JSON logs (with trace ids), and per-message lines only at DEBUG.
        logger=logging.getLogger("cers.kafka"),
        log_level=logging.DEBUG,
    )
