"""Filing through a customs service provider (CSP): the exporters a CSP's user files for, the
account header and rights of such an exporter's pages, and the CSP account a version was filed
through.

Documents' ``/v1/me/filing-accounts`` says which exporters a user may file for through a CSP
association (and with which CSP role); accounts gives the names, through the associations it
shows the CSP's members and the exporter's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cers_gateway.adapters.http import ServiceError
from cers_gateway.entrypoints.portal.context import Visit

Json = dict[str, Any]
REFUSED = (403, 404)


async def _filing_ways(current: Visit) -> list[Json]:
    """The user's ways to file through a CSP (none while documents cannot answer)."""
    try:
        found = await current.portal.documents.filing_accounts(await current.caller())
    except ServiceError:
        return []
    return [way for way in found if way.get("through_account_id")]


async def _linked(current: Visit, account_id: str) -> dict[str, Json]:
    """The accounts on the other side of ``account_id``'s associations, by id (none if refused)."""
    try:
        found = await current.portal.accounts.associations(await current.caller(), account_id)
    except ServiceError:
        return {}
    return {linked["business_account_id"]: linked for linked in found.get("linked", [])}


async def exporters_filed_for(current: Visit, through: str | None = None) -> list[Json]:
    """The exporters the user files for through a CSP (``through``: only that CSP's), each once,
    with its legal name when accounts gives it."""
    ways = [w for w in await _filing_ways(current) if through in (None, w["through_account_id"])]
    names: dict[str, Json] = {}
    for csp_id in dict.fromkeys(w["through_account_id"] for w in ways):
        names |= await _linked(current, csp_id)
    exporters: dict[str, Json] = {}
    for way in ways:
        linked = names.get(way["business_account_id"], {})
        exporters.setdefault(
            way["business_account_id"], way | {"legal_name": linked.get("legal_name")}
        )
    return sorted(exporters.values(), key=lambda e: (e["legal_name"] or "", e["business_number"]))


async def page_account(current: Visit, account_id: str) -> Json:
    """The account of a page, with ``provider_roles`` (the user's roles in the CSPs filing for
    it). When accounts refuses a CSP's user the exporter's account, its header comes from the
    filing accounts instead (only the Export Documents pages then show)."""
    try:
        account: Json = await current.portal.accounts.account(await current.caller(), account_id)
    except ServiceError as error:
        if error.status not in REFUSED:
            raise
        ways = [
            e for e in await exporters_filed_for(current) if e["business_account_id"] == account_id
        ]
        if not ways:
            raise
        account = {
            "business_account_id": account_id,
            "business_number": ways[0]["business_number"],
            "authorization_id": ways[0]["authorization_id"],
            "legal_name": ways[0]["legal_name"] or ways[0]["business_number"],
            "business_type": "exporter",
            "my_role": None,
        }
    if account.get("my_role") is not None or current.is_officer:
        return account
    ways = [w for w in await _filing_ways(current) if w["business_account_id"] == account_id]
    return account | {"provider_roles": [w["role"] for w in ways]}


async def filed_through(
    current: Visit, account_id: str, filer: Mapping[str, Any] | None
) -> Json | None:
    """The CSP account a version was filed through (None when filed directly): its names from
    the exporter's associations, else its id alone (an association since ended)."""
    csp_id = (filer or {}).get("through_account_id")
    if not csp_id:
        return None
    return (await _linked(current, account_id)).get(csp_id) or {"business_account_id": csp_id}
