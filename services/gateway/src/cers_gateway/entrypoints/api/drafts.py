"""Draft export declarations of an account: list, create, view, save, check, extend, delete,
submit."""

from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from cers_gateway.entrypoints.api.bodies import AccountId, ItemId, body, json_body
from cers_gateway.entrypoints.api.context import Call
from cers_gateway.entrypoints.api.idempotent import IdempotencyKey, create_once
from cers_gateway.entrypoints.api.schemas import DeclarationContent

router = APIRouter(prefix="/business-accounts/{account_id}/drafts", tags=["drafts"])
Json = dict[str, Any]


@router.get("")
async def drafts(
    account_id: AccountId,
    call: Call,
    page: int = Query(default=1, ge=1, le=100_000),
    size: int = Query(default=25, ge=1, le=200),
) -> Json:
    """The account's drafts, most recently changed first."""
    return await call.parts.documents.drafts(call.caller, account_id, page, size)


@router.post("", status_code=201, openapi_extra=body(DeclarationContent))
async def create_draft(
    account_id: AccountId,
    request: Request,
    call: Call,
    idempotency_key: str | None = IdempotencyKey,
) -> JSONResponse:
    """Create a draft from a (possibly incomplete) declaration; its findings come back."""
    content = await json_body(request)

    async def create(_: str) -> Json:
        return await call.parts.documents.create_draft(call.caller, account_id, content)

    return await create_once(call, request, idempotency_key, create)


@router.get("/{draft_id}")
async def draft(account_id: AccountId, draft_id: ItemId, call: Call) -> Json:
    """One draft with its findings and the countdown to its reporting cut-off."""
    return await call.parts.documents.draft(call.caller, account_id, draft_id)


@router.put("/{draft_id}", openapi_extra=body(DeclarationContent))
async def save_draft(account_id: AccountId, draft_id: ItemId, request: Request, call: Call) -> Json:
    """Replace the draft's content (its 30 days restart)."""
    content = await json_body(request)
    return await call.parts.documents.save_draft(call.caller, account_id, draft_id, content)


@router.post("/{draft_id}/check")
async def check_draft(account_id: AccountId, draft_id: ItemId, call: Call) -> Json:
    """Check for errors: the rules' findings; nothing changes."""
    return await call.parts.documents.check_draft(call.caller, account_id, draft_id)


@router.post("/{draft_id}/extension")
async def extend_draft(account_id: AccountId, draft_id: ItemId, call: Call) -> Json:
    """Keep the draft another 30 days."""
    return await call.parts.documents.extend_draft(call.caller, account_id, draft_id)


@router.delete("/{draft_id}", status_code=204)
async def delete_draft(account_id: AccountId, draft_id: ItemId, call: Call) -> Response:
    """Delete the draft."""
    await call.parts.documents.delete_draft(call.caller, account_id, draft_id)
    return Response(status_code=204)


@router.post("/{draft_id}/submission", status_code=201)
async def submit_draft(
    account_id: AccountId,
    draft_id: ItemId,
    request: Request,
    call: Call,
    idempotency_key: str | None = IdempotencyKey,
) -> JSONResponse:
    """Submit the draft: the Proof of Report confirmation (the draft is deleted), or 422 with
    every finding."""

    async def create(key: str) -> Json:
        return await call.parts.documents.submit_draft(call.caller, account_id, draft_id, key)

    return await create_once(call, request, idempotency_key, create)
