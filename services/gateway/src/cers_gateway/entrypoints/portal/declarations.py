"""Export Documents: Submitted Documents (search, paging, Refresh), the Proof of Report page, a
document's page (current version, versions, status history, PDFs), Amend and Request void."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from cers_gateway.adapters.http import ServiceError
from cers_gateway.domain.forms import FormErrors, Problem
from cers_gateway.entrypoints.portal.context import MemberVisit, Visit
from cers_gateway.entrypoints.portal.declaration_form import (
    Layout,
    code_options,
    content_of,
    values_of,
)
from cers_gateway.entrypoints.portal.documents_pages import (
    Findings,
    documents_page,
    problems_of,
)
from cers_gateway.entrypoints.portal.drafts import form_page
from cers_gateway.entrypoints.portal.forms import form_of
from cers_gateway.entrypoints.portal.i18n import N_
from cers_gateway.entrypoints.portal.paging import Pager, page_number
from cers_gateway.entrypoints.portal.provider import filed_through
from cers_gateway.entrypoints.portal.security import check_csrf

router = APIRouter(dependencies=[Depends(check_csrf)])

SEARCH_FIELDS = ("status", "por", "exporter_reference", "submitted_from", "submitted_to")
PAGE_SIZE = 25
PDF_LANGUAGES = ("en", "fr")


def _submitted(account_id: str, declaration_id: str = "") -> str:
    base = f"/accounts/{account_id}/documents/submitted"
    return f"{base}/{declaration_id}" if declaration_id else base


@router.get("/accounts/{account_id}/documents/submitted")
async def submitted_documents(account_id: str, request: Request, current: MemberVisit) -> Response:
    query = request.query_params
    criteria = {name: query.get(name, "").strip()[:64] for name in SEARCH_FIELDS}
    page = page_number(query.get("page", "1"))
    try:
        found = await current.portal.documents.search(
            await current.caller(), account_id, criteria | {"page": page, "size": PAGE_SIZE}
        )
    except ServiceError as error:
        if error.status != 422:
            raise
        errors = await current.errors(error, SEARCH_FIELDS, {"/por": "por"})
        found = {"items": [], "total": 0, "page": 1, "size": PAGE_SIZE}
        return await _search_page(current, account_id, criteria, found, errors=errors)
    return await _search_page(current, account_id, criteria, found)


async def _search_page(
    current: Visit, account_id: str, criteria: dict[str, str], found: dict[str, Any], **more: Any
) -> Response:
    return await documents_page(
        current,
        account_id,
        "documents/submitted.html",
        doc_page="submitted",
        form=criteria,
        found=found,
        pager=Pager.counted(_submitted(account_id), criteria, found),
        **more,
    )


@router.get("/accounts/{account_id}/documents/submitted/{declaration_id}/proof-of-report")
async def proof_of_report(account_id: str, declaration_id: str, current: MemberVisit) -> Response:
    detail = await current.portal.documents.declaration(
        await current.caller(), account_id, declaration_id
    )
    found = detail["current"].get("findings") or []
    return await documents_page(
        current,
        account_id,
        "documents/proof_of_report.html",
        doc_page="submitted",
        declaration=detail,
        through=await filed_through(current, account_id, detail["current"].get("filer")),
        warnings=[f for f in found if f.get("severity") == "warning"],
        infos=[f for f in found if f.get("severity") == "info"],
        describe=_describer(current),
    )


def _describer(current: Visit) -> Any:
    """A finding's text in the user's language (for the templates)."""
    return lambda finding: current.describe(Problem.of(finding))


@router.get("/accounts/{account_id}/documents/submitted/{declaration_id}")
async def declaration_page(account_id: str, declaration_id: str, current: MemberVisit) -> Response:
    caller = await current.caller()
    documents = current.portal.documents
    detail = await documents.declaration(caller, account_id, declaration_id)
    versions = await documents.versions(caller, account_id, declaration_id)
    history = await documents.history(caller, account_id, declaration_id)
    await current.portal.texts.refresh()
    return await documents_page(
        current,
        account_id,
        "documents/declaration.html",
        doc_page="submitted",
        declaration=detail,
        version=detail["current"],
        through=await filed_through(current, account_id, detail["current"].get("filer")),
        versions=versions["items"],
        history=history["items"],
        reasons=_reasons(current),
        describe=_describer(current),
    )


def _reasons(current: Visit) -> dict[str, str]:
    """The amendment reasons' labels by code."""
    return dict(code_options(current.web.language)["amendment_reasons"])


