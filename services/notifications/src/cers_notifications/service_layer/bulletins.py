"""Use cases of bulletins: publish, revise, retire, read. Publishing e-mails the subscribers."""

from __future__ import annotations

import uuid

from cers_contracts.notifications import BulletinPublished, BulletinRetired, BulletinUpdated
from cers_notifications.adapters.messages import bulletin_event
from cers_notifications.domain.bulletins import Bulletin, BulletinContent
from cers_notifications.domain.errors import NotFoundError
from cers_notifications.domain.notices import NoticeKind, bulletin_source
from cers_notifications.service_layer.clock import Clock
from cers_notifications.service_layer.unit_of_work import Store, UnitOfWork


async def publish_bulletin(
    uow: UnitOfWork, clock: Clock, content: BulletinContent, *, officer: str
) -> Bulletin:
    """Publish a bulletin, announce it, and queue one e-mail per subscriber of its category."""
    now = clock()
    bulletin = Bulletin.publish(str(uuid.uuid4()), content, by=officer, now=now)
    async with uow() as store:
        await store.bulletins.add(bulletin)
        await store.emit(bulletin_event(BulletinPublished, bulletin, actor=officer, at=now))
        await store.notices.add_for_subscribers(
            NoticeKind.BULLETIN_PUBLISHED,
            bulletin_source(bulletin.bulletin_id),
            content.category,
            {"bulletin_id": bulletin.bulletin_id},
            now,
        )
    return bulletin


async def revise_bulletin(
    uow: UnitOfWork,
    clock: Clock,
    bulletin_id: str,
    content: BulletinContent,
    *,
    expected_version: int | None,
    officer: str,
) -> Bulletin:
    """Edit a bulletin (no new e-mail: subscribers were told when it was published)."""
    now = clock()
    async with uow() as store:
        revised = (await _locked(store, bulletin_id)).revise(
            content, expected_version=expected_version, now=now
        )
        await store.bulletins.save(revised)
        await store.emit(bulletin_event(BulletinUpdated, revised, actor=officer, at=now))
    return revised


async def retire_bulletin(
    uow: UnitOfWork, clock: Clock, bulletin_id: str, *, expected_version: int | None, officer: str
) -> Bulletin:
    """Retire a bulletin; an outage in progress ends now (its follow-up goes out)."""
    now = clock()
    async with uow() as store:
        retired = (await _locked(store, bulletin_id)).retire(
            expected_version=expected_version, now=now
        )
        await store.bulletins.save(retired)
        await store.emit(bulletin_event(BulletinRetired, retired, actor=officer, at=now))
    return retired


async def get_bulletin(uow: UnitOfWork, bulletin_id: str) -> Bulletin:
    """One bulletin; NotFoundError when there is none."""
    async with uow() as store:
        bulletin = await store.bulletins.get(bulletin_id)
    if bulletin is None:
        raise NotFoundError("bulletin", bulletin_id)
    return bulletin


async def list_bulletins(
    uow: UnitOfWork,
    *,
    topic: str | None = None,
    category: str | None = None,
    include_retired: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> list[Bulletin]:
    """The Bulletins tab: newest first, optionally of one topic or category."""
    async with uow() as store:
        return await store.bulletins.listing(
            topic=topic,
            category=category,
            include_retired=include_retired,
            limit=limit,
            offset=offset,
        )


async def _locked(store: Store, bulletin_id: str) -> Bulletin:
    bulletin = await store.bulletins.get(bulletin_id, for_update=True)
    if bulletin is None:
        raise NotFoundError("bulletin", bulletin_id)
    return bulletin
