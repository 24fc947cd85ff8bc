"""Bulletins in the database."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import RowMapping, and_, any_, insert, literal, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from cers_notifications.adapters.bilingual_columns import from_json, to_json
from cers_notifications.adapters.tables import bulletins
from cers_notifications.domain.bulletins import Bulletin, BulletinContent
from cers_notifications.domain.errors import ConflictError, RuleViolation


def _row(bulletin: Bulletin) -> dict[str, Any]:
    content = bulletin.content
    return {
        "bulletin_id": bulletin.bulletin_id,
        "number": content.number,
        "title": to_json(content.title),
        "clients_affected": to_json(content.clients_affected),
        "description": to_json(content.description),
        "action_required": to_json(content.action_required),
        "topics": list(content.topics),
        "category": content.category,
        "outage": content.outage,
        "starts_at": content.starts_at,
        "ends_at": content.ends_at,
        "version": bulletin.version,
        "published_at": bulletin.published_at,
        "published_by": bulletin.published_by,
        "updated_at": bulletin.updated_at,
        "retired_at": bulletin.retired_at,
        "follow_up_at": bulletin.follow_up_at,
    }


def _bulletin(row: RowMapping) -> Bulletin:
    return Bulletin(
        bulletin_id=row["bulletin_id"],
        content=BulletinContent(
            number=row["number"],
            title=from_json(row["title"]),
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            clients_affected=from_json(row["clients_affected"]),
            description=from_json(row["description"]),
            action_required=from_json(row["action_required"]),
            topics=tuple(row["topics"]),
            category=row["category"],
            outage=row["outage"],
        ),
        version=row["version"],
        published_at=row["published_at"],
        updated_at=row["updated_at"],
        published_by=row["published_by"],
        retired_at=row["retired_at"],
        follow_up_at=row["follow_up_at"],
    )


def _duplicate_number(number: str) -> ConflictError:
    return ConflictError(
        RuleViolation(
            ("number",), "taken", f"Bulletin number {number} is already used", {"number": number}
        )
    )


class BulletinRepository:
    """Reads and writes bulletins within the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, bulletin: Bulletin) -> None:
        """Insert a new bulletin; ConflictError when its number is taken."""
        try:
            async with self._session.begin_nested():
                await self._session.execute(insert(bulletins).values(_row(bulletin)))
        except IntegrityError as error:
            raise _duplicate_number(bulletin.content.number) from error

    async def save(self, bulletin: Bulletin) -> None:
        """Write back a changed bulletin; ConflictError when its new number is taken."""
        values = _row(bulletin)
        try:
            async with self._session.begin_nested():
                await self._session.execute(
                    update(bulletins)
                    .where(bulletins.c.bulletin_id == bulletin.bulletin_id)
                    .values(values)
                )
        except IntegrityError as error:
            raise _duplicate_number(bulletin.content.number) from error

    async def get(self, bulletin_id: str, *, for_update: bool = False) -> Bulletin | None:
        """The bulletin, locked for the transaction when ``for_update``."""
        query = select(bulletins).where(bulletins.c.bulletin_id == bulletin_id)
        if for_update:
            query = query.with_for_update()
        row = (await self._session.execute(query)).mappings().first()
        return _bulletin(row) if row else None

    async def listing(
        self,
        *,
        topic: str | None,
        category: str | None,
        include_retired: bool,
        limit: int,
        offset: int,
    ) -> list[Bulletin]:
        """Bulletins newest first, optionally of one topic or category."""
        query = select(bulletins)
        if topic is not None:
            query = query.where(literal(topic) == any_(bulletins.c.topics))
        if category is not None:
            query = query.where(bulletins.c.category == category)
        if not include_retired:
            query = query.where(bulletins.c.retired_at.is_(None))
        query = query.order_by(
            bulletins.c.published_at.desc(), bulletins.c.bulletin_id.desc()
        ).limit(limit)
        rows = (await self._session.execute(query.offset(offset))).mappings()
        return [_bulletin(row) for row in rows]

    async def outages_for_banner(self, now: datetime, window: timedelta) -> list[Bulletin]:
        """Outages that may drive the banner at ``now``: not ended, or ended within ``window``."""
        query = select(bulletins).where(
            bulletins.c.outage,
            bulletins.c.starts_at <= now,
            or_(bulletins.c.ends_at.is_(None), bulletins.c.ends_at > now - window),
        )
        return [_bulletin(row) for row in (await self._session.execute(query)).mappings()]

    async def outages_to_follow_up(self, now: datetime, limit: int = 50) -> list[Bulletin]:
        """Ended outages not yet followed up, locked (others skip them) for this transaction."""
        query = (
            select(bulletins)
            .where(
                and_(
                    bulletins.c.outage,
                    bulletins.c.follow_up_at.is_(None),
                    bulletins.c.ends_at <= now,
                )
            )
            .order_by(bulletins.c.ends_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_bulletin(row) for row in (await self._session.execute(query)).mappings()]
