"""Sign in, sign up, password reset, terms, user account creation, sign out, e-mail confirmation,
the language toggle and the contingency page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from cers_gateway.adapters.http import Caller, ServiceError
from cers_gateway.domain.forms import single_error
from cers_gateway.domain.web_session import LANGUAGES
from cers_gateway.entrypoints.portal.context import NEXT_STEP, AnyVisit, SignedInVisit, Visit
from cers_gateway.entrypoints.portal.forms import form_of
from cers_gateway.entrypoints.portal.i18n import N_
from cers_gateway.entrypoints.portal.security import check_csrf

router = APIRouter(dependencies=[Depends(check_csrf)])

PROVIDERS = {"gckey": N_("GCKey"), "sign_in_partner": N_("Sign-In Partner")}
SIGN_IN_FIELDS = ("provider", "username", "password")
SIGN_UP_FIELDS = (
    "provider",
    "username",
    "password",
    "password_confirmation",
    *(f"recovery-{n}-{part}" for n in range(3) for part in ("question", "answer")),
)
RESET_FIELDS = (
    "provider",
    "username",
    "answers-0",
    "answers-1",
    "answers-2",
    "new_password",
    "new_password_confirmation",
)
PROFILE_FIELDS = ("first_name", "last_name", "email", "telephone", "time_zone", "language")
TIME_ZONES = tuple(
    (zone, zone)
    for zone in (
        "America/St_Johns",
        "America/Halifax",
        "America/Toronto",
        "America/Winnipeg",
        "America/Regina",
        "America/Edmonton",
        "America/Vancouver",
        "America/Whitehorse",
        "UTC",
    )
)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _provider(form: dict[str, str]) -> str:
    return form.get("provider") if form.get("provider") in PROVIDERS else "gckey"  # type: ignore[return-value]


def after_sign_in(session: Mapping[str, Any]) -> str:
    """Where identity's session view goes next: terms, user account, or the user's home page
    (Officer tools for a CBSA officer, Business Accounts for everyone else)."""
    state = str(session.get("state"))
    if state in NEXT_STEP:
        return NEXT_STEP[state]
    return "/officer" if (session.get("user") or {}).get("officer") else "/accounts"


async def provider_choices(current: Visit) -> dict[str, list[tuple[str, str]]]:
    """The providers as ``(key, label)`` pairs by mode: ``local`` ones take a username and
    password on the portal's forms, ``oidc`` ones are reached by a redirect. While identity
    does not answer, every provider is shown as local: the page still renders, and a sign-in
    then gets identity's 503 page."""
    modes = await current.portal.provider_modes.current()
    choices: dict[str, list[tuple[str, str]]] = {"local": [], "oidc": []}
    for key, label in PROVIDERS.items():
        choices["oidc" if modes.get(key) == "oidc" else "local"].append((key, current.t(label)))
    return choices


async def credential_page(
    current: Visit,
    template: str,
    *,
    form: dict[str, str] | None = None,
    status_code: int = 200,
    **context: Any,
) -> Response:
    """A page of the credential forms (sign in, sign up, password reset) with the providers'
    choices; a new form preselects the first local provider."""
    choices = await provider_choices(current)
    first = choices["local"][0][0] if choices["local"] else ""
    return await current.render(
        template,
        status_code=status_code,
        choices=choices,
        form=form if form is not None else {"provider": first},
        **context,
    )


@router.get("/")
async def home(current: AnyVisit) -> Response:
    return current.redirect(after_sign_in(current.session) if current.session else "/sign-in")


@router.get("/sign-in")
async def sign_in_page(current: AnyVisit) -> Response:
    return await credential_page(current, "auth/sign_in.html")


@router.post("/sign-in")
async def sign_in(request: Request, current: AnyVisit) -> Response:
    form = await form_of(request)
    provider = _provider(form)
    current.portal.limits.check("sign-in", client_ip(request), form.get("username"))
    try:
        session = await current.portal.identity.sign_in(
            provider, form.get("username", ""), form.get("password", "")
        )
    except ServiceError as error:
        if error.status not in (401, 422, 429):
            raise
        errors = await current.errors(error, SIGN_IN_FIELDS)
        form.pop("password", None)
        return await credential_page(
            current,
            "auth/sign_in.html",
            status_code=error.status,
            form=form,
            errors=errors,
        )
    user = session.get("user") or {}
    current.web.begin(str(session["session_id"]), user.get("language"))
    return current.redirect(after_sign_in(session))


@router.get("/sign-up")
async def sign_up_page(current: AnyVisit) -> Response:
    return await credential_page(current, "auth/sign_up.html")


@router.post("/sign-up")
async def sign_up(request: Request, current: AnyVisit) -> Response:
    form = await form_of(request)
    provider = _provider(form)
    current.portal.limits.check("sign-up", client_ip(request), form.get("username"))
    body = {
        "username": form.get("username", ""),
        "password": form.get("password", ""),
        "password_confirmation": form.get("password_confirmation", ""),
        "recovery": [
            {
                "question": form.get(f"recovery-{n}-question", ""),
                "answer": form.get(f"recovery-{n}-answer", ""),
            }
            for n in range(3)
        ],
    }
    try:
        await current.portal.identity.sign_up(provider, body)
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = await current.errors(error, SIGN_UP_FIELDS, {"/recovery": "recovery-0-question"})
        for secret in ("password", "password_confirmation"):
            form.pop(secret, None)
        return await credential_page(
            current,
            "auth/sign_up.html",
            status_code=error.status,
            form=form,
            errors=errors,
        )
    return await current.render(
        "confirmation.html",
        title=current.t("Sign-up complete"),
        message=current.t(
            "Your %(provider)s credential %(username)s is ready. Sign in to continue.",
            provider=current.t(PROVIDERS[provider]),
            username=body["username"],
        ),
        actions=[("/sign-in", current.t("Sign in"))],
    )


