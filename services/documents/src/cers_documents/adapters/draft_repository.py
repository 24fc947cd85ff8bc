"""Drafts in the database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cers_contracts.documents import DeclarationContent
from cers_documents.adapters.tables import drafts
from cers_documents.domain.drafts import Draft


def _draft(row: Any) -> Draft:
    return Draft(
        draft_id=row.draft_id,
        business_account_id=row.business_account_id,
        author_user_id=row.author_user_id,
        content=DeclarationContent.model_validate(row.content),
        created_at=row.created_at,
        updated_at=row.updated_at,
        expires_at=row.expires_at,
    )


class DraftRepository:
    """Reads and writes drafts in one transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, draft: Draft) -> None:
        """Store a new draft."""
        await self._session.execute(
            insert(drafts).values(
                draft_id=draft.draft_id,
                business_account_id=draft.business_account_id,
                author_user_id=draft.author_user_id,
                content=draft.content.model_dump(mode="json"),
                created_at=draft.created_at,
                updated_at=draft.updated_at,
                expires_at=draft.expires_at,
            )
        )

    async def get(
        self, account_id: str, draft_id: str, *, for_update: bool = False
    ) -> Draft | None:
        """The account's draft, locked for the transaction when ``for_update``."""
        query = select(drafts).where(
            drafts.c.draft_id == draft_id, drafts.c.business_account_id == account_id
        )
        row = (
            await self._session.execute(query.with_for_update() if for_update else query)
        ).first()
        return _draft(row) if row else None

    async def save(self, draft: Draft) -> None:
        """Store a changed draft (content and clock); its expiry warning is due again."""
        await self._session.execute(
            update(drafts)
            .where(drafts.c.draft_id == draft.draft_id)
            .values(
                content=draft.content.model_dump(mode="json"),
                updated_at=draft.updated_at,
                expires_at=draft.expires_at,
                expiry_warned_at=None,
            )
        )

    async def remove(self, draft_id: str) -> None:
        """Delete a draft."""
        await self._session.execute(delete(drafts).where(drafts.c.draft_id == draft_id))

    async def of_account(self, account_id: str, *, limit: int, offset: int) -> Sequence[Draft]:
        """A page of the account's drafts, most recently changed first."""
        rows = await self._session.execute(
            select(drafts)
            .where(drafts.c.business_account_id == account_id)
            .order_by(drafts.c.updated_at.desc(), drafts.c.draft_id)
            .limit(limit)
            .offset(offset)
        )
        return [_draft(row) for row in rows]

    async def count_of_account(self, account_id: str) -> int:
        """How many drafts the account has."""
        total = await self._session.scalar(
            select(func.count()).where(drafts.c.business_account_id == account_id)
        )
        return int(total or 0)

    async def due_warning(self, now: datetime, before: datetime, limit: int) -> Sequence[Draft]:
        """Live drafts expiring before ``before`` not yet warned about (locked; others skip)."""
        rows = await self._session.execute(
            select(drafts)
            .where(
                drafts.c.expires_at > now,
                drafts.c.expires_at < before,
                drafts.c.expiry_warned_at.is_(None),
            )
            .order_by(drafts.c.expires_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_draft(row) for row in rows]

    async def mark_warned(self, draft_ids: Sequence[str], at: datetime) -> None:
        """Record that the drafts' authors were warned."""
        await self._session.execute(
            update(drafts).where(drafts.c.draft_id.in_(draft_ids)).values(expiry_warned_at=at)
        )

    async def delete_expired(self, now: datetime) -> int:
        """Delete every draft whose expiry has passed; how many."""
        result = await self._session.execute(
            delete(drafts).where(drafts.c.expires_at <= now).returning(drafts.c.draft_id)
        )
        return len(result.all())
