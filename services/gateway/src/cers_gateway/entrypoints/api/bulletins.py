"""Bulletins, their categories, useful links and the outage banner (read only)."""

from typing import Annotated, Any

from fastapi import APIRouter, Query

from cers_gateway.entrypoints.api.bodies import ItemId
from cers_gateway.entrypoints.api.context import Call

router = APIRouter(tags=["bulletins"])
Json = dict[str, Any]
Filter = Annotated[str | None, Query(min_length=1, max_length=64)]
"""A filter of its own for each parameter (one shared ``Query()`` gave ``category`` the alias
``topic``: ``?topic=`` filtered by category too, and ``?category=`` was ignored)."""
MOST_OFFSET = 10_000_000


@router.get("/bulletins")
async def bulletins(
    call: Call,
    topic: Filter = None,
    category: Filter = None,
    limit: int = Query(default=50, ge=1, le=200, description="How many bulletins, at most."),
    offset: int = Query(default=0, ge=0, le=MOST_OFFSET, description="How many to skip first."),
) -> Json:
    """Bulletins in force, newest first: ``limit`` of them from ``offset`` (fewer than ``limit``
    items: the last page)."""
    found = await call.parts.notifications.bulletins(
        call.caller, topic=topic, category=category, limit=limit, offset=offset
    )
    return {"items": found, "limit": limit, "offset": offset}


@router.get("/bulletins/{bulletin_id}")
async def bulletin(bulletin_id: ItemId, call: Call) -> Json:
    """One bulletin."""
    return await call.parts.notifications.bulletin(call.caller, bulletin_id)


@router.get("/bulletin-categories")
async def categories(call: Call) -> Json:
    """The bulletin categories and their labels."""
    return {"items": await call.parts.notifications.categories(call.caller)}


@router.get("/links")
async def links(call: Call) -> Json:
    """Useful links."""
    return {"items": await call.parts.notifications.links(call.caller)}


@router.get("/outage")
async def outage(call: Call) -> Json:
    """The outage banner: ``none``, ``active`` (with the bulletin and the contingency
    procedure) or ``resumed`` (report within 24 hours)."""
    return await call.parts.notifications.outage()
