"""CBSA officer pages: activation codes, business accounts (SRP, owner, associations), bulletins
and useful links."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from cers_gateway.adapters.http import ServiceError
from cers_gateway.domain.forms import single_error
from cers_gateway.entrypoints.portal.accounts import BUSINESS_TYPES, ROLES
from cers_gateway.entrypoints.portal.bulletins import bulletins_page
from cers_gateway.entrypoints.portal.context import OfficerVisit, Visit
from cers_gateway.entrypoints.portal.forms import (
    bilingual,
    eastern_time,
    form_of,
    local_input,
    topics_of,
)
from cers_gateway.entrypoints.portal.i18n import N_
from cers_gateway.entrypoints.portal.security import check_csrf

router = APIRouter(prefix="/officer", dependencies=[Depends(check_csrf)])

CODE_FIELDS = ("business_number", "export_designation", "applicant_email", "applicant_language")
BILINGUAL_BULLETIN = ("title", "clients_affected", "description", "action_required")
BULLETIN_FIELDS = (
    "number",
    "starts_at",
    "ends_at",
    "topics",
    "category",
    "outage",
    *(f"{name}-{lang}" for name in BILINGUAL_BULLETIN for lang in ("en", "fr")),
)
LINK_FIELDS = (
    *(f"{name}-{lang}" for name in ("title", "url", "description") for lang in ("en", "fr")),
    "topics",
)
DESIGNATIONS = {"export": N_("Export"), "import-export": N_("Import-export")}
CODE_STATUSES = {
    "active": N_("Active"),
    "expired": N_("Expired"),
    "redeemed": N_("Used"),
    "revoked": N_("Revoked"),
    "superseded": N_("Replaced"),
}


@router.get("")
async def officer_home(current: OfficerVisit) -> Response:
    return await current.render("officer/home.html")


# -- activation codes ------------------------------------------------------------------------


async def codes_page(current: Visit, business_number: str = "", **context: Any) -> Response:
    codes = []
    if business_number:
        codes = await current.portal.accounts.codes(await current.caller(), business_number[:32])
    return await current.render(
        "officer/codes.html",
        codes=codes,
        lookup=business_number,
        designations=DESIGNATIONS,
        code_statuses=CODE_STATUSES,
        **context,
    )


@router.get("/codes")
async def codes(current: OfficerVisit, business_number: str = "") -> Response:
    return await codes_page(
        current,
        business_number.strip(),
        form={"export_designation": "export", "applicant_language": "en"},
    )


@router.post("/codes")
async def issue_code(request: Request, current: OfficerVisit) -> Response:
    form = await form_of(request)
    body = {name: form.get(name, "") for name in CODE_FIELDS}
    try:
        issued = await current.portal.accounts.issue_code(await current.caller(), body)
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = await current.errors(error, CODE_FIELDS)
        return await codes_page(current, status_code=error.status, form=form, errors=errors)
    return await current.render("officer/code_issued.html", issued=issued)


@router.post("/codes/{code_id}/reissue")
async def reissue_code(code_id: str, current: OfficerVisit) -> Response:
    issued = await current.portal.accounts.reissue_code(await current.caller(), code_id)
    return await current.render("officer/code_issued.html", issued=issued)


@router.post("/codes/{code_id}/revoke")
async def revoke_code(code_id: str, current: OfficerVisit) -> Response:
    revoked = await current.portal.accounts.revoke_code(await current.caller(), code_id)
    return current.redirect(
        f"/officer/codes?business_number={revoked['business_number']}",
        flash=N_("The activation code was revoked."),
    )


# -- business accounts -----------------------------------------------------------------------


@router.get("/accounts")
async def search_accounts(
    current: OfficerVisit, business_number: str = "", authorization_id: str = ""
) -> Response:
    found = None
    if business_number or authorization_id:
        found = await current.portal.accounts.search_accounts(
            await current.caller(),
            business_number.strip()[:32] or None,
            authorization_id.strip().upper()[:16] or None,
        )
    form = {"business_number": business_number, "authorization_id": authorization_id}
    return await current.render(
        "officer/accounts.html", found=found, form=form, business_types=BUSINESS_TYPES
    )


async def account_admin_page(current: Visit, account_id: str, **context: Any) -> Response:
    caller = await current.caller()
    accounts = current.portal.accounts
    account = await accounts.account(caller, account_id)
    members = (await accounts.members(caller, account_id))["members"]
    linked = (await accounts.associations(caller, account_id))["linked"]
    return await current.render(
        "officer/account.html",
        account=account,
        members=members,
        linked=linked,
        roles=ROLES,
        business_types=BUSINESS_TYPES,
        **context,
    )


@router.get("/accounts/{account_id}")
async def account_admin(account_id: str, current: OfficerVisit) -> Response:
    return await account_admin_page(current, account_id)


@router.post("/accounts/{account_id}/srp")
async def approve_srp(account_id: str, current: OfficerVisit) -> Response:
    await current.portal.accounts.approve_srp(await current.caller(), account_id)
    return current.redirect(
        f"/officer/accounts/{account_id}",
        flash=N_("The account is approved for the Summary Reporting Program."),
    )


@router.post("/accounts/{account_id}/srp/revoke")
async def revoke_srp(account_id: str, current: OfficerVisit) -> Response:
    await current.portal.accounts.revoke_srp(await current.caller(), account_id)
    return current.redirect(
        f"/officer/accounts/{account_id}",
        flash=N_("The Summary Reporting Program approval was revoked."),
    )


@router.post("/accounts/{account_id}/owner")
async def change_owner(account_id: str, request: Request, current: OfficerVisit) -> Response:
    form = await form_of(request)
    try:
        await current.portal.accounts.change_owner(
            await current.caller(), account_id, form.get("urn", "")
        )
    except ServiceError as error:
        if error.status not in (404, 409, 422):
            raise
        errors = await current.errors(error, ("urn",), {"": "urn"})
        return await account_admin_page(
            current, account_id, status_code=error.status, form=form, errors=errors
        )
    return current.redirect(
        f"/officer/accounts/{account_id}", flash=N_("The account owner was changed.")
    )


@router.post("/accounts/{account_id}/associations")
async def record_association(account_id: str, request: Request, current: OfficerVisit) -> Response:
    """Associate a CSP (found by its Business Number) with this exporter's account."""
    form = await form_of(request)
    caller = await current.caller()
    bn = form.get("csp_business_number", "").replace(" ", "").upper()
    found = (
        [
            a
            for a in await current.portal.accounts.search_accounts(caller, bn or None, None)
            if a["business_type"] == "customs_service_provider" and not a.get("deleted") and bn
        ]
        if bn
        else []
    )
    if not found:
        errors = single_error(
            current.t("No active customs service provider account has this Business Number."),
            "csp_business_number",
        )
        return await account_admin_page(
            current, account_id, status_code=422, form=form, errors=errors
        )
    try:
        await current.portal.accounts.record_association(
            caller, account_id, found[0]["business_account_id"]
        )
    except ServiceError as error:
        if error.status not in (404, 409, 422):
            raise
        errors = await current.errors(
            error,
            ("csp_business_number",),
            {"/csp_account_id": "csp_business_number", "": "csp_business_number"},
        )
        return await account_admin_page(
            current, account_id, status_code=error.status, form=form, errors=errors
        )
    return current.redirect(
        f"/officer/accounts/{account_id}", flash=N_("The association was recorded.")
    )