@router.get("/password-reset")
async def password_reset_page(current: AnyVisit) -> Response:
    return await credential_page(current, "auth/password_reset.html", questions=[])


@router.post("/password-reset")
async def password_reset(request: Request, current: AnyVisit) -> Response:
    """Step 1 (no answers yet): show the questions. Step 2: answers and the new password."""
    form = await form_of(request)
    provider = _provider(form)
    username = form.get("username", "")
    current.portal.limits.check("password-reset", client_ip(request), username)
    identity = current.portal.identity
    try:
        questions = await identity.recovery_questions(provider, username)
    except ServiceError as error:
        if error.status not in (404, 422, 429):
            raise
        errors = await current.errors(error, RESET_FIELDS)
        return await credential_page(
            current,
            "auth/password_reset.html",
            status_code=error.status,
            form=form,
            questions=[],
            errors=errors,
        )
    if form.get("step") != "answers":
        return await credential_page(
            current, "auth/password_reset.html", form=form, questions=questions
        )
    body = {
        "username": username,
        "answers": [form.get(f"answers-{n}", "") for n in range(3)],
        "new_password": form.get("new_password", ""),
        "new_password_confirmation": form.get("new_password_confirmation", ""),
    }
    try:
        await identity.reset_password(provider, body)
    except ServiceError as error:
        if error.status not in (401, 422, 429):
            raise
        errors = await current.errors(error, RESET_FIELDS, {"/answers": "answers-0"})
        for secret in ("new_password", "new_password_confirmation"):
            form.pop(secret, None)
        return await credential_page(
            current,
            "auth/password_reset.html",
            status_code=error.status,
            form=form,
            questions=questions,
            errors=errors,
        )
    return await current.render(
        "confirmation.html",
        title=current.t("Password changed"),
        message=current.t("Your password was changed. Sign in with your new password."),
        actions=[("/sign-in", current.t("Sign in"))],
    )


@router.get("/terms")
async def terms_page(current: SignedInVisit) -> Response:
    terms = await current.portal.identity.terms()
    return await current.render("auth/terms.html", terms=terms)


@router.post("/terms")
async def accept_terms(request: Request, current: SignedInVisit) -> Response:
    form = await form_of(request)
    if form.get("accept") != "yes":
        terms = await current.portal.identity.terms()
        errors = single_error(current.t("Select “I accept” to continue."), "accept")
        return await current.render("auth/terms.html", status_code=422, terms=terms, errors=errors)
    version = int(form.get("version") or 0)
    session = await current.portal.identity.accept_terms(current.identity_caller(), version)
    return current.redirect(after_sign_in(session))


@router.get("/user-account")
async def user_account_page(current: SignedInVisit) -> Response:
    if current.session and current.session.get("user"):
        return current.redirect("/accounts")
    defaults = {"time_zone": "America/Toronto", "language": current.web.language}
    return await current.render("auth/user_account.html", form=defaults, time_zones=TIME_ZONES)


@router.post("/user-account")
async def create_user_account(request: Request, current: SignedInVisit) -> Response:
    form = await form_of(request)
    profile = {name: form.get(name, "") for name in PROFILE_FIELDS}
    try:
        session = await current.portal.identity.create_user_account(
            current.identity_caller(), profile
        )
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = await current.errors(error, PROFILE_FIELDS)
        return await current.render(
            "auth/user_account.html",
            status_code=error.status,
            form=form,
            errors=errors,
            time_zones=TIME_ZONES,
        )
    user = session["user"]
    if user.get("language") in LANGUAGES:
        current.web.language = user["language"]
    current.session = session
    return await current.render(
        "confirmation.html",
        title=current.t("User account created"),
        message=current.t(
            "Your user account was created. Your User Reference Number (URN) is %(urn)s.",
            urn=user["urn"],
        ),
        detail=[
            current.t(
                "Give your URN to a business account owner so they can add you to their account."
            )
        ],
        actions=[("/accounts", current.t("Continue to Business Accounts"))],
    )


@router.post("/sign-out")
async def sign_out(current: AnyVisit) -> Response:
    if current.web.session_id:
        caller = Caller(session_id=current.web.session_id)
        current.portal.tokens.forget(current.web.session_id)
        await current.portal.identity.sign_out(caller)
    current.web.end()
    current.session = None
    return await current.render(
        "confirmation.html",
        title=current.t("You have signed out"),
        message=current.t(
            "You have signed out of CERS. Close your browser if you use a shared computer."
        ),
        actions=[("/sign-in", current.t("Sign in again"))],
    )


@router.get("/confirm-email")
async def confirm_email_page(current: AnyVisit, token: str = "") -> Response:
    return await current.render("auth/confirm_email.html", token=token[:200])


@router.post("/confirm-email")
async def confirm_email(request: Request, current: AnyVisit) -> Response:
    form = await form_of(request)
    confirmed = await current.portal.identity.confirm_email(form.get("token", ""))
    return await current.render(
        "confirmation.html",
        title=current.t("E-mail address confirmed"),
        message=current.t("Your e-mail address %(email)s is confirmed.", email=confirmed["email"]),
        actions=[("/", current.t("Continue"))],
    )


@router.get("/language/{language}")
async def choose_language(language: str, current: AnyVisit, next: str = "/") -> Response:
    if language in LANGUAGES:
        current.web.language = language
    safe = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/"
    return current.redirect(safe)


@router.get("/contingency")
async def contingency(current: AnyVisit) -> Response:
    return await current.render("contingency.html", outage=await current.portal.banner.current())
