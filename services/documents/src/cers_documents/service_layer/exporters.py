"""The exporter replica: what accounts says of each business account."""

from __future__ import annotations

from datetime import datetime

from cers_contracts.accounts import BusinessAccountEvent
from cers_documents.service_layer.unit_of_work import Store


async def remember(store: Store, event: BusinessAccountEvent, now: datetime) -> None:
    """Keep the account's state as the event gives it."""
    await store.exporters.remember(event.account, now)
