"""My Profile → Personal access tokens (for the public API): list, create (the token is shown
once), revoke."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from cers_gateway.adapters.http import ServiceError
from cers_gateway.entrypoints.api.context import parts_of
from cers_gateway.entrypoints.portal.context import MemberVisit, Visit
from cers_gateway.entrypoints.portal.forms import form_list, form_of
from cers_gateway.entrypoints.portal.i18n import N_
from cers_gateway.entrypoints.portal.security import check_csrf

router = APIRouter(prefix="/profile/tokens", dependencies=[Depends(check_csrf)])
TOKEN_FIELDS = ("name", "business_account_ids", "access", "expires_in_days")
DEFAULT_DAYS = "90"


async def _page(
    current: Visit,
    *,
    status_code: int = 200,
    form: dict[str, Any] | None = None,
    errors: Any = None,
) -> Response:
    identity_caller = current.identity_caller()
    tokens = await current.portal.identity.personal_tokens(identity_caller)
    accounts = await current.portal.accounts.my_accounts(await current.caller())
    names = {a["business_account_id"]: a.get("legal_name", "") for a in accounts}
    extra: dict[str, Any] = {"errors": errors} if errors is not None else {}
    return await current.render(
        "profile_tokens.html",
        status_code=status_code,
        tokens=tokens,
        accounts=accounts,
        names=names,
        form=form or {"access": "read", "expires_in_days": DEFAULT_DAYS, "chosen": []},
        **extra,
    )


@router.get("")
async def tokens_page(current: MemberVisit) -> Response:
    return await _page(current)


@router.post("")
async def create(request: Request, current: MemberVisit) -> Response:
    form: dict[str, Any] = dict(await form_of(request))
    chosen = await form_list(request, "business_account_ids")
    days = form.get("expires_in_days", "")
    body = {
        "name": form.get("name", ""),
        "business_account_ids": chosen,
        "access": form.get("access", ""),
        # A number when it is one; otherwise as typed, for identity to refuse by name.
        "expires_in_days": int(days) if days.isdigit() else (days or None),
    }
    try:
        made = await current.portal.identity.create_personal_token(
            current.identity_caller(), {k: v for k, v in body.items() if v is not None}
        )
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = await current.errors(error, TOKEN_FIELDS)
        return await _page(
            current, status_code=error.status, form=form | {"chosen": chosen}, errors=errors
        )
    return await current.render("profile_tokens_created.html", token=made)


@router.post("/{token_id}/revoke")
async def revoke(token_id: str, request: Request, current: MemberVisit) -> Response:
    await current.portal.identity.revoke_personal_token(current.identity_caller(), token_id[:64])
    parts_of(request).tokens.forget(token_id)
    return current.redirect("/profile/tokens", flash=N_("The token was revoked."))
