"""An account's Bulletins (newest first, by topic or category) and Useful Links tabs."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from cers_gateway.entrypoints.portal.accounts import account_page
from cers_gateway.entrypoints.portal.context import MemberVisit

router = APIRouter()


@router.get("/accounts/{account_id}/bulletins")
async def bulletins(
    account_id: str, current: MemberVisit, topic: str = "", category: str = ""
) -> Response:
    caller = await current.caller()
    notifications = current.portal.notifications
    found = await notifications.bulletins(
        caller, topic=topic[:64] or None, category=category[:64] or None
    )
    categories = await notifications.categories(caller)
    return await account_page(
        current,
        account_id,
        "bulletins/list.html",
        tab="bulletins",
        bulletins=found,
        categories=categories,
        form={"topic": topic[:64], "category": category[:64]},
    )


@router.get("/accounts/{account_id}/bulletins/{bulletin_id}")
async def bulletin(account_id: str, bulletin_id: str, current: MemberVisit) -> Response:
    found = await current.portal.notifications.bulletin(await current.caller(), bulletin_id)
    return await account_page(
        current, account_id, "bulletins/bulletin.html", tab="bulletins", bulletin=found
    )


@router.get("/accounts/{account_id}/links")
async def links(account_id: str, current: MemberVisit) -> Response:
    found = await current.portal.notifications.links(await current.caller())
    return await account_page(current, account_id, "bulletins/links.html", tab="links", links=found)
