"""The unit of work: one database transaction holding the repositories and the outbox.

State changes and the messages they emit commit together (transactional outbox). Leaving the
block without ``commit`` rolls everything back, so a refused request writes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_chassis.outbox import Outbox
from cers_contracts.message import Message
from cers_identity.adapters.audit_log import AuditLog
from cers_identity.adapters.confirmation_repository import ConfirmationRepository
from cers_identity.adapters.credential_repository import CredentialRepository
from cers_identity.adapters.oidc_authorization_repository import OidcAuthorizationRepository
from cers_identity.adapters.personal_access_token_repository import (
    PersonalAccessTokenRepository,
)
from cers_identity.adapters.session_repository import SessionRepository
from cers_identity.adapters.signing_key_repository import SigningKeyRepository
from cers_identity.adapters.terms_repository import TermsRepository
from cers_identity.adapters.throttle_repository import ThrottleRepository
from cers_identity.adapters.user_repository import UserRepository


class UnitOfWork:
    """``async with uow: ...; await uow.commit()``."""

    credentials: CredentialRepository
    users: UserRepository
    sessions: SessionRepository
    terms: TermsRepository
    confirmations: ConfirmationRepository
    throttle: ThrottleRepository
    signing_keys: SigningKeyRepository
    oidc_authorizations: OidcAuthorizationRepository
    personal_access_tokens: PersonalAccessTokenRepository
    audit: AuditLog

    def __init__(self, sessions: async_sessionmaker[AsyncSession], outbox: Outbox) -> None:
        self._sessions = sessions
        self._outbox = outbox

    async def __aenter__(self) -> Self:
        self._session = session = self._sessions()
        self.credentials = CredentialRepository(session)
        self.users = UserRepository(session)
        self.sessions = SessionRepository(session)
        self.terms = TermsRepository(session)
        self.confirmations = ConfirmationRepository(session)
        self.throttle = ThrottleRepository(session)
        self.signing_keys = SigningKeyRepository(session)
        self.oidc_authorizations = OidcAuthorizationRepository(session)
        self.personal_access_tokens = PersonalAccessTokenRepository(session)
        self.audit = AuditLog(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self._session.rollback()  # whatever was not committed
        await self._session.close()

    async def publish(self, *messages: Message) -> None:
        """Queue ``messages`` in the outbox, in this transaction."""
        await self._outbox.add_all(self._session, list(messages))

    @contextlib.asynccontextmanager
    async def savepoint(self) -> AsyncIterator[None]:
        """A nested transaction: a failure inside rolls back only what it did."""
        async with self._session.begin_nested():
            yield

    async def commit(self) -> None:
        """Commit; later work in the block starts a new transaction."""
        await self._session.commit()