@router.get("/accounts/{account_id}/documents/submitted/{declaration_id}/versions/{number}")
async def version_page(
    account_id: str, declaration_id: str, number: int, current: MemberVisit
) -> Response:
    caller = await current.caller()
    documents = current.portal.documents
    detail = await documents.declaration(caller, account_id, declaration_id)
    version = await documents.version(caller, account_id, declaration_id, number)
    await current.portal.texts.refresh()
    return await documents_page(
        current,
        account_id,
        "documents/version.html",
        doc_page="submitted",
        declaration=detail,
        version=version,
        through=await filed_through(current, account_id, version.get("filer")),
        reasons=_reasons(current),
        describe=_describer(current),
    )


@router.get("/accounts/{account_id}/documents/submitted/{declaration_id}/versions/{number}/pdf")
async def version_pdf(
    account_id: str, declaration_id: str, number: int, current: MemberVisit, language: str = "en"
) -> Response:
    """The version's PDF, as a download."""
    pdf, disposition = await current.portal.documents.version_pdf(
        await current.caller(),
        account_id,
        declaration_id,
        number,
        language if language in PDF_LANGUAGES else "en",
    )
    name = disposition.partition("filename=")[2].strip('"; ') or f"{declaration_id}-{number}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# -- amend -------------------------------------------------------------------------------------


@router.get("/accounts/{account_id}/documents/submitted/{declaration_id}/amend")
async def amend_page(account_id: str, declaration_id: str, current: MemberVisit) -> Response:
    detail = await current.portal.documents.declaration(
        await current.caller(), account_id, declaration_id
    )
    content = detail["current"]["content"]
    return await form_page(
        current,
        account_id,
        values=values_of(content),
        layout=Layout.of(content),
        action_url=f"{_submitted(account_id, declaration_id)}/amend",
        amending=detail,
        reasons=_reasons(current),
        doc_page="submitted",
    )


@router.post("/accounts/{account_id}/documents/submitted/{declaration_id}/amend")
async def amend(
    account_id: str, declaration_id: str, request: Request, current: MemberVisit
) -> Response:
    """Submit the amendment (same POR, new version), or add a line row, or show what is wrong."""
    form = await form_of(request)
    caller = await current.caller()
    add_line = form.get("action") == "add_line"
    layout = Layout.posted(form, add_line=add_line)
    errors = FormErrors()
    status = 200
    if not add_line:
        body = {"reason_code": form.get("reason_code", ""), "content": content_of(form)}
        try:
            await current.portal.documents.amend(caller, account_id, declaration_id, body)
        except ServiceError as error:
            if error.status not in (409, 422):
                raise
            ids = layout.field_ids() | {"reason_code"}
            errors = await problems_of(current, error.problems, ids)
            status = error.status
        else:
            return current.redirect(f"{_submitted(account_id, declaration_id)}/proof-of-report")
    detail = await current.portal.documents.declaration(caller, account_id, declaration_id)
    return await form_page(
        current,
        account_id,
        values=form,
        layout=layout,
        action_url=f"{_submitted(account_id, declaration_id)}/amend",
        amending=detail,
        reasons=_reasons(current),
        findings=Findings(errors=errors),
        status_code=status,
        doc_page="submitted",
    )


# -- void --------------------------------------------------------------------------------------


@router.get("/accounts/{account_id}/documents/submitted/{declaration_id}/void")
async def void_page(account_id: str, declaration_id: str, current: MemberVisit) -> Response:
    detail = await current.portal.documents.declaration(
        await current.caller(), account_id, declaration_id
    )
    return await documents_page(
        current,
        account_id,
        "documents/void.html",
        must_file=True,
        doc_page="submitted",
        declaration=detail,
    )


@router.post("/accounts/{account_id}/documents/submitted/{declaration_id}/void")
async def request_void(
    account_id: str, declaration_id: str, request: Request, current: MemberVisit
) -> Response:
    form = await form_of(request)
    body = {"reason": form["reason"][:500]} if form.get("reason") else {}
    sent = await current.portal.documents.request_void(
        await current.caller(), account_id, declaration_id, body
    )
    return await current.render(
        "confirmation.html",
        title=current.t(VOID_SENT),
        message=current.t(
            "The request to void the document with Proof of Report %(por)s was sent. Its status is Void requested until CBSA processes it.",  # noqa: E501 - a catalog text stays whole
            por=sent["proof_of_report"],
        ),
        actions=[
            (_submitted(account_id, declaration_id), current.t("View the document")),
            (_submitted(account_id), current.t("Submitted Documents")),
        ],
    )


VOID_SENT = N_("Request to Void Sent")
