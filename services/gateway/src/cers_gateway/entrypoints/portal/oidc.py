"""Signing in through an OIDC credential provider (GCKey, a Sign-In Partner), and moving to one
from My Profile: the redirect to the provider and the provider's redirect back.

Identity keeps the flow's secrets (nonce, PKCE verifier) under its ``state``. The portal keeps
that state in the browser's own encrypted session, so a callback this browser did not start
(login CSRF: an attacker's code pasted into a victim's browser) is refused before identity is
asked, and a state is used once. The begin step is a link (GET), not a form: the CSP's
``form-action 'self'`` would stop a form post that redirects to the provider's site. The link that
moves a signed-in user's account to another provider changes state, so it carries the session's
CSRF token (another site could otherwise send the browser there, and a provider that remembers
its user would send it straight back).
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from cers_gateway.adapters.http import Caller, ServiceError
from cers_gateway.domain.forms import FormErrors, single_error
from cers_gateway.domain.web_session import csrf_matches
from cers_gateway.entrypoints.portal.auth import (
    PROVIDERS,
    after_sign_in,
    client_ip,
    credential_page,
)
from cers_gateway.entrypoints.portal.context import AnyVisit, MemberVisit, Visit
from cers_gateway.entrypoints.portal.i18n import N_
from cers_gateway.entrypoints.portal.profile import provider_changed, provider_page_with
from cers_gateway.entrypoints.portal.security import CsrfRefused

router = APIRouter()

SIGN_IN, CHANGE_PROVIDER = "sign_in", "change_provider"
STATE, PROVIDER, PURPOSE = "state", "provider", "purpose"
"""Keys of the flow in progress in the session's ``oidc``."""
BEGIN_REFUSALS = (409, 422, 502)
CALLBACK_REFUSALS = (401, 409, 410, 422, 502)
NOT_STARTED_HERE = N_(
    "This sign-in was not started in this browser, or it was already used. Please start again."
)
CANCELLED = N_("The sign-in at %(provider)s was cancelled or refused. You can try again.")


def _known(provider: str) -> str:
    if provider not in PROVIDERS:
        raise HTTPException(404)
    return provider


@router.get("/sign-in/{provider}/oidc")
async def begin_sign_in(provider: str, request: Request, current: AnyVisit) -> Response:
    """Send the browser to the provider to sign in (each start writes a row at identity, so it
    counts against the sign-in rate limit)."""
    current.portal.limits.check("sign-in", client_ip(request))
    return await _begin(current, _known(provider), SIGN_IN, None)


@router.get("/profile/provider/{provider}/oidc")
async def begin_change(provider: str, current: MemberVisit, csrf_token: str = "") -> Response:
    """Send a signed-in user to the provider to prove the credential they are moving to."""
    if not csrf_matches(current.web.csrf, csrf_token):
        raise CsrfRefused
    return await _begin(current, _known(provider), CHANGE_PROVIDER, current.identity_caller())


async def _begin(current: Visit, provider: str, purpose: str, caller: Caller | None) -> Response:
    try:
        flow = await current.portal.identity.begin_oidc(provider, purpose, caller)
    except ServiceError as error:
        if error.status not in BEGIN_REFUSALS:
            raise
        return await _refused(current, purpose, error.status, await current.errors(error, ()))
    current.web.oidc = {STATE: str(flow["state"]), PROVIDER: provider, PURPOSE: purpose}
    return RedirectResponse(str(flow["authorization_url"]), status_code=303)


@router.get("/sign-in/{provider}/callback")
async def callback(
    provider: str, current: AnyVisit, state: str = "", code: str = "", error: str = ""
) -> Response:
    """The provider's redirect back (the redirect URI registered with it, for every purpose)."""
    _known(provider)
    started, current.web.oidc = current.web.oidc, {}
    expected, started_with = started.get(STATE, ""), started.get(PROVIDER, "")
    purpose = started.get(PURPOSE, SIGN_IN)
    if not expected or started_with != provider or not csrf_matches(expected, state):
        return await _refused(current, purpose, 400, single_error(current.t(NOT_STARTED_HERE)))
    if error:
        cancelled = current.t(CANCELLED, provider=current.t(PROVIDERS[provider]))
        return await _refused(current, purpose, 400, single_error(cancelled))
    caller = current.identity_caller() if purpose == CHANGE_PROVIDER else None
    try:
        session = await current.portal.identity.complete_oidc(provider, state, code, caller)
    except ServiceError as failure:
        if failure.status not in CALLBACK_REFUSALS:
            raise
        errors = await current.errors(failure, ())
        return await _refused(current, purpose, failure.status, errors)
    if purpose == CHANGE_PROVIDER:
        return await provider_changed(current, provider)
    user = session.get("user") or {}
    current.web.begin(str(session["session_id"]), user.get("language"))
    return current.redirect(after_sign_in(session))


async def _refused(current: Visit, purpose: str, status: int, errors: FormErrors) -> Response:
    """The page the flow started from, with why it did not work."""
    if purpose == CHANGE_PROVIDER and current.session is not None:
        return await provider_page_with(current, status_code=status, errors=errors)
    return await credential_page(current, "auth/sign_in.html", status_code=status, errors=errors)
