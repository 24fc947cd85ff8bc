"""Token-signing keys: one active, older ones kept (published) until their tokens expired."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cers_identity.adapters.tables import signing_keys

ROTATION_LOCK = "identity:signing-key-rotation"


class SigningKeyRepository:
    """Stores Ed25519 keys as private JWKs (unencrypted locally; a KMS in production)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock_rotation(self) -> None:
        """Serialise rotations (and first-key creation) across processes for this transaction."""
        key = func.hashtextextended(ROTATION_LOCK, 0)
        await self._session.execute(select(func.pg_advisory_xact_lock(key)))

    async def active(self) -> tuple[dict[str, Any], datetime] | None:
        """The active key (private JWK) and when it was made, or None before the first one."""
        query = (
            select(signing_keys.c.private_jwk, signing_keys.c.created_at)
            .where(signing_keys.c.retired_at.is_(None))
            .order_by(signing_keys.c.created_at.desc())
            .limit(1)
        )
        row = (await self._session.execute(query)).one_or_none()
        return (dict(row.private_jwk), row.created_at) if row else None

    async def published(self, retired_after: datetime) -> list[dict[str, Any]]:
        """Private JWKs of the keys still to publish: active, or retired after ``retired_after``."""
        query = (
            select(signing_keys.c.private_jwk)
            .where(
                signing_keys.c.retired_at.is_(None) | (signing_keys.c.retired_at > retired_after)
            )
            .order_by(signing_keys.c.created_at.desc())
        )
        return [dict(jwk) for jwk in (await self._session.execute(query)).scalars()]

    async def add(self, kid: str, private_jwk: dict[str, Any], now: datetime) -> None:
        """Store a new active key."""
        await self._session.execute(
            insert(signing_keys).values(kid=kid, private_jwk=private_jwk, created_at=now)
        )

    async def retire_all_but(self, kid: str, now: datetime) -> None:
        """Retire every active key other than ``kid``."""
        await self._session.execute(
            update(signing_keys)
            .where(signing_keys.c.retired_at.is_(None) & (signing_keys.c.kid != kid))
            .values(retired_at=now)
        )

    async def drop_retired_before(self, before: datetime) -> None:
        """Delete keys retired before ``before``: no token they signed is still valid."""
        await self._session.execute(delete(signing_keys).where(signing_keys.c.retired_at < before))
