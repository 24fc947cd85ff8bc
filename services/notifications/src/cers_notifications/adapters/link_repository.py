"""Useful links in the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import RowMapping, any_, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cers_notifications.adapters.bilingual_columns import from_json, to_json
from cers_notifications.adapters.tables import useful_links
from cers_notifications.domain.links import LinkContent, UsefulLink


def _row(link: UsefulLink) -> dict[str, Any]:
    return {
        "link_id": link.link_id,
        "title": to_json(link.content.title),
        "url": to_json(link.content.url),
        "description": to_json(link.content.description),
        "topics": list(link.content.topics),
        "version": link.version,
        "created_at": link.created_at,
        "updated_at": link.updated_at,
        "retired_at": link.retired_at,
    }


def _link(row: RowMapping) -> UsefulLink:
    return UsefulLink(
        link_id=row["link_id"],
        content=LinkContent(
            title=from_json(row["title"]),
            url=from_json(row["url"]),
            description=from_json(row["description"]),
            topics=tuple(row["topics"]),
        ),
        version=row["version"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        retired_at=row["retired_at"],
    )


class LinkRepository:
    """Reads and writes useful links within the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, link: UsefulLink) -> None:
        """Insert a new link."""
        await self._session.execute(insert(useful_links).values(_row(link)))

    async def save(self, link: UsefulLink) -> None:
        """Write back a changed link."""
        await self._session.execute(
            update(useful_links).where(useful_links.c.link_id == link.link_id).values(_row(link))
        )

    async def get(self, link_id: str, *, for_update: bool = False) -> UsefulLink | None:
        """The link, locked for the transaction when ``for_update``."""
        query = select(useful_links).where(useful_links.c.link_id == link_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).mappings().first()
        return _link(row) if row else None

    async def listing(self, *, topic: str | None, include_retired: bool) -> list[UsefulLink]:
        """Links, most recently created first."""
        query = select(useful_links)
        if topic is not None:
            query = query.where(literal(topic) == any_(useful_links.c.topics))
        if not include_retired:
            query = query.where(useful_links.c.retired_at.is_(None))
        query = query.order_by(useful_links.c.created_at.desc(), useful_links.c.link_id)
        return [_link(row) for row in (await self._session.execute(query)).mappings()]
