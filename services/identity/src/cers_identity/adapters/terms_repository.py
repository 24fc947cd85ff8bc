"""Published versions of the Terms and Conditions of Use."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from cers_identity.adapters.tables import terms
from cers_identity.domain.terms import Terms


class TermsRepository:
    """The current terms (highest version) and publication of new ones."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def current(self) -> Terms:
        """The version in force (the migration publishes version 1, so there always is one)."""
        query = select(terms).order_by(terms.c.version.desc()).limit(1)
        row = (await self._session.execute(query)).one()
        return Terms(row.version, row.text_en, row.text_fr, row.published_at)

    async def add(self, published: Terms) -> None:
        """Publish a new version."""
        await self._session.execute(
            insert(terms).values(
                version=published.version,
                text_en=published.text_en,
                text_fr=published.text_fr,
                published_at=published.published_at,
            )
        )
