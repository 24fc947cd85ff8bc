"""The user replica: identity's events keep accounts' copy of each user current."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from cers_accounts.adapters.user_repository import UserRepository
from cers_accounts.domain.users import KnownUser


async def remember_user(session: AsyncSession, user: KnownUser, as_of: datetime) -> None:
    """Store the user's state as of ``as_of`` in the consumer's transaction."""
    await UserRepository(session).remember(user, as_of)
