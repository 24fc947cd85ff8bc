"""Business Accounts: the list, activation (BN + code → information → review → confirmation),
an account's tabs that are not yet available (bulk loads, summary reports, templates, lookups),
and its business information."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from cers_contracts.authorization import Action, decide
from cers_gateway.adapters.http import ServiceError
from cers_gateway.entrypoints.portal.auth import client_ip
from cers_gateway.entrypoints.portal.context import MemberVisit, NotAllowed, RedirectTo, Visit
from cers_gateway.entrypoints.portal.forms import flatten, form_of, group
from cers_gateway.entrypoints.portal.i18n import N_
from cers_gateway.entrypoints.portal.iso_selects import iso_selects
from cers_gateway.entrypoints.portal.provider import exporters_filed_for, page_account
from cers_gateway.entrypoints.portal.security import check_csrf

router = APIRouter(dependencies=[Depends(check_csrf)])

CHECK_FIELDS = ("business_number", "activation_code")
ADDRESS_PARTS = ("line1", "line2", "city", "province", "postal_code", "country")
CONTACT_PARTS = ("name", "telephone", "email")
INFORMATION_FIELDS = (
    "legal_name",
    "operating_name",
    *(f"address-{p}" for p in ADDRESS_PARTS),
    *(f"contact-{p}" for p in CONTACT_PARTS),
)
BUSINESS_TYPES = {
    "exporter": N_("Exporter"),
    "customs_service_provider": N_("Customs service provider"),
}
ROLES = {
    "owner": N_("Account Owner"),
    "proxy_owner": N_("Proxy Account Owner"),
    "user": N_("Account User"),
    "browser": N_("Account Browser"),
}
PLACEHOLDER_TABS = {
    "bulk-loads": N_("Bulk Loads"),
    "summary-reports": N_("Summary Reports"),
    "templates": N_("Templates"),
    "lookups": N_("Lookups"),
}


def information_body(form: dict[str, str]) -> dict[str, Any]:
    """Names, address and contact from the information form."""
    return {
        "legal_name": form.get("legal_name", ""),
        "operating_name": form.get("operating_name") or None,
        "address": group(form, "address", ADDRESS_PARTS)
        | {"country": form.get("address-country", "")},
        "contact": group(form, "contact", CONTACT_PARTS),
    }


def rights_of(current: Visit, account: dict[str, Any]) -> dict[str, bool]:
    """What the signed-in user may do on ``account`` (``Action`` value → allowed)."""
    role = account.get("my_role")
    providers = account.get("provider_roles", ())
    return {
        action.value: decide(
            action, role=role, provider_roles=providers, officer=current.is_officer
        )
        for action in Action
    }


async def account_page(
    current: Visit,
    account_id: str,
    template: str,
    account: dict[str, Any] | None = None,
    **context: Any,
) -> Response:
    """A page of one account (fetched unless given), with its name and tabs."""
    if account is None:
        account = await page_account(current, account_id)
    return await current.render(
        template,
        account=account,
        rights=rights_of(current, account),
        roles=ROLES,
        business_types=BUSINESS_TYPES,
        **context,
    )


@router.get("/accounts")
async def my_accounts(current: MemberVisit) -> Response:
    accounts = await current.portal.accounts.my_accounts(await current.caller())
    return await current.render(
        "accounts/list.html",
        accounts=accounts,
        filed_for=await exporters_filed_for(current),
        roles=ROLES,
        business_types=BUSINESS_TYPES,
    )


@router.get("/accounts/new")
async def activation_page(current: MemberVisit) -> Response:
    return await current.render("accounts/activation_check.html")


@router.post("/accounts/new")
async def check_activation(request: Request, current: MemberVisit) -> Response:
    form = await form_of(request)
    bn = form.get("business_number", "").replace(" ", "").upper()
    current.portal.limits.check("activation", client_ip(request), bn)
    try:
        checked = await current.portal.accounts.check_activation(
            await current.caller(), bn, form.get("activation_code", "")
        )
    except ServiceError as error:
        if error.status not in (404, 409, 410, 422, 429):
            raise
        errors = await current.errors(error, CHECK_FIELDS)
        form.pop("activation_code", None)
        return await current.render(
            "accounts/activation_check.html", status_code=error.status, form=form, errors=errors
        )
    current.web.pending = {
        "business_number": checked["business_number"],
        "activation_code": form.get("activation_code", ""),
        "authorization_id": checked["authorization_id"],
    }
    return current.redirect("/accounts/new/information")


def _pending(current: Visit) -> dict[str, str]:
    if "activation_code" not in current.web.pending:
        raise RedirectTo("/accounts/new")
    return current.web.pending


@router.get("/accounts/new/information")
async def information_page(current: MemberVisit) -> Response:
    pending = _pending(current)
    user = current.user or {}
    defaults = {
        "business_type": "exporter",
        "address-country": "CA",
        "contact-name": f"{user.get('first_name', '')} {user.get('last_name', '')}".strip(),
    }
    form = defaults | {k: v for k, v in pending.items() if k not in ("activation_code",)}
    return await current.render(
        "accounts/activation_information.html",
        pending=pending,
        form=form,
        business_types=BUSINESS_TYPES,
        iso=iso_selects(current.web.language),
    )


@router.post("/accounts/new/information")
async def keep_information(request: Request, current: MemberVisit) -> Response:
    pending = _pending(current)
    form = await form_of(request)
    kept = {k: form[k] for k in (*INFORMATION_FIELDS, "business_type") if form.get(k)}
    current.web.pending = {
        k: pending[k] for k in ("business_number", "activation_code", "authorization_id")
    } | kept
    return current.redirect("/accounts/new/review")


@router.get("/accounts/new/review")
async def review_page(current: MemberVisit) -> Response:
    pending = _pending(current)
    return await current.render(
        "accounts/activation_review.html", pending=pending, business_types=BUSINESS_TYPES
    )


@router.post("/accounts/new/review")
async def activate(current: MemberVisit) -> Response:
    pending = _pending(current)
    body = information_body(pending) | {
        "business_number": pending["business_number"],
        "activation_code": pending["activation_code"],
        "business_type": pending.get("business_type", "exporter"),
    }
    try:
        account = await current.portal.accounts.activate(await current.caller(), body)
    except ServiceError as error:
        if error.status not in (404, 409, 410, 422, 429):
            raise
        errors = await current.errors(error, (*INFORMATION_FIELDS, "business_type"))
        if any(item.field_id is None for item in errors.items):  # the code itself: start again
            current.web.pending = {}
            return await current.render(
                "accounts/activation_check.html", status_code=error.status, errors=errors
            )
        return await current.render(
            "accounts/activation_information.html",
            status_code=error.status,
            pending=pending,
            form=pending,
            errors=errors,
            business_types=BUSINESS_TYPES,
            iso=iso_selects(current.web.language),
        )
    current.web.pending = {}
    return current.redirect(f"/accounts/{account['business_account_id']}/created")


@router.get("/accounts/{account_id}/created")
async def activated(account_id: str, current: MemberVisit) -> Response:
    account = await current.portal.accounts.account(await current.caller(), account_id)
    return await current.render(
        "confirmation.html",
        title=current.t("Business account created"),
        message=current.t(
            "The business account of %(name)s (BN %(bn)s) is active. Its Authorization ID is %(auth_id)s.",  # noqa: E501 - a catalog text stays whole
            name=account["legal_name"],
            bn=account["business_number"],
            auth_id=account["authorization_id"],
        ),
        actions=[("/accounts", current.t("OK")), ("/accounts/new", current.t("Create another"))],
    )


@router.get("/accounts/{account_id}")
async def account_home(account_id: str, current: MemberVisit) -> Response:
    return current.redirect(f"/accounts/{account_id}/documents")


@router.get("/accounts/{account_id}/information")
async def information(account_id: str, current: MemberVisit) -> Response:
    return await account_page(current, account_id, "accounts/information.html", tab="information")


@router.get("/accounts/{account_id}/information/edit")
async def edit_information_page(account_id: str, current: MemberVisit) -> Response:
    account = await current.portal.accounts.account(await current.caller(), account_id)
    form = flatten(
        "", {k: account.get(k) for k in ("legal_name", "operating_name", "address", "contact")}
    )
    return await account_page(
        current,
        account_id,
        "accounts/information_edit.html",
        tab="information",
        form=form,
        iso=iso_selects(current.web.language),
    )


@router.post("/accounts/{account_id}/information/edit")
async def edit_information(account_id: str, request: Request, current: MemberVisit) -> Response:
    form = await form_of(request)
    try:
        await current.portal.accounts.update_information(
            await current.caller(), account_id, information_body(form)
        )
    except ServiceError as error:
        if error.status != 422:
            raise
        errors = await current.errors(error, INFORMATION_FIELDS)
        return await account_page(
            current,
            account_id,
            "accounts/information_edit.html",
            status_code=422,
            tab="information",
            form=form,
            errors=errors,
            iso=iso_selects(current.web.language),
        )
    return current.redirect(
        f"/accounts/{account_id}/information", flash=N_("The business information was updated.")
    )


async def _deletable(current: Visit, account_id: str) -> dict[str, Any]:
    """The account, when the user may delete it (its owner); the refusal page otherwise."""
    account = await current.portal.accounts.account(await current.caller(), account_id)
    if not rights_of(current, account)[Action.DELETE_ACCOUNT.value]:
        raise NotAllowed
    return account


@router.get("/accounts/{account_id}/delete")
async def delete_account_page(account_id: str, current: MemberVisit) -> Response:
    account = await _deletable(current, account_id)
    return await account_page(
        current, account_id, "accounts/delete.html", account=account, tab="information"
    )


@router.post("/accounts/{account_id}/delete")
async def delete_account(account_id: str, current: MemberVisit) -> Response:
    account = await _deletable(current, account_id)
    await current.portal.accounts.delete_account(await current.caller(), account_id)
    return await current.render(
        "confirmation.html",
        title=current.t("Business account deleted"),
        message=current.t(
            "The business account of %(name)s (BN %(bn)s) was deleted. Its users no longer have access to it.",  # noqa: E501 - a catalog text stays whole
            name=account["legal_name"],
            bn=account["business_number"],
        ),
        actions=[("/accounts", current.t("Business Accounts"))],
    )


async def not_yet_available(account_id: str, request: Request, current: MemberVisit) -> Response:
    """An account tab whose service has not landed yet."""
    tab = request.url.path.rsplit("/", 1)[-1]
    return await account_page(
        current,
        account_id,
        "accounts/placeholder.html",
        tab=tab,
        tab_title=current.t(PLACEHOLDER_TABS[tab]),
    )


for _tab in PLACEHOLDER_TABS:
    router.add_api_route(f"/accounts/{{account_id}}/{_tab}", not_yet_available, methods=["GET"])
