"""The inbox: each message's effects happen once, whatever Kafka redelivers.

An ``InboxConsumer`` reads its topic in batches. A batch is handled in one database transaction;
each record inside it in a savepoint that records ``(consumer, ce_source, ce_id)`` in the inbox
table together with the handler's effects. The Kafka offset is committed only after the batch's
transaction (FastStream ``AckPolicy.NACK_ON_ERROR``), so a crash replays the batch and the inbox
skips what already took effect. A handler failure rolls back its savepoint and is retried a bounded
number of times; then the record goes to ``<topic>.dlq`` with the error in its headers and the
batch moves on. A record that cannot be read (headers or body) goes to the DLQ at once.
Infrastructure failures (database unreachable) are not the message's fault: the whole batch is
rolled back and redelivered after a pause.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Protocol

from aiokafka import ConsumerRecord
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.message import StreamMessage
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind
from pydantic import ValidationError
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_chassis.tables import inbox
from cers_contracts.envelope import Envelope, EnvelopeError, headers_from_record
from cers_contracts.message import Message
from cers_contracts.topics import TopicSpec

log = logging.getLogger(__name__)
_tracer = trace.get_tracer(__name__)

Handler = Callable[[AsyncSession, Envelope, Any], Awaitable[None]]
INFRASTRUCTURE_ERRORS = (OperationalError, InterfaceError, OSError, ConnectionError, TimeoutError)
ERROR_TEXT_LIMIT = 2000
INFRASTRUCTURE_PAUSE_S = 1.0


class Outcome(enum.StrEnum):
    """What became of one record."""

    PROCESSED = "processed"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    DEAD_LETTERED = "dead_lettered"


class DeadLetterPublisher(Protocol):
    """Sends a record to a dead-letter topic (a FastStream broker's ``publish`` fits)."""

    async def __call__(
        self, value: bytes, *, topic: str, key: bytes | None, headers: dict[str, str]
    ) -> Any: ...


async def _undecoded(message: StreamMessage[Any]) -> bytes:
    """Keep the body as bytes: the consumer parses it, so a bad body is dead-lettered."""
    return message.body


class InboxConsumer:
    """Consumes one topic for one named consumer, with exactly-once effects."""

    def __init__(
        self,
        *,
        name: str,
        topic: TopicSpec,
        handlers: Mapping[type[Message], Handler],
        sessions: async_sessionmaker[AsyncSession],
        max_attempts: int = 3,
        retry_backoff_s: float = 0.2,
        batch_size: int = 100,
    ) -> None:
        self.name = name
        self.topic = topic
        self._handlers = {model.ce_type: (model, handler) for model, handler in handlers.items()}
        self._sessions = sessions
        self._max_attempts = max_attempts
        self._retry_backoff_s = retry_backoff_s
        self._batch_size = batch_size

    def register(self, broker: KafkaBroker) -> None:
        """Subscribe on ``broker``: consumer group ``name``, offsets committed after the effects."""

        async def dead_letter(
            value: bytes, *, topic: str, key: bytes | None, headers: dict[str, str]
        ) -> None:
            await broker.publish(value, topic=topic, key=key, headers=headers)

        @broker.subscriber(
            self.topic.name,
            group_id=self.name,
            ack_policy=AckPolicy.NACK_ON_ERROR,
            auto_offset_reset="earliest",
            batch=True,
            max_records=self._batch_size,
            title=f"{self.name}:{self.topic.name}",
            decoder=_undecoded,
        )
        async def on_records(message: KafkaMessage) -> None:
            raw = message.raw_message
            await self.process_batch(raw if isinstance(raw, tuple) else (raw,), dead_letter)

    async def process_batch(
        self, records: Sequence[ConsumerRecord[Any, Any]], dead_letter: DeadLetterPublisher
    ) -> list[Outcome]:
        """Handle records in one transaction; raise only for infrastructure failures.

        On such a failure nothing of the batch is kept and the caller redelivers all of it.
        """
        try:
            async with self._sessions.begin() as session:
                return [await self.process(session, record, dead_letter) for record in records]
        except INFRASTRUCTURE_ERRORS as error:
            await self._pause_for_redelivery(records, error)
            raise
        except DBAPIError as error:
            if error.connection_invalidated:
                await self._pause_for_redelivery(records, error)
            raise

    async def process(
        self,
        session: AsyncSession,
        record: ConsumerRecord[Any, Any],
        dead_letter: DeadLetterPublisher,
    ) -> Outcome:
        """Handle one record inside ``session``'s transaction.

        The work runs in a consumer span whose parent is the producer's trace context (the
        ``traceparent`` header), so one user action stays one trace across services.
        """
        headers = headers_from_record(record.headers)
        with _tracer.start_as_current_span(
            f"{record.topic} process",
            context=propagate.extract(headers),
            kind=SpanKind.CONSUMER,
            attributes={
                "messaging.system": "kafka",
                "messaging.destination.name": record.topic,
                "messaging.consumer.group.name": self.name,
                "messaging.kafka.destination.partition": record.partition,
                "messaging.kafka.message.offset": record.offset,
                "messaging.message.id": headers.get("ce_id", ""),
            },
        ) as span:
            outcome = await self._process(session, record, headers, dead_letter)
            span.set_attribute("cers.inbox.outcome", outcome.value)
            return outcome

    async def _process(
        self,
        session: AsyncSession,
        record: ConsumerRecord[Any, Any],
        headers: dict[str, str],
        dead_letter: DeadLetterPublisher,
    ) -> Outcome:
        try:
            envelope = Envelope.from_headers(headers)
        except EnvelopeError as error:
            await self._dead_letter(record, headers, error, 0, dead_letter)
            return Outcome.DEAD_LETTERED
        if envelope.type not in self._handlers:
            return Outcome.IGNORED  # another consumer's message type on a shared topic
        model, handler = self._handlers[envelope.type]
        try:
            body = model.model_validate_json(record.value or b"")
        except ValidationError as error:
            if await self._claim(session, envelope, Outcome.DEAD_LETTERED):
                await self._dead_letter(record, headers, error, 0, dead_letter)
            return Outcome.DEAD_LETTERED

        for attempt in range(1, self._max_attempts + 1):
            try:
                async with session.begin_nested():
                    if not await self._claim(session, envelope, Outcome.PROCESSED):
                        return Outcome.DUPLICATE
                    await handler(session, envelope, body)
                return Outcome.PROCESSED
            except INFRASTRUCTURE_ERRORS:
                raise
            except DBAPIError as error:
                if error.connection_invalidated:
                    raise
                failure: Exception = error
            except Exception as error:
                failure = error
            log.warning(
                "consumer %s: %s %s failed (attempt %d/%d): %r",
                self.name,
                envelope.type,
                envelope.id,
                attempt,
                self._max_attempts,
                failure,
            )
            if attempt < self._max_attempts:
                await asyncio.sleep(self._retry_backoff_s * 2 ** (attempt - 1))
        if await self._claim(session, envelope, Outcome.DEAD_LETTERED):
            await self._dead_letter(record, headers, failure, self._max_attempts, dead_letter)
        return Outcome.DEAD_LETTERED

    async def _pause_for_redelivery(
        self, records: Sequence[ConsumerRecord[Any, Any]], error: Exception
    ) -> None:
        """Not the messages' fault: pause (no hot loop in an outage), then let them come again."""
        log.warning(
            "consumer %s: %d record(s) from %s will be redelivered after an infrastructure "
            "failure: %r",
            self.name,
            len(records),
            self.topic.name,
            error,
        )
        await asyncio.sleep(INFRASTRUCTURE_PAUSE_S)

    async def _claim(self, session: AsyncSession, envelope: Envelope, outcome: Outcome) -> bool:
        claimed = await session.execute(
            pg_insert(inbox)
            .values(
                consumer=self.name,
                source=envelope.source,
                event_id=envelope.id,
                outcome=outcome.value,
            )
            .on_conflict_do_nothing()
            .returning(inbox.c.event_id)
        )
        return claimed.first() is not None

    async def _dead_letter(
        self,
        record: ConsumerRecord[Any, Any],
        headers: dict[str, str],
        error: Exception,
        attempts: int,
        dead_letter: DeadLetterPublisher,
    ) -> None:
        log.error(
            "consumer %s: dead-lettering %s[%d]@%d after %d attempt(s): %r",
            self.name,
            record.topic,
            record.partition,
            record.offset,
            attempts,
            error,
        )
        await dead_letter(
            record.value or b"",
            topic=self.topic.dlq,
            key=record.key,
            headers={
                **headers,
                "cers_dlq_consumer": self.name,
                "cers_dlq_error_type": type(error).__name__,
                "cers_dlq_error": str(error)[:ERROR_TEXT_LIMIT],
                "cers_dlq_attempts": str(attempts),
                "cers_dlq_topic": record.topic,
                "cers_dlq_partition": str(record.partition),
                "cers_dlq_offset": str(record.offset),
            },
        )
