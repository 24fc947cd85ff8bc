"""The unit of work: one transaction over the repositories and the outbox."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_chassis.outbox import Outbox
from cers_contracts.message import Message
from cers_documents.adapters.declaration_repository import DeclarationRepository
from cers_documents.adapters.draft_repository import DraftRepository
from cers_documents.adapters.exporter_repository import ExporterRepository
from cers_documents.adapters.idempotency_repository import IdempotencyRepository
from cers_documents.adapters.por_counter import next_sequence


class Store:
    """The repositories, and the outbox, bound to one session (one transaction)."""

    def __init__(self, session: AsyncSession, outbox: Outbox) -> None:
        self.session = session
        self._outbox = outbox
        self.drafts = DraftRepository(session)
        self.declarations = DeclarationRepository(session)
        self.exporters = ExporterRepository(session)
        self.idempotency = IdempotencyRepository(session)

    async def emit(self, message: Message) -> None:
        """Queue ``message`` for Kafka, committed with the rest of this transaction."""
        await self._outbox.add(self.session, message)

    async def next_sequence(self, authorization_id: str, reporting_date: str) -> int:
        """The next POR sequence number of the AuthID on the date (locked until commit)."""
        return await next_sequence(self.session, authorization_id, reporting_date)


@dataclass(frozen=True)
class UnitOfWork:
    """Opens transactions: ``async with uow() as store`` commits on success, else rolls back."""

    sessions: async_sessionmaker[AsyncSession]
    outbox: Outbox

    @contextlib.asynccontextmanager
    async def __call__(self) -> AsyncIterator[Store]:
        async with self.sessions.begin() as session:
            yield self.bind(session)

    def bind(self, session: AsyncSession) -> Store:
        """A store over a transaction someone else opened (a consumer's inbox transaction)."""
        return Store(session, self.outbox)
