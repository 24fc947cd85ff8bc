"""Reported declarations: ``/v1/business-accounts/{account_id}/declarations`` — submit, search,
view (any version, PDF), status history, amend, request a void."""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response

from cers_contracts.codes import Language
from cers_contracts.documents import DeclarationContent, DeclarationStatus, DeclarationVersion
from cers_documents.adapters.pdf import render_declaration
from cers_documents.entrypoints.access import Filer, Viewer
from cers_documents.entrypoints.bodies import parse
from cers_documents.entrypoints.nul_characters import refuse_nul_in_url
from cers_documents.entrypoints.schemas import (
    AmendmentRequest,
    DeclarationDetail,
    DeclarationList,
    DeclarationSummary,
    History,
    HistoryEntry,
    VersionList,
    VoidRequest,
    VoidRequested,
)
from cers_documents.entrypoints.wiring import Transactions, Wired
from cers_documents.service_layer import declarations, queries, submission
from cers_documents.service_layer.submission import Confirmation

router = APIRouter(
    prefix="/v1/business-accounts/{account_id}/declarations",
    tags=["declarations"],
    dependencies=[Depends(refuse_nul_in_url)],
)

VersionNumber = Annotated[int, Path(ge=1, le=2_147_483_647)]
"""A version number in the path, within the column's type: a huge one is a 422, not a 500."""


@router.post("", status_code=201)
async def submit_declaration(
    request: Request,
    actor: Filer,
    wired: Wired,
    uow: Transactions,
    idempotency_key: str | None = Header(default=None, min_length=1, max_length=128),
) -> Confirmation:
    """Submit a declaration: its Proof of Report, or 422 with every finding (nothing reported).

    The same ``Idempotency-Key`` (per user and account) gets the first confirmation again.
    """
    content = await parse(request, DeclarationContent)
    now = wired.clock()
    async with uow() as store:
        attempt = partial(
            submission.submit, store, actor, content, now=now, validator=wired.validator
        )
        if idempotency_key is None:
            return await attempt()
        digest = submission.fingerprint(content)
        return await submission.once(
            store, actor, key=idempotency_key, digest=digest, now=now, attempt=attempt
        )


@router.get("")
async def search_declarations(
    actor: Viewer,
    uow: Transactions,
    document_type: Literal["declaration"] = Query(default="declaration", alias="type"),
    status: DeclarationStatus | None = None,
    proof_of_report: str | None = Query(default=None, min_length=1, max_length=32, alias="por"),
    exporter_reference: str | None = Query(default=None, min_length=1, max_length=200),
    submitted_from: date | None = None,
    submitted_to: date | None = None,
    page: int = Query(default=1, ge=1, le=1_000_000),
    size: int = Query(default=50, ge=1, le=200),
) -> DeclarationList:
    """Search the account's reported documents (the POR also in the hyphenated CAED form);
    dates are Eastern Time calendar days, both inclusive. Paged, with the total."""
    wanted = queries.Search(
        status=status,
        proof_of_report=proof_of_report,
        exporter_reference=exporter_reference,
        submitted_from=submitted_from,
        submitted_to=submitted_to,
    )
    async with uow() as store:
        found = await queries.search(store, actor.account_id, wanted, page=page, size=size)
    items = [DeclarationSummary.of(d) for d in found.declarations]
    return DeclarationList(items=items, total=found.total, page=page, size=size)


@router.get("/{declaration_id}")
async def get_declaration(
    declaration_id: str, actor: Viewer, uow: Transactions
) -> DeclarationDetail:
    """The declaration with its current version (the Proof of Report view)."""
    async with uow() as store:
        view = await queries.view(store, actor.account_id, declaration_id)
    summary = DeclarationSummary.of(view.declaration)
    return DeclarationDetail(**summary.model_dump(), current=view.current)


@router.get("/{declaration_id}/versions")
async def list_versions(declaration_id: str, actor: Viewer, uow: Transactions) -> VersionList:
    """Every version, oldest first, each as it was reported."""
    async with uow() as store:
        found = await queries.versions(store, actor.account_id, declaration_id)
    return VersionList(items=found)


@router.get("/{declaration_id}/versions/{number}")
async def get_version(
    declaration_id: str, number: VersionNumber, actor: Viewer, uow: Transactions
) -> DeclarationVersion:
    """One version as it was reported."""
    async with uow() as store:
        declaration = await declarations.get(store, actor.account_id, declaration_id)
        return await declarations.version(store, declaration, number)


@router.get("/{declaration_id}/history")
async def get_history(declaration_id: str, actor: Viewer, uow: Transactions) -> History:
    """Each status change: time, user, reason."""
    async with uow() as store:
        changes = await queries.history(store, actor.account_id, declaration_id)
    return History(items=[HistoryEntry.of(change) for change in changes])


@router.post("/{declaration_id}/amendments", status_code=201)
async def amend_declaration(
    declaration_id: str, request: Request, actor: Filer, wired: Wired, uow: Transactions
) -> Confirmation:
    """Report a new version with an amendment reason code: same POR, status Amended."""
    body = await parse(request, AmendmentRequest)
    async with uow() as store:
        return await declarations.amend(
            store,
            actor,
            declaration_id,
            reason_code=body.reason_code,
            content=body.content,
            now=wired.clock(),
            validator=wired.validator,
        )


@router.post("/{declaration_id}/void-request", status_code=202)
async def request_void(
    declaration_id: str, request: Request, actor: Filer, wired: Wired, uow: Transactions
) -> VoidRequested:
    """Ask for the declaration to be voided ("Request to Void Sent"); processed through Kafka."""
    body = await parse(request, VoidRequest, optional=True)
    async with uow() as store:
        requested = await declarations.request_void(
            store, actor, declaration_id, reason=body.reason, now=wired.clock()
        )
    return VoidRequested(
        declaration_id=requested.declaration_id,
        proof_of_report=requested.proof_of_report,
        status=requested.status,
    )


@router.get(
    "/{declaration_id}/versions/{number}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def get_version_pdf(
    declaration_id: str,
    number: VersionNumber,
    actor: Viewer,
    uow: Transactions,
    language: Language = "en",
) -> Response:
    """The PDF of one version (all data, POR, bilingual labels; ``language`` first), with the
    declaration's status now, as events show a version."""
    async with uow() as store:
        declaration = await declarations.get(store, actor.account_id, declaration_id)
        found = await declarations.version(store, declaration, number)
    shown = declaration.shown_now(found)
    document = await asyncio.to_thread(render_declaration, shown, language)
    name = f"{declaration.proof_of_report}-v{number}.pdf"
    return Response(
        document,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )
