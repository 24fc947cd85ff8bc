"""Business accounts the token may act for: list, view, business information, associations,
and user access (members list, add, change role, remove)."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from cers_gateway.entrypoints.api.bodies import AccountId, ItemId, body, json_body
from cers_gateway.entrypoints.api.context import Call
from cers_gateway.entrypoints.api.idempotent import IdempotencyKey, create_once
from cers_gateway.entrypoints.api.schemas import BusinessInformationChanges, NewMember, RoleChange

router = APIRouter(prefix="/business-accounts", tags=["business accounts"])
Json = dict[str, Any]


@router.get("")
async def my_accounts(call: Call) -> Json:
    """The user's business accounts (with ``my_role``) that the token names."""
    found = await call.parts.accounts.my_accounts(call.caller)
    return {"accounts": [a for a in found if call.scope.covers(str(a["business_account_id"]))]}


@router.get("/{account_id}")
async def account(account_id: AccountId, call: Call) -> Json:
    """The business account."""
    return await call.parts.accounts.account(call.caller, account_id)


@router.patch("/{account_id}", openapi_extra=body(BusinessInformationChanges))
async def update_information(account_id: AccountId, request: Request, call: Call) -> Json:
    """Update the business information (names, address, contact)."""
    changes = await json_body(request)
    return await call.parts.accounts.update_information(call.caller, account_id, changes)


@router.delete("/{account_id}")
async def delete_account(account_id: AccountId, call: Call) -> Json:
    """Delete the business account (its owner only; a write token): every user loses access, the
    customs service providers' links end. Answers the account with ``deleted: true``."""
    return await call.parts.accounts.delete_account(call.caller, account_id)


@router.get("/{account_id}/associations")
async def associations(account_id: AccountId, call: Call) -> Json:
    """An exporter's customs service providers, or the exporters a CSP files for."""
    return await call.parts.accounts.associations(call.caller, account_id)


@router.get("/{account_id}/members")
async def members(account_id: AccountId, call: Call) -> Json:
    """The user access list (owner, proxy owners)."""
    return await call.parts.accounts.members(call.caller, account_id)


@router.post("/{account_id}/members", status_code=201, openapi_extra=body(NewMember))
async def add_member(
    account_id: AccountId,
    request: Request,
    call: Call,
    idempotency_key: str | None = IdempotencyKey,
) -> JSONResponse:
    """Add a user with a role."""
    member = await json_body(request)

    async def create(_: str) -> Json:
        return await call.parts.accounts.add_member(call.caller, account_id, member)

    return await create_once(call, request, idempotency_key, create)


@router.patch("/{account_id}/members/{user_id}", openapi_extra=body(RoleChange))
async def change_role(account_id: AccountId, user_id: ItemId, request: Request, call: Call) -> Json:
    """Change a member's role."""
    # Sent as given (not through ``change_role(role)``), so accounts judges the whole body.
    path = f"/v1/business-accounts/{account_id}/members/{user_id}"
    change = await json_body(request)
    result: Json = await call.parts.accounts.call(
        "PATCH", path, call.caller, json=change, account_id=account_id
    )
    return result


@router.delete("/{account_id}/members/{user_id}")
async def remove_member(account_id: AccountId, user_id: ItemId, call: Call) -> Json:
    """Remove a member."""
    return await call.parts.accounts.remove_member(call.caller, account_id, user_id)
