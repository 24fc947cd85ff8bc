"""Authorization IDs and SUM ids: drawn at random, kept unique by the database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_accounts.adapters.tables import authorization_ids, sum_ids
from cers_accounts.domain.errors import ConflictError

MAX_DRAWS = 50
EXHAUSTED = {
    "authorization_id": "accounts.authorization_id.exhausted",
    "sum_id": "accounts.sum_id.exhausted",
}
"""The message key of an identifier column none of whose values is left (written out in full, so
that the catalog test finds it)."""


class IdentifierRepository:
    """Hands out each identifier once: a clash with one already given means another draw."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def authorization_id(
        self, business_number: str, draw: Callable[[], str], now: datetime
    ) -> str:
        """The BN's Authorization ID, assigned now if it has none (the same one for life)."""
        return await self._claim(
            authorization_ids,
            "business_number",
            business_number,
            "authorization_id",
            draw,
            {"assigned_at": now},
        )

    async def sum_id(self, business_account_id: str, draw: Callable[[], str]) -> str:
        """The account's SUM id, assigned now if it has none."""
        return await self._claim(
            sum_ids, "business_account_id", business_account_id, "sum_id", draw
        )

    async def _claim(
        self,
        table: Table,
        owner_column: str,
        owner: str,
        id_column: str,
        draw: Callable[[], str],
        extra: dict[str, Any] | None = None,
    ) -> str:
        held = select(table.c[id_column]).where(table.c[owner_column] == owner)
        for _ in range(MAX_DRAWS):
            existing = (await self._session.execute(held)).scalar()
            if existing is not None:
                return str(existing)
            claim = (
                pg_insert(table)
                .values({owner_column: owner, id_column: draw(), **(extra or {})})
                .on_conflict_do_nothing()
                .returning(table.c[id_column])
            )
            claimed = (await self._session.execute(claim)).scalar()
            if claimed is not None:
                return str(claimed)
        raise ConflictError(
            EXHAUSTED[id_column],
            f"No free {id_column.replace('_', ' ')} was found; tell the CERS operators.",
        )
