"""The token's user and reach, the accounts it may file for, and the documents' code tables."""

from typing import Any

from fastapi import APIRouter

from cers_gateway.entrypoints.api.context import Call

router = APIRouter(tags=["me"])
Json = dict[str, Any]


@router.get("/me")
async def me(call: Call) -> Json:
    """The token's user (id, URN, language) and the token's scope."""
    scope = call.scope
    return {
        "user_id": scope.user_id,
        "urn": scope.urn,
        "language": scope.language,
        "token": {
            "token_id": scope.token_id,
            "business_account_ids": sorted(scope.business_account_ids),
            "access": scope.access,
        },
    }


@router.get("/me/filing-accounts")
async def filing_accounts(call: Call) -> Json:
    """The exporter accounts the user may file for (own roles and CSP associations) that the
    token names."""
    found = await call.parts.documents.filing_accounts(call.caller)
    return {"items": [a for a in found if call.scope.covers(str(a["business_account_id"]))]}


@router.get("/code-tables")
async def code_tables(call: Call) -> Json:
    """Modes of transport, units, export and amendment reasons, ports of exit, countries..."""
    return await call.parts.documents.code_tables()
