"""``/v1/bulletins``: everyone signed in reads; CBSA officers publish, edit and retire."""

from __future__ import annotations

from fastapi import APIRouter, Query

from cers_notifications.adapters.messages import bilingual_text
from cers_notifications.domain.categories import CATEGORIES
from cers_notifications.entrypoints.auth import Officer, SignedIn
from cers_notifications.entrypoints.parameters import Filter, ResourceId
from cers_notifications.entrypoints.schemas import (
    BulletinEditIn,
    BulletinIn,
    BulletinOut,
    CategoryOut,
    RetireIn,
)
from cers_notifications.entrypoints.wiring import Now, Transactions
from cers_notifications.service_layer import bulletins

router = APIRouter(prefix="/v1", tags=["bulletins"])
MAX_OFFSET = 10_000_000
"""Deepest page start (far beyond any bulletin count; a larger one would overflow the query)."""


@router.get("/bulletins")
async def list_bulletins(
    principal: SignedIn,
    uow: Transactions,
    topic: Filter = None,
    category: Filter = None,
    include_retired: bool = False,
    limit: int = Query(default=50, ge=1, le=200),
    offset: int = Query(default=0, ge=0, le=MAX_OFFSET),
) -> list[BulletinOut]:
    """Bulletins, newest first; retired ones only for officers who ask for them."""
    found = await bulletins.list_bulletins(
        uow,
        topic=topic,
        category=category,
        include_retired=include_retired and principal.officer,
        limit=limit,
        offset=offset,
    )
    return [BulletinOut.of(b) for b in found]


@router.get("/bulletins/{bulletin_id}")
async def get_bulletin(
    bulletin_id: ResourceId,
    principal: SignedIn,
    uow: Transactions,
) -> BulletinOut:
    """One bulletin."""
    return BulletinOut.of(await bulletins.get_bulletin(uow, bulletin_id))


@router.post("/bulletins", status_code=201)
async def publish_bulletin(
    body: BulletinIn,
    principal: Officer,
    uow: Transactions,
    now: Now,
) -> BulletinOut:
    """Publish a bulletin: announced on ``notifications.bulletin.v1``, e-mailed to subscribers."""
    published = await bulletins.publish_bulletin(uow, now, body.domain(), officer=principal.user_id)
    return BulletinOut.of(published)


@router.put("/bulletins/{bulletin_id}")
async def revise_bulletin(
    bulletin_id: ResourceId,
    body: BulletinEditIn,
    principal: Officer,
    uow: Transactions,
    now: Now,
) -> BulletinOut:
    """Replace a bulletin's content (e.g. set an outage's end)."""
    revised = await bulletins.revise_bulletin(
        uow,
        now,
        bulletin_id,
        body.domain(),
        expected_version=body.version,
        officer=principal.user_id,
    )
    return BulletinOut.of(revised)


@router.post("/bulletins/{bulletin_id}/retire")
async def retire_bulletin(
    bulletin_id: ResourceId,
    principal: Officer,
    uow: Transactions,
    now: Now,
    body: RetireIn | None = None,
) -> BulletinOut:
    """Retire a bulletin; retiring an outage in progress ends it now."""
    retired = await bulletins.retire_bulletin(
        uow,
        now,
        bulletin_id,
        expected_version=body.version if body else None,
        officer=principal.user_id,
    )
    return BulletinOut.of(retired)


@router.get("/bulletin-categories")
async def list_categories(principal: SignedIn) -> list[CategoryOut]:
    """The categories bulletins are filed under and users subscribe to."""
    return [CategoryOut(code=code, label=bilingual_text(text)) for code, text in CATEGORIES.items()]
