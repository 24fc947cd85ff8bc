"""The replica of identity's users."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_accounts.adapters.tables import known_users
from cers_accounts.domain.users import KnownUser, normalize_urn


class UserRepository:
    """Users by id or URN, kept up to date from ``identity.user.v1``."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def remember(self, user: KnownUser, as_of: datetime) -> None:
        """Store the user's state as of ``as_of``, unless a later state is already here."""
        values = {**vars(user), "updated_at": as_of}
        statement = pg_insert(known_users).values(values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id"],
                set_=values,
                where=known_users.c.updated_at <= statement.excluded.updated_at,
            )
        )

    async def get(self, user_id: str) -> KnownUser | None:
        """The user with this id."""
        query = select(known_users).where(known_users.c.user_id == user_id)
        row = (await self._session.execute(query)).first()
        return _user(row) if row else None

    async def by_urn(self, urn: str) -> KnownUser | None:
        """The user with this URN (any case, spaces and hyphens ignored; uses its index)."""
        query = select(known_users).where(known_users.c.urn == normalize_urn(urn))
        row = (await self._session.execute(query)).first()
        return _user(row) if row else None

    async def many(self, user_ids: list[str]) -> dict[str, KnownUser]:
        """The known users among ``user_ids``."""
        query = select(known_users).where(known_users.c.user_id.in_(user_ids))
        return {row.user_id: _user(row) for row in (await self._session.execute(query)).all()}


def _user(row: Row[Any]) -> KnownUser:
    return KnownUser(
        user_id=row.user_id,
        urn=row.urn,
        first_name=row.first_name,
        last_name=row.last_name,
        email=row.email,
        language=row.language,
        officer=row.officer,
        disabled=row.disabled,
    )
