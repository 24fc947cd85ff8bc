"""``/v1/links``: useful links; everyone signed in reads, CBSA officers maintain them."""

from __future__ import annotations

from fastapi import APIRouter

from cers_notifications.entrypoints.auth import Officer, SignedIn
from cers_notifications.entrypoints.parameters import Filter, ResourceId
from cers_notifications.entrypoints.schemas import LinkIn, LinkOut
from cers_notifications.entrypoints.wiring import Now, Transactions
from cers_notifications.service_layer import links

router = APIRouter(prefix="/v1", tags=["useful links"])


@router.get("/links")
async def list_links(
    principal: SignedIn,
    uow: Transactions,
    topic: Filter = None,
    include_retired: bool = False,
) -> list[LinkOut]:
    """Useful links, most recent first; retired ones only for officers who ask."""
    found = await links.list_links(
        uow, topic=topic, include_retired=include_retired and principal.officer
    )
    return [LinkOut.of(link) for link in found]


@router.post("/links", status_code=201)
async def publish_link(
    body: LinkIn,
    principal: Officer,
    uow: Transactions,
    now: Now,
) -> LinkOut:
    """Publish a useful link."""
    return LinkOut.of(await links.publish_link(uow, now, body.domain()))


@router.put("/links/{link_id}")
async def revise_link(
    link_id: ResourceId,
    body: LinkIn,
    principal: Officer,
    uow: Transactions,
    now: Now,
) -> LinkOut:
    """Replace a useful link's content."""
    return LinkOut.of(await links.revise_link(uow, now, link_id, body.domain()))


@router.post("/links/{link_id}/retire")
async def retire_link(
    link_id: ResourceId,
    principal: Officer,
    uow: Transactions,
    now: Now,
) -> LinkOut:
    """Retire a useful link."""
    return LinkOut.of(await links.retire_link(uow, now, link_id))
