"""An account's Bulletins (newest first, by topic or category) and Useful Links tabs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from cers_gateway.entrypoints.portal.accounts import account_page
from cers_gateway.entrypoints.portal.context import MemberVisit, Visit
from cers_gateway.entrypoints.portal.paging import Pager, page_number

router = APIRouter()

PER_PAGE = 25


async def bulletins_page(
    current: Visit,
    path: str,
    page: int,
    criteria: dict[str, str],
    *,
    include_retired: bool = False,
) -> tuple[list[dict[str, Any]], Pager]:
    """One page of bulletins, newest first (``criteria``: topic and category), and its pager.

    Notifications gives no total: one bulletin more than a page is asked for, to know whether
    there is a next page.
    """
    page = page_number(page)
    found = await current.portal.notifications.bulletins(
        await current.caller(),
        topic=criteria.get("topic") or None,
        category=criteria.get("category") or None,
        include_retired=include_retired,
        limit=PER_PAGE + 1,
        offset=(page - 1) * PER_PAGE,
    )
    pager = Pager.of(path, criteria, page, has_next=len(found) > PER_PAGE)
    return found[:PER_PAGE], pager


@router.get("/accounts/{account_id}/bulletins")
async def bulletins(
    account_id: str, current: MemberVisit, topic: str = "", category: str = "", page: int = 1
) -> Response:
    criteria = {"topic": topic[:64], "category": category[:64]}
    path = f"/accounts/{account_id}/bulletins"
    found, pager = await bulletins_page(current, path, page, criteria)
    categories = await current.portal.notifications.categories(await current.caller())
    return await account_page(
        current,
        account_id,
        "bulletins/list.html",
        tab="bulletins",
        bulletins=found,
        pager=pager,
        categories=categories,
        form=criteria,
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
