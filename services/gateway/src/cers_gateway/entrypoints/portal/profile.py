"""My Profile: view and edit, change of credential provider, active sessions, bulletin
subscriptions, a new e-mail confirmation link."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from cers_gateway.adapters.http import ServiceError
from cers_gateway.domain.web_session import LANGUAGES
from cers_gateway.entrypoints.portal.auth import (
    PROFILE_FIELDS,
    PROVIDERS,
    TIME_ZONES,
    provider_choices,
)
from cers_gateway.entrypoints.portal.context import MemberVisit, Visit
from cers_gateway.entrypoints.portal.forms import form_list, form_of
from cers_gateway.entrypoints.portal.i18n import N_
from cers_gateway.entrypoints.portal.security import check_csrf

router = APIRouter(prefix="/profile", dependencies=[Depends(check_csrf)])
PROVIDER_FIELDS = ("provider", "username", "password")


@router.get("")
async def profile(current: MemberVisit) -> Response:
    found = await current.portal.identity.profile(current.identity_caller())
    return await current.render("profile/view.html", profile=found, providers=PROVIDERS)


@router.get("/edit")
async def edit_page(current: MemberVisit) -> Response:
    found = await current.portal.identity.profile(current.identity_caller())
    form = {name: found.get(name, "") for name in PROFILE_FIELDS}
    return await current.render("profile/edit.html", form=form, time_zones=TIME_ZONES)


@router.post("/edit")
async def edit(request: Request, current: MemberVisit) -> Response:
    form = await form_of(request)
    changes = {name: form.get(name, "") for name in PROFILE_FIELDS}
    try:
        updated = await current.portal.identity.update_profile(current.identity_caller(), changes)
    except ServiceError as error:
        if error.status != 422:
            raise
        errors = await current.errors(error, PROFILE_FIELDS)
        return await current.render(
            "profile/edit.html", status_code=422, form=form, errors=errors, time_zones=TIME_ZONES
        )
    if updated.get("language") in LANGUAGES:
        current.web.language = updated["language"]
    return current.redirect("/profile", flash=N_("Your profile was updated."))


@router.post("/email-confirmation")
async def resend_confirmation(current: MemberVisit) -> Response:
    await current.portal.identity.request_email_confirmation(current.identity_caller())
    return current.redirect(
        "/profile", flash=N_("A new confirmation link was sent to your e-mail address.")
    )


@router.get("/provider")
async def provider_page(current: MemberVisit) -> Response:
    return await provider_page_with(current)


@router.post("/provider")
async def change_provider(request: Request, current: MemberVisit) -> Response:
    form = await form_of(request)
    proof = {name: form.get(name, "") for name in PROVIDER_FIELDS}
    try:
        await current.portal.identity.change_provider(current.identity_caller(), proof)
    except ServiceError as error:
        if error.status not in (401, 404, 409, 422, 429):
            raise
        errors = await current.errors(error, PROVIDER_FIELDS)
        form.pop("password", None)
        return await provider_page_with(current, form=form, status_code=error.status, errors=errors)
    return await provider_changed(current, proof["provider"])


async def provider_page_with(
    current: Visit, *, form: dict[str, str] | None = None, status_code: int = 200, **context: Any
) -> Response:
    """Change credential provider: the proof form for a local provider, a link for an OIDC one."""
    in_use = str((current.session or {}).get("provider", "gckey"))
    choices = await provider_choices(current)
    others = {mode: [c for c in found if c[0] != in_use] for mode, found in choices.items()}
    first = others["local"][0][0] if others["local"] else ""
    return await current.render(
        "profile/provider.html",
        status_code=status_code,
        providers=PROVIDERS,
        in_use=in_use,
        choices=others,
        form=form if form is not None else {"provider": first},
        **context,
    )


async def provider_changed(current: Visit, provider: str) -> Response:
    """The confirmation page of a change of credential provider."""
    return await current.render(
        "confirmation.html",
        title=current.t("Credential provider changed"),
        message=current.t(
            "From now on, sign in with %(provider)s. Your URN and business accounts stay the same.",
            provider=current.t(PROVIDERS.get(provider, provider)),
        ),
        actions=[("/profile", current.t("Back to My Profile"))],
    )


@router.get("/sessions")
async def sessions(current: MemberVisit) -> Response:
    found = await current.portal.identity.sessions(current.identity_caller())
    return await current.render("profile/sessions.html", sessions=found)


@router.post("/sessions/end-others")
async def end_others(current: MemberVisit) -> Response:
    await current.portal.identity.end_other_sessions(current.identity_caller())
    return current.redirect("/profile/sessions", flash=N_("Your other sessions were ended."))


@router.post("/sessions/{reference}/end")
async def end_one(reference: str, current: MemberVisit) -> Response:
    await current.portal.identity.end_session(current.identity_caller(), reference[:64])
    return current.redirect("/profile/sessions", flash=N_("The session was ended."))


@router.get("/subscriptions")
async def subscriptions_page(current: MemberVisit) -> Response:
    caller = await current.caller()
    categories = await current.portal.notifications.categories(caller)
    chosen = await current.portal.notifications.subscriptions(caller)
    return await current.render("profile/subscriptions.html", categories=categories, chosen=chosen)


@router.post("/subscriptions")
async def subscribe(request: Request, current: MemberVisit) -> Response:
    chosen = await form_list(request, "categories")
    await current.portal.notifications.set_subscriptions(await current.caller(), chosen)
    return current.redirect(
        "/profile/subscriptions", flash=N_("Your bulletin subscriptions were saved.")
    )
