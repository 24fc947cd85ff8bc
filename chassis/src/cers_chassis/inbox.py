"""The inbox: each message's effects happen once, whatever Kafka redelivers.

An ``InboxConsumer`` reads its topic in batches and handles a batch in one database transaction
that records ``(consumer, ce_source, ce_id)`` in the inbox table beside each handler's effects; a
record already there is skipped. The Kafka offset is committed only after that transaction
(FastStream ``AckPolicy.NACK_ON_ERROR``), so a crash replays the batch and the inbox skips what
already took effect. When a record fails, the batch is redone with a savepoint per record: the
failing one is retried a bounded number of times, then goes to ``<topic>.dlq`` with the error in
its headers, and the others take effect. A record that cannot be read (headers or body) goes to
the DLQ at once. Infrastructure failures (database unreachable, deadlock, shutdown) are not the
message's fault: the whole batch is rolled back and redelivered after a pause.
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

from cers_chassis.metrics import INBOX_RECORDS
from cers_chassis.tables import inbox
from cers_contracts.envelope import Envelope, EnvelopeError, headers_from_record
from cers_contracts.message import Message
from cers_contracts.topics import TopicSpec

log = logging.getLogger(__name__)
_tracer = trace.get_tracer(__name__)

Handler = Callable[[AsyncSession, Envelope, Any], Awaitable[None]]
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


# Built once: constructing the statement per message cost more than executing it.
_CLAIM = pg_insert(inbox).on_conflict_do_nothing().returning(inbox.c.event_id)


class _IsolateRecords(Exception):  # noqa: N818 - a signal, not an error
    """A record failed without savepoints: redo the batch record by record.

    ``handler_failure`` is set when the record's handler ran and failed: that run counts as its
    first attempt.
    """

    def __init__(
        self, record: ConsumerRecord[Any, Any], *, handler_failure: Exception | None = None
    ) -> None:
        super().__init__(f"{record.topic}[{record.partition}]@{record.offset}")
        self.position = (record.partition, record.offset)
        self.handler_failure = handler_failure


# SQLSTATE classes that are the database's condition, not the message's fault: connection
# exceptions, transaction rollbacks (deadlock, serialization), insufficient resources,
# operator intervention (shutdown, "cannot connect now") and system errors.
TRANSIENT_SQLSTATE_CLASSES = frozenset({"08", "40", "53", "57", "58"})


def _is_infrastructure(error: BaseException) -> bool:
    """True for failures that are not the message's fault: the batch is redelivered as is."""
    if isinstance(error, DBAPIError):
        if error.connection_invalidated or isinstance(error, OperationalError | InterfaceError):
            return True
        sqlstate = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
        return str(sqlstate or "")[:2] in TRANSIENT_SQLSTATE_CLASSES
    return isinstance(error, OSError | ConnectionError | TimeoutError)


