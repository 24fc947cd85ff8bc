"""Reading the development SMTP sink."""

from __future__ import annotations

from cers_notifications.adapters.smtp_sink import SinkMessage
from cers_notifications.service_layer.unit_of_work import UnitOfWork


async def received_messages(uow: UnitOfWork) -> list[SinkMessage]:
    """The latest messages the sink received, newest first."""
    async with uow() as store:
        return await store.sink.latest()


async def received_message(uow: UnitOfWork, sink_id: int) -> SinkMessage | None:
    """One received message."""
    async with uow() as store:
        return await store.sink.get(sink_id)
