"""The CloudEvents envelope in Kafka binary mode: attributes as ``ce_*`` headers, JSON body."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cers_contracts.message import Message

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/json"


class EnvelopeError(ValueError):
    """The headers of a record are not a valid CloudEvents binary-mode envelope."""


class Envelope(BaseModel):
    """The CloudEvents attributes of one message, plus the W3C trace context."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    # Bounded so that the inbox key (consumer, source, id) always fits its table.
    id: str = Field(alias="ce_id", min_length=1, max_length=64)
    source: str = Field(alias="ce_source", min_length=1, max_length=256)
    type: str = Field(alias="ce_type", min_length=1)
    time: datetime = Field(alias="ce_time")
    specversion: str = Field(alias="ce_specversion", pattern=r"^1\.0$")
    subject: str | None = Field(default=None, alias="ce_subject")
    traceparent: str | None = None
    tracestate: str | None = None

    def to_headers(self) -> dict[str, str]:
        """The Kafka headers carrying this envelope (binary content mode)."""
        headers = {
            "ce_id": self.id,
            "ce_source": self.source,
            "ce_type": self.type,
            "ce_time": self.time.isoformat().replace("+00:00", "Z"),
            "ce_specversion": self.specversion,
            "content-type": CONTENT_TYPE,
        }
        optional = {
            "ce_subject": self.subject,
            "traceparent": self.traceparent,
            "tracestate": self.tracestate,
        }
        headers.update({name: value for name, value in optional.items() if value})
        return headers

    @classmethod
    def from_headers(cls, headers: Mapping[str, str | bytes]) -> Envelope:
        """Read the envelope from Kafka headers; raise EnvelopeError naming what is wrong."""
        decoded = {
            name: value.decode("utf-8", "replace") if isinstance(value, bytes) else value
            for name, value in headers.items()
        }
        try:
            return cls.model_validate(decoded)
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
            )
            raise EnvelopeError(f"invalid CloudEvents headers: {problems}") from error


def new_envelope(
    message: Message,
    *,
    source: str,
    traceparent: str | None = None,
    tracestate: str | None = None,
    event_id: str | None = None,
    time: datetime | None = None,
) -> Envelope:
    """A fresh envelope for ``message`` emitted by ``source`` (e.g. ``/cers/documents``)."""
    return Envelope(
        id=event_id or str(uuid.uuid4()),
        source=source,
        type=message.ce_type,
        time=time or datetime.now(UTC),
        specversion=SPEC_VERSION,
        subject=message.kafka_key(),
        traceparent=traceparent,
        tracestate=tracestate,
    )


def headers_from_record(raw: Iterable[tuple[str, bytes | None]] | None) -> dict[str, str]:
    """Kafka record headers (name/bytes pairs; a value may be null) as a dict of strings."""
    return {name: (value or b"").decode("utf-8", "replace") for name, value in raw or ()}


def encode_body(message: Message) -> bytes:
    """The JSON body of ``message``."""
    return message.model_dump_json().encode("utf-8")