async def _undecoded(message: StreamMessage[Any]) -> bytes:
    """Skip FastStream's JSON decoding, which would fail before the handler on a bad body.

    The consumer parses each record's value itself, so that a bad one is dead-lettered.
    """
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

        The batch is first tried without savepoints (the common case: every record succeeds). If
        any record fails or cannot be read, that attempt is rolled back before anything was sent
        to the DLQ, and the batch is redone record by record, each in a savepoint. On an
        infrastructure failure nothing of the batch is kept and the caller redelivers all of it.
        """
        try:
            try:
                outcomes = await self._process_all(records, dead_letter, isolated=False)
            except _IsolateRecords as signal:
                outcomes = await self._process_all(
                    records, dead_letter, isolated=True, signal=signal
                )
        except Exception as error:
            if _is_infrastructure(error):
                log.warning(
                    "consumer %s: %d record(s) of %s will be redelivered after an "
                    "infrastructure failure: %r",
                    self.name,
                    len(records),
                    self.topic.name,
                    error,
                )
                await asyncio.sleep(INFRASTRUCTURE_PAUSE_S)  # no hot loop during an outage
            raise
        for outcome in outcomes:  # counted once committed
            INBOX_RECORDS.labels(self.name, self.topic.name, outcome.value).inc()
        return outcomes

    async def _process_all(
        self,
        records: Sequence[ConsumerRecord[Any, Any]],
        dead_letter: DeadLetterPublisher,
        *,
        isolated: bool,
        signal: _IsolateRecords | None = None,
    ) -> list[Outcome]:
        """One transaction over ``records``, each record in a savepoint when ``isolated``.

        ``signal`` names the record that failed the fast path, and why.
        """
        async with self._sessions.begin() as session:
            return [
                await self.process(
                    session,
                    record,
                    dead_letter,
                    isolated=isolated,
                    earlier_failure=signal.handler_failure
                    if signal is not None and signal.position == (record.partition, record.offset)
                    else None,
                )
                for record in records
            ]

    async def process(
        self,
        session: AsyncSession,
        record: ConsumerRecord[Any, Any],
        dead_letter: DeadLetterPublisher,
        *,
        isolated: bool = True,
        earlier_failure: Exception | None = None,
    ) -> Outcome:
        """Handle one record inside ``session``'s transaction (in a savepoint when ``isolated``).

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
            outcome = await self._process(
                session, record, headers, dead_letter, isolated, earlier_failure
            )
            span.set_attribute("cers.inbox.outcome", outcome.value)
            return outcome

    async def _process(
        self,
        session: AsyncSession,
        record: ConsumerRecord[Any, Any],
        headers: dict[str, str],
        dead_letter: DeadLetterPublisher,
        isolated: bool,
        earlier_failure: Exception | None,
    ) -> Outcome:
        try:
            envelope = Envelope.from_headers(headers)
        except EnvelopeError as error:
            if not isolated:
                raise _IsolateRecords(record) from error
            await self._dead_letter(record, headers, error, 0, dead_letter)
            return Outcome.DEAD_LETTERED
        if envelope.type not in self._handlers:
            return Outcome.IGNORED  # another consumer's message type on a shared topic
        model, handler = self._handlers[envelope.type]
        try:
            body = model.model_validate_json(record.value or b"")
        except ValidationError as error:
            if not isolated:
                raise _IsolateRecords(record) from error
            if await self._claim(session, envelope, Outcome.DEAD_LETTERED):
                await self._dead_letter(record, headers, error, 0, dead_letter)
            return Outcome.DEAD_LETTERED

        failure = earlier_failure  # the fast path's run counts as the first attempt
        for attempt in range(2 if earlier_failure else 1, self._max_attempts + 1):
            try:
                if not isolated:
                    return await self._handle(session, envelope, body, handler)
                async with session.begin_nested():
                    return await self._handle(session, envelope, body, handler)
            except Exception as error:
                if _is_infrastructure(error):
                    raise
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
            if not isolated:
                raise _IsolateRecords(record, handler_failure=failure) from failure
            if attempt < self._max_attempts:
                await asyncio.sleep(self._retry_backoff_s * 2 ** (attempt - 1))
        assert failure is not None, "max_attempts >= 1, so some attempt failed to get here"
        if await self._claim(session, envelope, Outcome.DEAD_LETTERED):
            await self._dead_letter(record, headers, failure, self._max_attempts, dead_letter)
        return Outcome.DEAD_LETTERED

    async def _handle(
        self, session: AsyncSession, envelope: Envelope, body: Message, handler: Handler
    ) -> Outcome:
        if not await self._claim(session, envelope, Outcome.PROCESSED):
            return Outcome.DUPLICATE
        await handler(session, envelope, body)
        return Outcome.PROCESSED

    async def _claim(self, session: AsyncSession, envelope: Envelope, outcome: Outcome) -> bool:
        """Record the message in the inbox; False when it was there already (a redelivery)."""
        params = {
            "consumer": self.name,
            "source": envelope.source,
            "event_id": envelope.id,
            "outcome": outcome.value,
        }
        return (await session.execute(_CLAIM, params)).first() is not None

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
