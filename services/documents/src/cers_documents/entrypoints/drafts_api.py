"""Drafts: ``/v1/business-accounts/{account_id}/drafts`` (user guide §6)."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Depends, Header, Query, Request, Response

from cers_contracts.documents import DeclarationContent
from cers_documents.domain.drafts import Draft
from cers_documents.entrypoints.access import Filer, Viewer
from cers_documents.entrypoints.bodies import parse
from cers_documents.entrypoints.nul_characters import refuse_nul_in_url
from cers_documents.entrypoints.schemas import (
    CheckResult,
    DraftList,
    DraftView,
)
from cers_documents.entrypoints.wiring import Transactions, Wired
from cers_documents.service_layer import drafts, submission
from cers_documents.service_layer.submission import Confirmation

router = APIRouter(
    prefix="/v1/business-accounts/{account_id}/drafts",
    tags=["drafts"],
    dependencies=[Depends(refuse_nul_in_url)],
)


def _view(wired: Wired, draft: Draft) -> DraftView:
    now = wired.clock()
    findings = wired.validator.findings(draft.content, now)
    return DraftView.of(draft, findings, wired.validator.cutoff(draft.content, now))


@router.post("", status_code=201)
async def create_draft(
    request: Request, actor: Filer, wired: Wired, uow: Transactions
) -> DraftView:
    """Create a draft from a (possibly incomplete) declaration."""
    content = await parse(request, DeclarationContent)
    async with uow() as store:
        draft = await drafts.create(store, actor, content, wired.clock())
    return _view(wired, draft)


@router.get("")
async def list_drafts(
    actor: Viewer,
    wired: Wired,
    uow: Transactions,
    page: int = Query(default=1, ge=1, le=100_000),
    size: int = Query(default=25, ge=1, le=200),
) -> DraftList:
    """The Draft Documents tab: the account's drafts, most recently changed first."""
    async with uow() as store:
        found = await drafts.list_page(store, actor.account_id, page=page, size=size)
    items = [_view(wired, draft) for draft in found.drafts]
    return DraftList(items=items, total=found.total, page=page, size=size)


@router.get("/{draft_id}")
async def get_draft(draft_id: str, actor: Viewer, wired: Wired, uow: Transactions) -> DraftView:
    """One draft with its findings and deadline countdown."""
    async with uow() as store:
        draft = await drafts.get(store, actor.account_id, draft_id)
    return _view(wired, draft)


@router.put("/{draft_id}")
async def save_draft(
    draft_id: str, request: Request, actor: Filer, wired: Wired, uow: Transactions
) -> DraftView:
    """Save the draft ("save and continue", "save and finish later"); its 30 days restart."""
    content = await parse(request, DeclarationContent)
    async with uow() as store:
        draft = await drafts.save(store, actor, draft_id, content, wired.clock())
    return _view(wired, draft)


@router.post("/{draft_id}/check")
async def check_draft(draft_id: str, actor: Filer, wired: Wired, uow: Transactions) -> CheckResult:
    """ "Check for errors": the rules' findings about the stored draft; nothing is changed."""
    async with uow() as store:
        draft = await drafts.get(store, actor.account_id, draft_id)
    view = _view(wired, draft)
    return CheckResult(findings=view.findings, summary=view.summary, cutoff=view.cutoff)


@router.post("/{draft_id}/extension")
async def extend_draft(draft_id: str, actor: Filer, wired: Wired, uow: Transactions) -> DraftView:
    """Keep the draft another 30 days from now."""
    async with uow() as store:
        draft = await drafts.extend(store, actor, draft_id, wired.clock())
    return _view(wired, draft)


@router.delete("/{draft_id}", status_code=204)
async def delete_draft(draft_id: str, actor: Filer, uow: Transactions) -> Response:
    """Delete the draft."""
    async with uow() as store:
        await drafts.delete(store, actor, draft_id)
    return Response(status_code=204)


@router.post("/{draft_id}/submission", status_code=201)
async def submit_draft(
    draft_id: str,
    actor: Filer,
    wired: Wired,
    uow: Transactions,
    idempotency_key: str | None = Header(default=None, min_length=1, max_length=128),
) -> Confirmation:
    """Submit the draft: a Proof of Report (the draft is deleted), or 422 with every finding."""
    now = wired.clock()
    async with uow() as store:
        attempt = partial(
            submission.submit_draft, store, actor, draft_id, now=now, validator=wired.validator
        )
        if idempotency_key is None:
            return await attempt()
        return await submission.once(
            store, actor, key=idempotency_key, digest=f"draft:{draft_id}", now=now, attempt=attempt
        )
