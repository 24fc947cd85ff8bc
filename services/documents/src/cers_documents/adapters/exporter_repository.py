"""The replica of business accounts (``accounts.business-account.v1``): the exporter of a
declaration as accounts last described it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_contracts.accounts import Address, BusinessAccountState
from cers_documents.adapters.tables import exporters
from cers_documents.domain.exporters import KnownAccount


def _account(row: Any) -> KnownAccount:
    return KnownAccount(
        business_account_id=row.business_account_id,
        business_number=row.business_number,
        authorization_id=row.authorization_id,
        business_type=row.business_type,
        name=row.name,
        address=Address.model_validate(row.address) if row.address else None,
        deleted=row.deleted,
    )


class ExporterRepository:
    """Keeps and reads the replica."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def remember(self, state: BusinessAccountState, at: datetime) -> None:
        """Replace what the replica holds for the account with its state in an event.

        The topic is keyed by account, so its events arrive in order: the latest one wins.
        """
        values = {
            "business_account_id": state.business_account_id,
            "business_number": state.business_number,
            "authorization_id": state.authorization_id,
            "business_type": state.business_type,
            "name": state.operating_name or state.legal_name,
            "address": state.address.model_dump(mode="json"),
            "deleted": state.deleted,
            "updated_at": at,
        }
        statement = pg_insert(exporters).values(**values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["business_account_id"],
                set_={k: statement.excluded[k] for k in values if k != "business_account_id"},
            )
        )

    async def get(self, account_id: str) -> KnownAccount | None:
        """The account as the replica knows it."""
        row = (
            await self._session.execute(
                select(exporters).where(exporters.c.business_account_id == account_id)
            )
        ).first()
        return _account(row) if row else None

    async def by_business_number(self, business_number: str) -> KnownAccount | None:
        """The live account of a Business Number."""
        row = (
            await self._session.execute(
                select(exporters)
                .where(exporters.c.business_number == business_number)
                .order_by(exporters.c.deleted, exporters.c.updated_at.desc())
                .limit(1)
            )
        ).first()
        return _account(row) if row else None
