"""OIDC sign-ins under way, by their ``state`` (what the provider sends back)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_identity.adapters.tables import oidc_authorizations
from cers_identity.domain.providers import Provider


@dataclass(frozen=True)
class StoredAuthorization:
    """A pending authorization and why it was started."""

    state: str
    provider: Provider
    purpose: str
    nonce: str
    code_verifier: str
    authorization_url: str
    session_reference: str | None
    expires_at: datetime


class OidcAuthorizationRepository:
    """Stores pending authorizations; ``take`` removes one so that a state works once."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, pending: StoredAuthorization) -> None:
        """Store a new pending authorization."""
        await self._session.execute(
            insert(oidc_authorizations).values(
                state=pending.state,
                provider=pending.provider.value,
                purpose=pending.purpose,
                nonce=pending.nonce,
                code_verifier=pending.code_verifier,
                authorization_url=pending.authorization_url,
                session_reference=pending.session_reference,
                expires_at=pending.expires_at,
            )
        )

    async def take(self, state: str) -> StoredAuthorization | None:
        """Remove and return the pending authorization of ``state``."""
        result = await self._session.execute(
            delete(oidc_authorizations)
            .where(oidc_authorizations.c.state == state)
            .returning(*oidc_authorizations.c)
        )
        row = result.one_or_none()
        if row is None:
            return None
        return StoredAuthorization(
            state=row.state,
            provider=Provider(row.provider),
            purpose=row.purpose,
            nonce=row.nonce,
            code_verifier=row.code_verifier,
            authorization_url=row.authorization_url,
            session_reference=row.session_reference,
            expires_at=row.expires_at,
        )

    async def drop_expired(self, now: datetime) -> None:
        """Forget authorizations whose browser never came back."""
        await self._session.execute(
            delete(oidc_authorizations).where(oidc_authorizations.c.expires_at <= now)
        )
