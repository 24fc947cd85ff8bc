"""Failed sign-in attempts per username, serialised per username by an advisory lock."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from cers_identity.adapters.tables import sign_in_failures
from cers_identity.domain.providers import Provider


class ThrottleRepository:
    """Records and reads failures; ``lock`` makes concurrent attempts on one username take turns.

    Without the lock, five wrong passwords sent at once could all be checked before any of
    them is counted.
    """

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock(self, provider: Provider, username_key: str) -> None:
        """Hold the username's advisory lock until the transaction ends."""
        key = func.hashtextextended(f"sign-in:{provider.value}:{username_key}", 0)
        await self._session.execute(select(func.pg_advisory_xact_lock(key)))

    async def failures_since(
        self, provider: Provider, username_key: str, since: datetime
    ) -> list[datetime]:
        """When the username's failures since ``since`` happened."""
        query = select(sign_in_failures.c.failed_at).where(
            (sign_in_failures.c.provider == provider.value)
            & (sign_in_failures.c.username_key == username_key)
            & (sign_in_failures.c.failed_at >= since)
        )
        return list((await self._session.execute(query)).scalars())

    async def add_failure(self, provider: Provider, username_key: str, at: datetime) -> None:
        """Count one more failure."""
        await self._session.execute(
            insert(sign_in_failures).values(
                provider=provider.value, username_key=username_key, failed_at=at
            )
        )

    async def forget(self, provider: Provider, username_key: str, before: datetime) -> None:
        """Drop the username's failures older than ``before`` (all of them after a success)."""
        await self._session.execute(
            delete(sign_in_failures).where(
                (sign_in_failures.c.provider == provider.value)
                & (sign_in_failures.c.username_key == username_key)
                & (sign_in_failures.c.failed_at < before)
            )
        )

    async def forget_all(self, before: datetime) -> None:
        """Drop every failure older than ``before``, whatever its username."""
        await self._session.execute(
            delete(sign_in_failures).where(sign_in_failures.c.failed_at < before)
        )