@router.post("/accounts/{account_id}/associations/{csp_id}/end")
async def end_association(account_id: str, csp_id: str, current: OfficerVisit) -> Response:
    await current.portal.accounts.remove_association(await current.caller(), account_id, csp_id)
    return current.redirect(
        f"/officer/accounts/{account_id}", flash=N_("The association was ended.")
    )


# -- bulletins -------------------------------------------------------------------------------


def bulletin_body(form: dict[str, str]) -> dict[str, Any]:
    return {
        "number": form.get("number", "").upper(),
        "starts_at": eastern_time(form.get("starts_at")),
        "ends_at": eastern_time(form.get("ends_at")),
        "topics": topics_of(form.get("topics")),
        "category": form.get("category", ""),
        "outage": form.get("outage") == "yes",
    } | {name: bilingual(form, name) for name in BILINGUAL_BULLETIN}


def bulletin_form(bulletin: dict[str, Any]) -> dict[str, str]:
    form = {
        "number": bulletin["number"],
        "starts_at": local_input(bulletin.get("starts_at")),
        "ends_at": local_input(bulletin.get("ends_at")),
        "topics": ", ".join(bulletin.get("topics", [])),
        "category": bulletin.get("category", ""),
        "outage": "yes" if bulletin.get("outage") else "",
    }
    for name in BILINGUAL_BULLETIN:
        for lang in ("en", "fr"):
            form[f"{name}-{lang}"] = bulletin[name][lang]
    return form


@router.get("/bulletins")
async def officer_bulletins(current: OfficerVisit, page: int = 1) -> Response:
    found, pager = await bulletins_page(
        current, "/officer/bulletins", page, {}, include_retired=True
    )
    return await current.render("officer/bulletins.html", bulletins=found, pager=pager)


async def bulletin_form_page(current: Visit, action: str, **context: Any) -> Response:
    categories = await current.portal.notifications.categories(await current.caller())
    return await current.render(
        "officer/bulletin_form.html", action=action, categories=categories, **context
    )


