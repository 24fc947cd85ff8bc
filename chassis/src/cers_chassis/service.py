"""Assembly of a service process: HTTP app, Kafka broker, outbox relay, health, telemetry."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter, FastAPI
from faststream.kafka import KafkaBroker
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from cers_chassis.auth import JwksTokenVerifier
from cers_chassis.broker import create_broker
from cers_chassis.db import create_engine, session_factory
from cers_chassis.errors import install_error_handlers
from cers_chassis.health import Check, broker_check, database_check, health_router
from cers_chassis.inbox import Handler, InboxConsumer
from cers_chassis.logs import setup_logging
from cers_chassis.metrics import install_metrics
from cers_chassis.outbox import OutboxRelay
from cers_chassis.retry import retry_until_done
from cers_chassis.settings import ServiceSettings
from cers_chassis.telemetry import setup_tracing
from cers_contracts.message import Message
from cers_contracts.topics import TopicSpec


@dataclass
class ServiceRuntime:
    """What a running service holds: settings, broker and, with a database, engine and relay."""

    settings: ServiceSettings
    broker: KafkaBroker
    verifier: JwksTokenVerifier
    engine: AsyncEngine | None = None
    sessions: async_sessionmaker[AsyncSession] | None = None
    relay: OutboxRelay | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)

    def inbox_consumer(
        self, purpose: str, topic: TopicSpec, handlers: Mapping[type[Message], Handler]
    ) -> InboxConsumer:
        """A consumer of ``topic`` on this service's database, retries as its settings say.

        Its consumer group is ``<settings.consumer_group or service name>.<purpose>``.
        """
        if self.sessions is None:
            raise RuntimeError(f"{self.settings.service_name} has no database to keep an inbox in")
        return InboxConsumer(
            name=self.settings.consumer_group_id(purpose),
            topic=topic,
            handlers=handlers,
            sessions=self.sessions,
            max_attempts=self.settings.consumer_max_attempts,
            retry_backoff_s=self.settings.consumer_retry_backoff_s,
        )


ConsumerFactory = Callable[[ServiceRuntime], Iterable[InboxConsumer]]
BackgroundWork = Callable[[], Coroutine[Any, Any, None]]
WorkerFactory = Callable[[ServiceRuntime], Iterable[tuple[str, BackgroundWork]]]


async def _start_broker(broker: KafkaBroker) -> None:
    """Connect to Kafka, retrying until it answers: without it a service is alive, not ready."""

    async def clean_up(error: Exception) -> None:
        with contextlib.suppress(Exception):
            await broker.stop()

    await retry_until_done(
        broker.start, what="Kafka connection", after_failure=clean_up, max_backoff_s=10.0
    )


def create_service_app(
    settings: ServiceSettings,
    *,
    title: str,
    routers: Iterable[APIRouter] = (),
    consumers: ConsumerFactory | None = None,
    workers: WorkerFactory | None = None,
    verifier: JwksTokenVerifier | None = None,
) -> FastAPI:
    """The FastAPI app of a service, whose lifespan runs the broker, consumers and relay.

    ``workers`` names the service's own long-running loops (schedulers, senders): each runs as a
    task for the life of the app and is cancelled at shutdown. ``verifier`` replaces the token
    verifier of identity's JWKS (tests sign their own tokens).
    """
    setup_logging(settings.service_name, level=settings.log_level, json_output=settings.log_json)
    setup_tracing(settings.service_name, otlp_endpoint=settings.otlp_endpoint)
    runtime = ServiceRuntime(
        settings=settings,
        broker=create_broker(settings),
        verifier=verifier
        or JwksTokenVerifier(
            settings.jwks_url, issuer=settings.token_issuer, audience=settings.token_audience
        ),
    )
    checks: dict[str, Check] = {"kafka": broker_check(runtime.broker)}
    if settings.database_url:
        runtime.engine = create_engine(settings.database_url)
        runtime.sessions = session_factory(runtime.engine)
        checks["database"] = database_check(runtime.engine)
        if settings.relay_enabled:
            runtime.relay = OutboxRelay(
                settings.database_url,
                settings.kafka_bootstrap,
                batch_size=settings.relay_batch_size,
                poll_interval_s=settings.relay_poll_interval_s,
            )
    registered = list(consumers(runtime)) if consumers else []
    for consumer in registered:
        consumer.register(runtime.broker)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.runtime = runtime
        planned = list(workers(runtime)) if workers else []  # a failure here leaves no task behind
        broker_start = asyncio.create_task(_start_broker(runtime.broker), name="broker-start")
        if runtime.relay is not None:
            runtime.tasks.append(asyncio.create_task(runtime.relay.run(), name="outbox-relay"))
        own_work = [asyncio.create_task(work(), name=name) for name, work in planned]
        runtime.tasks.extend(own_work)
        try:
            yield
        finally:
            if runtime.relay is not None:
                runtime.relay.stop()
            broker_start.cancel()  # in case Kafka never answered
            for task in own_work:
                task.cancel()  # the relay, unlike them, stops itself after its current batch
            await asyncio.gather(broker_start, *runtime.tasks, return_exceptions=True)
            await runtime.broker.stop()
            await runtime.verifier.aclose()
            if runtime.engine is not None:
                await runtime.engine.dispose()

    app = FastAPI(title=title, lifespan=lifespan)
    app.state.consumers = registered  # their groups and topics, for operators and tests
    install_error_handlers(app)
    install_metrics(app, settings.service_name)
    app.include_router(health_router(checks))
    for router in routers:
        app.include_router(router)
    FastAPIInstrumentor.instrument_app(app)
    return app
