"""The base of every message model carried between services."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class Message(BaseModel):
    """A message body: a versioned, typed, immutable pydantic model.

    Subclasses set ``ce_type`` (the CloudEvents type, versioned, e.g.
    ``ca.cbsa.cers.documents.declaration.reported.v1``) and ``key_field`` (the field whose value is
    the Kafka key: the aggregate id, so that order holds per aggregate). Unknown fields are ignored
    so that additive changes on v1 never break an older consumer.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    ce_type: ClassVar[str]
    key_field: ClassVar[str]

    def kafka_key(self) -> str:
        """The Kafka key of this message: the value of its aggregate id field."""
        return str(getattr(self, self.key_field))
