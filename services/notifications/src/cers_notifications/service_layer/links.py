"""Use cases of useful links: publish, revise, retire, list."""

from __future__ import annotations

import uuid

from cers_notifications.domain.errors import NotFoundError
from cers_notifications.domain.links import LinkContent, UsefulLink
from cers_notifications.service_layer.clock import Clock
from cers_notifications.service_layer.unit_of_work import Store, UnitOfWork


async def publish_link(uow: UnitOfWork, clock: Clock, content: LinkContent) -> UsefulLink:
    """Publish a useful link."""
    link = UsefulLink.publish(str(uuid.uuid4()), content, now=clock())
    async with uow() as store:
        await store.links.add(link)
    return link


async def revise_link(
    uow: UnitOfWork, clock: Clock, link_id: str, content: LinkContent
) -> UsefulLink:
    """Edit a useful link."""
    async with uow() as store:
        link = (await _locked(store, link_id)).revise(content, now=clock())
        await store.links.save(link)
    return link


async def retire_link(uow: UnitOfWork, clock: Clock, link_id: str) -> UsefulLink:
    """Retire a useful link: no longer listed."""
    async with uow() as store:
        link = (await _locked(store, link_id)).retire(now=clock())
        await store.links.save(link)
    return link


async def list_links(
    uow: UnitOfWork, *, topic: str | None = None, include_retired: bool = False
) -> list[UsefulLink]:
    """The useful links, most recent first."""
    async with uow() as store:
        return await store.links.listing(topic=topic, include_retired=include_retired)


async def _locked(store: Store, link_id: str) -> UsefulLink:
    link = await store.links.get(link_id, for_update=True)
    if link is None:
        raise NotFoundError("link", link_id)
    return link
