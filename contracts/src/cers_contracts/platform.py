"""Messages of the platform itself (no business data)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import Field

from cers_contracts.message import Message


class PipelineProbe(Message):
    """A probe sent through outbox → relay → Kafka → inbox to check or measure the pipeline."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.platform.pipeline-probe.v1"
    key_field: ClassVar[str] = "stream"

    stream: str = Field(min_length=1, max_length=64, description="Probe stream; the Kafka key.")
    sequence: int = Field(ge=0, description="Position of this probe in its stream, from 0.")
    created_at: datetime = Field(description="When the probe was written to the outbox (UTC).")
