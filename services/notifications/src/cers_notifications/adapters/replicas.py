"""Local replicas of other services' data: users (identity) and account names (accounts)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Table, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_contracts.identity import UserState
from cers_notifications.adapters.tables import business_accounts, users


class ReplicaRepository:
    """Keeps the replicas; a later state replaces an earlier one, never the reverse."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def remember_user(self, user: UserState, as_of: datetime) -> None:
        """Store the user's state as of ``as_of`` unless a later one is already stored."""
        values = {
            "user_id": user.user_id,
            "urn": user.urn,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": str(user.email),
            "language": user.language,
            "time_zone": user.time_zone,
            "officer": user.officer,
            "disabled": user.disabled,
            "as_of": as_of,
        }
        await self._keep_latest(users, users.c.user_id, values)

    async def remember_account(
        self, business_account_id: str, business_number: str, legal_name: str, as_of: datetime
    ) -> None:
        """Store an account's name as of ``as_of`` unless a later one is already stored."""
        values = {
            "business_account_id": business_account_id,
            "business_number": business_number,
            "legal_name": legal_name,
            "as_of": as_of,
        }
        await self._keep_latest(business_accounts, business_accounts.c.business_account_id, values)

    async def _keep_latest(self, table: Table, key: Column[Any], values: dict[str, Any]) -> None:
        """Insert ``values``, or replace the stored row if it is not more recent (``as_of``)."""
        statement = insert(table).values(values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[key],
                set_={k: statement.excluded[k] for k in values if k != key.name},
                where=table.c.as_of <= statement.excluded.as_of,
            )
        )

    async def account_name(self, business_account_id: str) -> str | None:
        """The account's legal name, if the replica has it."""
        query = select(business_accounts.c.legal_name).where(
            business_accounts.c.business_account_id == business_account_id
        )
        return (await self._session.execute(query)).scalar_one_or_none()
