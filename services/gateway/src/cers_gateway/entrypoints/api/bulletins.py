"""Bulletins, their categories, useful links and the outage banner (read only)."""

from typing import Any

from fastapi import APIRouter, Query

from cers_gateway.entrypoints.api.bodies import ItemId
from cers_gateway.entrypoints.api.context import Call

router = APIRouter(tags=["bulletins"])
Json = dict[str, Any]
Filter = Query(default=None, min_length=1, max_length=64)


@router.get("/bulletins")
async def bulletins(
    call: Call,
    topic: str | None = Filter,
    category: str | None = Filter,
) -> Json:
    """Bulletins in force, newest first."""
    found = await call.parts.notifications.bulletins(call.caller, topic=topic, category=category)
    return {"items": found}


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
