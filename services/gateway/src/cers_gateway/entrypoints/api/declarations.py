"""Reported export declarations of an account: submit, search, view, versions (JSON and PDF),
status history, amend, request a void."""

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from cers_contracts.documents import DeclarationStatus
from cers_gateway.entrypoints.api.bodies import AccountId, ItemId, VersionNumber, body, json_body
from cers_gateway.entrypoints.api.context import Call
from cers_gateway.entrypoints.api.idempotent import IdempotencyKey, create_once
from cers_gateway.entrypoints.api.schemas import Amendment, DeclarationContent, VoidRequest

router = APIRouter(prefix="/business-accounts/{account_id}/declarations", tags=["declarations"])
Json = dict[str, Any]


@router.post("", status_code=201, openapi_extra=body(DeclarationContent))
async def submit(
    account_id: AccountId,
    request: Request,
    call: Call,
    idempotency_key: str | None = IdempotencyKey,
) -> JSONResponse:
    """Submit a declaration: its Proof of Report confirmation, or 422 with every finding
    (nothing is reported)."""
    content = await json_body(request)

    async def create(key: str) -> Json:
        return await call.parts.documents.submit(call.caller, account_id, content, key)

    return await create_once(call, request, idempotency_key, create)


@router.get("")
async def search(
    account_id: AccountId,
    call: Call,
    status: DeclarationStatus | None = None,
    por: str | None = Query(default=None, min_length=1, max_length=32),
    exporter_reference: str | None = Query(default=None, min_length=1, max_length=200),
    submitted_from: date | None = None,
    submitted_to: date | None = None,
    page: int = Query(default=1, ge=1, le=1_000_000),
    size: int = Query(default=50, ge=1, le=200),
) -> Json:
    """Search the account's reported declarations (Proof of Report also in the hyphenated
    CAED form; dates are Eastern Time days, inclusive). Paged, with the total."""
    criteria = {
        "status": status,
        "por": por,
        "exporter_reference": exporter_reference,
        "submitted_from": submitted_from.isoformat() if submitted_from else None,
        "submitted_to": submitted_to.isoformat() if submitted_to else None,
        "page": page,
        "size": size,
    }
    return await call.parts.documents.search(call.caller, account_id, criteria)


@router.get("/{declaration_id}")
async def declaration(account_id: AccountId, declaration_id: ItemId, call: Call) -> Json:
    """The declaration with its current version."""
    return await call.parts.documents.declaration(call.caller, account_id, declaration_id)


@router.get("/{declaration_id}/versions")
async def versions(account_id: AccountId, declaration_id: ItemId, call: Call) -> Json:
    """Every version, oldest first, each as it was reported."""
    return await call.parts.documents.versions(call.caller, account_id, declaration_id)


@router.get("/{declaration_id}/versions/{number}")
async def version(
    account_id: AccountId,
    declaration_id: ItemId,
    number: VersionNumber,
    call: Call,
) -> Json:
    """One version as it was reported."""
    return await call.parts.documents.version(call.caller, account_id, declaration_id, number)


@router.get(
    "/{declaration_id}/versions/{number}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def version_pdf(
    account_id: AccountId,
    declaration_id: ItemId,
    number: VersionNumber,
    call: Call,
    language: Literal["en", "fr"] = "en",
) -> Response:
    """The PDF of one version (every datum, Proof of Report, bilingual labels)."""
    pdf, disposition = await call.parts.documents.version_pdf(
        call.caller, account_id, declaration_id, number, language
    )
    return Response(pdf, media_type="application/pdf", headers={"Content-Disposition": disposition})


@router.get("/{declaration_id}/history")
async def history(account_id: AccountId, declaration_id: ItemId, call: Call) -> Json:
    """Each status change: when, who, why."""
    return await call.parts.documents.history(call.caller, account_id, declaration_id)


@router.post("/{declaration_id}/amendments", status_code=201, openapi_extra=body(Amendment))
async def amend(
    account_id: AccountId,
    declaration_id: ItemId,
    request: Request,
    call: Call,
    idempotency_key: str | None = IdempotencyKey,
) -> JSONResponse:
    """Report a new version with an amendment reason code: same Proof of Report, Amended."""
    amendment = await json_body(request)

    async def create(_: str) -> Json:
        return await call.parts.documents.amend(call.caller, account_id, declaration_id, amendment)

    return await create_once(call, request, idempotency_key, create)


@router.post(
    "/{declaration_id}/void-request",
    status_code=202,
    openapi_extra=body(VoidRequest, required=False),
)
async def request_void(
    account_id: AccountId,
    declaration_id: ItemId,
    request: Request,
    call: Call,
    idempotency_key: str | None = IdempotencyKey,
) -> JSONResponse:
    """Ask for the declaration to be voided ("Request to Void Sent"); it is voided shortly
    after (see its status history)."""
    reason = await json_body(request, optional=True)

    async def create(_: str) -> Json:
        return await call.parts.documents.request_void(
            call.caller, account_id, declaration_id, reason
        )

    return await create_once(call, request, idempotency_key, create, status=202)
