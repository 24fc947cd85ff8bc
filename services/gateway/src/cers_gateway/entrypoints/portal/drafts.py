"""Export Documents: Create Export Document, Draft Documents (list, open, delete, extend), and the
draft form's buttons: Save and continue, Save and finish later, Check for errors, Submit, and
Add a commodity line (no script: every button posts the form and the draft is saved first)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from cers_gateway.adapters.http import ServiceError
from cers_gateway.entrypoints.portal.accounts import rights_of
from cers_gateway.entrypoints.portal.context import MemberVisit, Visit
from cers_gateway.entrypoints.portal.declaration_form import (
    Layout,
    content_of,
    requested_line_rows,
    values_of,
)
from cers_gateway.entrypoints.portal.documents_pages import (
    FILE,
    Findings,
    documents_page,
    findings_of,
    problems_of,
)
from cers_gateway.entrypoints.portal.forms import form_of
from cers_gateway.entrypoints.portal.i18n import N_
from cers_gateway.entrypoints.portal.paging import Pager, page_number
from cers_gateway.entrypoints.portal.provider import exporters_filed_for, page_account
from cers_gateway.entrypoints.portal.security import check_csrf

router = APIRouter(dependencies=[Depends(check_csrf)])

ACTIONS = ("continue", "later", "check", "submit", "add_line")
REFUSED = (404, 409, 413, 422)


def _drafts_url(account_id: str) -> str:
    return f"/accounts/{account_id}/documents/drafts"


async def form_page(
    current: Visit,
    account_id: str,
    *,
    values: dict[str, str],
    layout: Layout,
    action_url: str,
    draft: dict[str, Any] | None = None,
    findings: Findings | None = None,
    status_code: int = 200,
    **context: Any,
) -> Response:
    """The declaration form (a new document, a draft, or an amendment)."""
    findings = findings or Findings()
    return await documents_page(
        current,
        account_id,
        "documents/form.html",
        must_file=True,
        status_code=status_code,
        form=values,
        layout=layout,
        action_url=action_url,
        draft=draft,
        errors=findings.errors,
        warnings=findings.warnings,
        infos=findings.infos,
        submission_key=uuid.uuid4().hex,
        **context,
    )


@router.get("/accounts/{account_id}/documents")
async def export_documents(account_id: str, current: MemberVisit) -> Response:
    account = await page_account(current, account_id)
    is_csp = account.get("business_type") == "customs_service_provider"
    return await documents_page(
        current,
        account_id,
        "documents/home.html",
        account=account,
        doc_page="",
        filed_for=await exporters_filed_for(current, through=account_id) if is_csp else [],
    )


@router.get("/accounts/{account_id}/documents/new")
async def new_document(account_id: str, current: MemberVisit) -> Response:
    return await form_page(
        current,
        account_id,
        values={"currency": "CAD"},
        layout=Layout.of({}),
        action_url=f"/accounts/{account_id}/documents/new",
        doc_page="new",
    )


@router.post("/accounts/{account_id}/documents/new")
async def create_document(account_id: str, request: Request, current: MemberVisit) -> Response:
    form = await form_of(request)
    try:
        draft = await current.portal.documents.create_draft(
            await current.caller(), account_id, content_of(form)
        )
    except ServiceError as error:
        if error.status not in REFUSED:
            raise
        return await _refused(current, account_id, form, error, request.url.path, "new")
    return await _after_save(current, account_id, draft, form)


@router.get("/accounts/{account_id}/documents/drafts")
async def draft_documents(account_id: str, current: MemberVisit, page: int = 1) -> Response:
    found = await current.portal.documents.drafts(
        await current.caller(), account_id, page=page_number(page)
    )
    return await documents_page(
        current,
        account_id,
        "documents/drafts.html",
        doc_page="drafts",
        drafts=found,
        pager=Pager.counted(_drafts_url(account_id), {}, found),
    )


@router.get("/accounts/{account_id}/documents/drafts/{draft_id}")
async def open_draft(account_id: str, draft_id: str, current: MemberVisit) -> Response:
    caller = await current.caller()
    draft = await current.portal.documents.draft(caller, account_id, draft_id)
    account = await page_account(current, account_id)
    if not rights_of(current, account)[FILE]:  # an Account Browser or an officer: read only
        return await documents_page(
            current,
            account_id,
            "documents/draft_view.html",
            account=account,
            doc_page="drafts",
            draft=draft,
        )
    return await form_page(
        current,
        account_id,
        account=account,
        values=values_of(draft["content"]),
        layout=Layout.of(draft["content"]),
        action_url=f"{_drafts_url(account_id)}/{draft_id}",
        draft=draft,
        doc_page="drafts",
    )


@router.post("/accounts/{account_id}/documents/drafts/{draft_id}")
async def save_draft(
    account_id: str, draft_id: str, request: Request, current: MemberVisit
) -> Response:
    form = await form_of(request)
    try:
        draft = await current.portal.documents.save_draft(
            await current.caller(), account_id, draft_id, content_of(form)
        )
    except ServiceError as error:
        if error.status not in REFUSED:
            raise
        return await _refused(current, account_id, form, error, request.url.path, "drafts")
    return await _after_save(current, account_id, draft, form)


async def _refused(
    current: Visit,
    account_id: str,
    form: dict[str, str],
    error: ServiceError,
    action_url: str,
    doc_page: str,
) -> Response:
    """The form again, as posted, with the service's problems beside their fields."""
    layout = Layout.posted(form)
    errors = await problems_of(current, error.problems, layout.field_ids())
    return await form_page(
        current,
        account_id,
        values=form,
        layout=layout,
        action_url=action_url,
        findings=Findings(errors=errors),
        status_code=error.status,
        doc_page=doc_page,
    )


