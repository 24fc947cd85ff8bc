"""E-mail confirmation links (by the SHA-256 of their secret)."""

from __future__ import annotations

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cers_identity.adapters.tables import email_confirmations
from cers_identity.domain.email_confirmation import EmailConfirmation


class ConfirmationRepository:
    """Stores links and spends them."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, link: EmailConfirmation) -> None:
        """Store a new link."""
        await self._session.execute(
            insert(email_confirmations).values(
                token_hash=link.token_hash,
                user_id=link.user_id,
                email=link.email,
                expires_at=link.expires_at,
                used_at=link.used_at,
            )
        )

    async def by_token_hash(self, token_hash: str) -> EmailConfirmation | None:
        """The link whose secret hashes to ``token_hash``, locked (a link is spent once)."""
        query = (
            select(email_confirmations)
            .where(email_confirmations.c.token_hash == token_hash)
            .with_for_update()
        )
        row = (await self._session.execute(query)).one_or_none()
        if row is None:
            return None
        return EmailConfirmation(
            row.token_hash, row.user_id, row.email, row.expires_at, row.used_at
        )

    async def save(self, link: EmailConfirmation) -> None:
        """Store that a link was used."""
        await self._session.execute(
            update(email_confirmations)
            .where(email_confirmations.c.token_hash == link.token_hash)
            .values(used_at=link.used_at)
        )
