"""The unit of work: one transaction over the repositories and the outbox."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_chassis.outbox import Outbox
from cers_contracts.message import Message
from cers_notifications.adapters.bulletin_repository import BulletinRepository
from cers_notifications.adapters.link_repository import LinkRepository
from cers_notifications.adapters.notice_repository import NoticeRepository
from cers_notifications.adapters.replicas import ReplicaRepository
from cers_notifications.adapters.smtp_sink import SinkRepository
from cers_notifications.adapters.subscription_repository import SubscriptionRepository


class Store:
    """The repositories, and the outbox, bound to one session (one transaction)."""

    def __init__(self, session: AsyncSession, outbox: Outbox, message_id_domain: str) -> None:
        self.session = session
        self._outbox = outbox
        self.bulletins = BulletinRepository(session)
        self.links = LinkRepository(session)
        self.notices = NoticeRepository(session, message_id_domain)
        self.replicas = ReplicaRepository(session)
        self.subscriptions = SubscriptionRepository(session)
        self.sink = SinkRepository(session)

    async def emit(self, message: Message) -> None:
        """Queue ``message`` for Kafka, committed with the rest of this transaction."""
        await self._outbox.add(self.session, message)


@dataclass(frozen=True)
class UnitOfWork:
    """Opens transactions: ``async with uow() as store`` commits on success, else rolls back."""

    sessions: async_sessionmaker[AsyncSession]
    outbox: Outbox
    message_id_domain: str

    @contextlib.asynccontextmanager
    async def __call__(self) -> AsyncIterator[Store]:
        async with self.sessions.begin() as session:
            yield self.bind(session)

    def bind(self, session: AsyncSession) -> Store:
        """A store over a transaction someone else opened (a consumer's inbox transaction)."""
        return Store(session, self.outbox, self.message_id_domain)
