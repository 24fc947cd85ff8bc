"""One transaction per use case: the state changes and the messages they emit commit together."""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_accounts.adapters.account_repository import AccountRepository
from cers_accounts.adapters.code_repository import AttemptLog, CodeRepository
from cers_accounts.adapters.identifier_repository import IdentifierRepository
from cers_accounts.adapters.messages import account_messages, code_messages
from cers_accounts.adapters.user_repository import UserRepository
from cers_accounts.domain.activation import CodeHasher
from cers_accounts.domain.clock import Clock
from cers_accounts.domain.identifiers import Chooser
from cers_chassis.outbox import Outbox


class UnitOfWork:
    """Repositories over one session; ``commit`` saves every changed aggregate and queues its
    messages in the outbox, in the same transaction. Leaving without commit rolls back."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], outbox: Outbox) -> None:
        self._sessions = sessions
        self._outbox = outbox

    async def __aenter__(self) -> UnitOfWork:
        self.session = self._sessions()
        await self.session.begin()
        self.accounts = AccountRepository(self.session)
        self.codes = CodeRepository(self.session)
        self.attempts = AttemptLog(self.session)
        self.identifiers = IdentifierRepository(self.session)
        self.users = UserRepository(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if self.session.in_transaction():
                await self.session.rollback()
        finally:
            await self.session.close()

    async def commit(self) -> None:
        """Save what changed, queue its messages, commit; the session may go on afterwards."""
        for account in self.accounts.seen.values():
            if account.events:
                await self.accounts.save(account)
                await self._outbox.add_all(self.session, account_messages(account))
        for code in self.codes.seen.values():
            await self.codes.save_if_changed(code)
            await self._outbox.add_all(self.session, code_messages(code))
        await self.session.commit()
        for account in self.accounts.seen.values():
            account.events.clear()
        for code in self.codes.seen.values():
            code.events.clear()


@dataclass(frozen=True)
class Services:
    """What the use cases need from the outside: the database, the outbox, time and chance."""

    sessions: async_sessionmaker[AsyncSession]
    outbox: Outbox
    clock: Clock
    hasher: CodeHasher
    rng: Chooser

    def uow(self) -> UnitOfWork:
        """A fresh unit of work."""
        return UnitOfWork(self.sessions, self.outbox)
