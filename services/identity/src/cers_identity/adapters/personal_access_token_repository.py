"""Personal access tokens in identity's database (looked up by the SHA-256 of the token)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cers_identity.adapters.tables import personal_access_tokens as tokens
from cers_identity.domain.personal_access_tokens import Access, PersonalAccessToken


def _token(row: Row[Any]) -> PersonalAccessToken:
    return PersonalAccessToken(
        id=row.id,
        user_id=row.user_id,
        name=row.name,
        prefix=row.prefix,
        business_account_ids=tuple(row.business_account_ids),
        access=Access(row.access),
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


class PersonalAccessTokenRepository:
    """Stores, finds, uses and revokes personal access tokens."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, token: PersonalAccessToken, token_hash: str) -> None:
        """Store a new token under the hash of its secret."""
        await self._session.execute(
            insert(tokens).values(
                id=token.id,
                user_id=token.user_id,
                token_hash=token_hash,
                prefix=token.prefix,
                name=token.name,
                business_account_ids=list(token.business_account_ids),
                access=token.access.value,
                created_at=token.created_at,
                expires_at=token.expires_at,
            )
        )

    async def by_hash(self, token_hash: str) -> PersonalAccessToken | None:
        """The token whose secret hashes to ``token_hash``.

        The database compares hashes, not secrets: timing can at most reveal how much of a
        SHA-256 an attacker's guess shares with a real one, which brings them no closer to a
        token (that would take a preimage).
        """
        query = select(tokens).where(tokens.c.token_hash == token_hash)
        row = (await self._session.execute(query)).one_or_none()
        return _token(row) if row else None

    async def get(self, token_id: str) -> PersonalAccessToken | None:
        """The token with this id, locked for this transaction."""
        query = select(tokens).where(tokens.c.id == token_id).with_for_update()
        row = (await self._session.execute(query)).one_or_none()
        return _token(row) if row else None

    async def of_user(self, user_id: str) -> list[PersonalAccessToken]:
        """The user's tokens, revoked and expired ones too, newest first."""
        query = (
            select(tokens)
            .where(tokens.c.user_id == user_id)
            .order_by(tokens.c.created_at.desc(), tokens.c.id)
        )
        return [_token(row) for row in await self._session.execute(query)]

    async def count_usable(self, user_id: str, now: datetime) -> int:
        """How many of the user's tokens are neither revoked nor expired at ``now``."""
        query = select(func.count()).where(
            (tokens.c.user_id == user_id)
            & tokens.c.revoked_at.is_(None)
            & (tokens.c.expires_at > now)
        )
        return int((await self._session.execute(query)).scalar_one())

    async def record_use(self, token: PersonalAccessToken) -> None:
        """Store when a token was last used (only that: a revocation meanwhile stays)."""
        await self._session.execute(
            update(tokens).where(tokens.c.id == token.id).values(last_used_at=token.last_used_at)
        )

    async def save_revocation(self, token: PersonalAccessToken) -> None:
        """Store that a loaded (locked) token was revoked."""
        await self._session.execute(
            update(tokens).where(tokens.c.id == token.id).values(revoked_at=token.revoked_at)
        )