@router.get("/bulletins/new")
async def new_bulletin_page(current: OfficerVisit) -> Response:
    return await bulletin_form_page(
        current, "/officer/bulletins/new", form={"category": "Exporter"}
    )


@router.post("/bulletins/new")
async def publish_bulletin(request: Request, current: OfficerVisit) -> Response:
    form = await form_of(request)
    try:
        await current.portal.notifications.publish_bulletin(
            await current.caller(), bulletin_body(form)
        )
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = await current.errors(error, BULLETIN_FIELDS)
        return await bulletin_form_page(
            current, "/officer/bulletins/new", status_code=error.status, form=form, errors=errors
        )
    return current.redirect("/officer/bulletins", flash=N_("The bulletin was published."))


@router.get("/bulletins/{bulletin_id}/edit")
async def edit_bulletin_page(bulletin_id: str, current: OfficerVisit) -> Response:
    found = await current.portal.notifications.bulletin(await current.caller(), bulletin_id)
    return await bulletin_form_page(
        current,
        f"/officer/bulletins/{bulletin_id}/edit",
        form=bulletin_form(found) | {"version": str(found["version"])},
    )


@router.post("/bulletins/{bulletin_id}/edit")
async def edit_bulletin(bulletin_id: str, request: Request, current: OfficerVisit) -> Response:
    form = await form_of(request)
    body = bulletin_body(form) | {
        "version": int(form["version"]) if form.get("version", "").isdigit() else None
    }
    try:
        await current.portal.notifications.revise_bulletin(
            await current.caller(), bulletin_id, body
        )
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = await current.errors(error, BULLETIN_FIELDS)
        return await bulletin_form_page(
            current,
            f"/officer/bulletins/{bulletin_id}/edit",
            status_code=error.status,
            form=form,
            errors=errors,
        )
    return current.redirect("/officer/bulletins", flash=N_("The bulletin was updated."))


@router.post("/bulletins/{bulletin_id}/retire")
async def retire_bulletin(bulletin_id: str, current: OfficerVisit) -> Response:
    await current.portal.notifications.retire_bulletin(await current.caller(), bulletin_id)
    return current.redirect("/officer/bulletins", flash=N_("The bulletin was retired."))


# -- useful links ----------------------------------------------------------------------------


def link_body(form: dict[str, str]) -> dict[str, Any]:
    texts = {name: bilingual(form, name) for name in ("title", "url", "description")}
    return texts | {"topics": topics_of(form.get("topics"))}


@router.get("/links")
async def officer_links(current: OfficerVisit) -> Response:
    found = await current.portal.notifications.links(await current.caller(), include_retired=True)
    return await current.render("officer/links.html", links=found)


@router.get("/links/new")
async def new_link_page(current: OfficerVisit) -> Response:
    return await current.render("officer/link_form.html", action="/officer/links/new")


@router.post("/links/new")
async def create_link(request: Request, current: OfficerVisit) -> Response:
    form = await form_of(request)
    try:
        await current.portal.notifications.create_link(await current.caller(), link_body(form))
    except ServiceError as error:
        if error.status != 422:
            raise
        errors = await current.errors(error, LINK_FIELDS)
        return await current.render(
            "officer/link_form.html",
            status_code=422,
            action="/officer/links/new",
            form=form,
            errors=errors,
        )
    return current.redirect("/officer/links", flash=N_("The useful link was added."))


@router.get("/links/{link_id}/edit")
async def edit_link_page(link_id: str, current: OfficerVisit) -> Response:
    found = next(
        (
            link
            for link in await current.portal.notifications.links(
                await current.caller(), include_retired=True
            )
            if link["link_id"] == link_id
        ),
        None,
    )
    if found is None:
        return current.redirect("/officer/links")
    form = {
        f"{name}-{lang}": found[name][lang]
        for name in ("title", "url", "description")
        for lang in ("en", "fr")
    }
    form["topics"] = ", ".join(found.get("topics", []))
    return await current.render(
        "officer/link_form.html", action=f"/officer/links/{link_id}/edit", form=form
    )


@router.post("/links/{link_id}/edit")
async def edit_link(link_id: str, request: Request, current: OfficerVisit) -> Response:
    form = await form_of(request)
    try:
        await current.portal.notifications.update_link(
            await current.caller(), link_id, link_body(form)
        )
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = await current.errors(error, LINK_FIELDS)
        return await current.render(
            "officer/link_form.html",
            status_code=error.status,
            action=f"/officer/links/{link_id}/edit",
            form=form,
            errors=errors,
        )
    return current.redirect("/officer/links", flash=N_("The useful link was updated."))


@router.post("/links/{link_id}/retire")
async def retire_link(link_id: str, current: OfficerVisit) -> Response:
    await current.portal.notifications.retire_link(await current.caller(), link_id)
    return current.redirect("/officer/links", flash=N_("The useful link was retired."))
