"""Messages of the notifications service: topic ``notifications.bulletin.v1``, key bulletin id.

Each event carries the bulletin's full state, so the gateway can keep the outage banner and the
Bulletins tab from the stream alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from cers_contracts.message import Message


class BilingualText(BaseModel):
    """The same text in English and French."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    en: str = Field(max_length=10_000)
    fr: str = Field(max_length=10_000)


class BulletinState(BaseModel):
    """A bulletin as published now."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    bulletin_id: str = Field(min_length=1, max_length=64)
    number: str = Field(pattern=r"^[A-Z]{2,5}\d{2}-\d{4}$", description="e.g. TCC25-0132")
    title: BilingualText
    starts_at: datetime = Field(description="Start (UTC; shown in Eastern Time).")
    ends_at: datetime | None = Field(default=None, description="End (UTC), when known.")
    clients_affected: BilingualText
    description: BilingualText
    action_required: BilingualText
    topics: list[str] = Field(description="e.g. Exports, Release")
    category: str = Field(max_length=64, description="Subscription category, e.g. Exporter.")
    outage: bool = Field(description="An outage notice: drives the banner and contingency page.")
    retired: bool = False
    version: int = Field(ge=1)


class BulletinEvent(Message):
    """Something that happened to a bulletin; carries its state after it."""

    key_field: ClassVar[str] = "bulletin_id"

    bulletin_id: str = Field(min_length=1, max_length=64)
    bulletin: BulletinState
    actor_user_id: str
    occurred_at: datetime


class BulletinPublished(BulletinEvent):
    """An officer published a bulletin."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.notifications.bulletin.published.v1"


class BulletinUpdated(BulletinEvent):
    """An officer edited a published bulletin (e.g. set an outage's end)."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.notifications.bulletin.updated.v1"


class BulletinRetired(BulletinEvent):
    """An officer retired a bulletin: it is no longer shown."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.notifications.bulletin.retired.v1"
