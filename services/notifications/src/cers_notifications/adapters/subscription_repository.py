"""E-mail bulletin subscriptions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_notifications.adapters.tables import subscriptions


class SubscriptionRepository:
    """A user's categories."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def categories_of(self, user_id: str) -> list[str]:
        """The categories ``user_id`` subscribes to, sorted."""
        query = (
            select(subscriptions.c.category)
            .where(subscriptions.c.user_id == user_id)
            .order_by(subscriptions.c.category)
        )
        return list((await self._session.execute(query)).scalars())

    async def replace(self, user_id: str, categories: Iterable[str], now: datetime) -> None:
        """Make ``categories`` the user's subscriptions (keeping when the kept ones began)."""
        wanted = set(categories)
        await self._session.execute(
            delete(subscriptions).where(
                subscriptions.c.user_id == user_id, subscriptions.c.category.not_in(wanted)
            )
        )
        if wanted:
            await self._session.execute(
                insert(subscriptions)
                .values([{"user_id": user_id, "category": c, "subscribed_at": now} for c in wanted])
                .on_conflict_do_nothing()
            )
