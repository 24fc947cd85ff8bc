"""Idempotency keys: the first request with a key claims it; later ones get its stored result.

The claim is an ``INSERT ... ON CONFLICT DO NOTHING``: a concurrent request with the same key
waits for the first one's transaction, then finds the key taken (if it committed) or claims it
(if it rolled back). No check-then-insert race.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_documents.adapters.tables import idempotency_keys


@dataclass(frozen=True)
class StoredResult:
    """What an earlier request with the key was answered, and a digest of what it asked."""

    fingerprint: str
    result: dict[str, Any]


class IdempotencyRepository:
    """Claims keys and keeps their first result, in the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(
        self, scope: str, key: str, fingerprint: str, at: datetime
    ) -> StoredResult | None:
        """Claim the key (None), or the result of the request that already has it."""
        claimed = await self._session.execute(
            pg_insert(idempotency_keys)
            .values(scope=scope, key=key, fingerprint=fingerprint, created_at=at)
            .on_conflict_do_nothing()
            .returning(idempotency_keys.c.key)
        )
        if claimed.first() is not None:
            return None
        row = (
            await self._session.execute(
                select(idempotency_keys.c.fingerprint, idempotency_keys.c.result).where(
                    idempotency_keys.c.scope == scope, idempotency_keys.c.key == key
                )
            )
        ).one()
        return StoredResult(row.fingerprint, row.result or {})

    async def keep(self, scope: str, key: str, result: dict[str, Any]) -> None:
        """Record the result given to the claiming request."""
        await self._session.execute(
            update(idempotency_keys)
            .where(idempotency_keys.c.scope == scope, idempotency_keys.c.key == key)
            .values(result=result)
        )

    async def release(self, scope: str, key: str) -> None:
        """Give the claimed key up: the next request with it is decided afresh."""
        await self._session.execute(
            delete(idempotency_keys).where(
                idempotency_keys.c.scope == scope, idempotency_keys.c.key == key
            )
        )