async def _after_save(
    current: Visit, account_id: str, draft: dict[str, Any], form: dict[str, str]
) -> Response:
    """What the pressed button asks for, once the draft is saved."""
    action = form.get("action", "continue")
    action = action if action in ACTIONS else "continue"
    draft_id = draft["draft_id"]
    draft_url = f"{_drafts_url(account_id)}/{draft_id}"
    if action == "later":
        return current.redirect(
            _drafts_url(account_id), flash=N_("The draft was saved. Finish it later here.")
        )
    if action == "continue":
        return current.redirect(draft_url, flash=N_("The draft was saved."))
    if action == "submit":
        return await _submit(current, account_id, draft, form)
    content = draft["content"]
    findings = Findings()
    if action == "check":
        checked = await current.portal.documents.check_draft(
            await current.caller(), account_id, draft_id
        )
        findings = await findings_of(current, checked["findings"], Layout.of(content).field_ids())
        draft = draft | {"cutoff": checked.get("cutoff"), "summary": checked.get("summary")}
    wanted = requested_line_rows(form) + 1 if action == "add_line" else 0
    return await form_page(
        current,
        account_id,
        values=values_of(content),
        layout=Layout.of(content, max(wanted, len(content.get("lines") or []))),
        action_url=draft_url,
        draft=draft,
        findings=findings,
        checked=action == "check",
        doc_page="drafts",
    )


async def _submit(
    current: Visit, account_id: str, draft: dict[str, Any], form: dict[str, str]
) -> Response:
    """Submit the saved draft: the Proof of Report page, or the form with every finding."""
    caller = await current.caller()
    documents = current.portal.documents
    try:
        confirmation = await documents.submit_draft(
            caller, account_id, draft["draft_id"], form.get("submission_key") or None
        )
    except ServiceError as error:
        if error.status != 422:
            raise
        checked = await documents.check_draft(caller, account_id, draft["draft_id"])
        content = draft["content"]
        layout = Layout.of(content)
        findings = await findings_of(current, checked["findings"], layout.field_ids())
        return await form_page(
            current,
            account_id,
            values=values_of(content),
            layout=layout,
            action_url=f"{_drafts_url(account_id)}/{draft['draft_id']}",
            draft=draft | {"cutoff": checked.get("cutoff")},
            findings=findings,
            status_code=422,
            doc_page="drafts",
        )
    return current.redirect(
        f"/accounts/{account_id}/documents/submitted/{confirmation['declaration_id']}/proof-of-report"
    )


@router.post("/accounts/{account_id}/documents/drafts/{draft_id}/extend")
async def extend_draft(account_id: str, draft_id: str, current: MemberVisit) -> Response:
    await current.portal.documents.extend_draft(await current.caller(), account_id, draft_id)
    return current.redirect(
        _drafts_url(account_id), flash=N_("The draft will be kept 30 more days.")
    )


@router.get("/accounts/{account_id}/documents/drafts/{draft_id}/delete")
async def confirm_delete(account_id: str, draft_id: str, current: MemberVisit) -> Response:
    draft = await current.portal.documents.draft(await current.caller(), account_id, draft_id)
    return await documents_page(
        current,
        account_id,
        "documents/draft_delete.html",
        must_file=True,
        doc_page="drafts",
        draft=draft,
    )


@router.post("/accounts/{account_id}/documents/drafts/{draft_id}/delete")
async def delete_draft(account_id: str, draft_id: str, current: MemberVisit) -> Response:
    await current.portal.documents.delete_draft(await current.caller(), account_id, draft_id)
    return current.redirect(_drafts_url(account_id), flash=N_("The draft was deleted."))
