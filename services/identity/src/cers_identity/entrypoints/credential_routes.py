"""Routes before a session: sign-up, sign-in and recovery (local), OIDC flows, confirm e-mail."""

from fastapi import APIRouter, Response

from cers_identity.domain.credential_rules import RecoveryAnswer
from cers_identity.domain.errors import InvalidInputError, problem
from cers_identity.domain.providers import Provider
from cers_identity.entrypoints.api_dependencies import CONTEXT, PROVIDER, SESSION
from cers_identity.entrypoints.api_schemas import (
    ConfirmEmailRequest,
    CredentialView,
    EmailConfirmedView,
    OidcAuthorizationView,
    OidcBeginRequest,
    OidcCallbackRequest,
    PasswordResetRequest,
    ProviderList,
    ProviderView,
    RecoveryQuestionsRequest,
    RecoveryQuestionsView,
    SessionView,
    SignInRequest,
    SignUpRequest,
)
from cers_identity.service_layer import local_credentials, oidc_flows, user_accounts
from cers_identity.service_layer.context import IdentityContext

router = APIRouter(prefix="/v1", tags=["credentials"])
AT_PROVIDER = "/providers/{provider}"


@router.get("/providers")
async def providers(context: IdentityContext = CONTEXT) -> ProviderList:
    """Every credential provider with its mode, so the portal offers a password form for the
    local ones and a redirect for the OIDC ones."""
    return ProviderList(
        providers=[
            ProviderView(provider=provider.value, mode=context.mode(provider))
            for provider in Provider
        ]
    )


@router.post(f"{AT_PROVIDER}/sign-up", status_code=201)
async def sign_up(
    body: SignUpRequest,
    provider: Provider = PROVIDER,
    context: IdentityContext = CONTEXT,
) -> CredentialView:
    """Create a local credential (no user account yet)."""
    credential = await local_credentials.sign_up(
        context,
        provider,
        body.username,
        body.password,
        body.password_confirmation,
        [RecoveryAnswer(item.question, item.answer) for item in body.recovery],
    )
    return CredentialView(provider=credential.provider.value, username=credential.username)


@router.post(f"{AT_PROVIDER}/sign-in", status_code=201)
async def sign_in(
    body: SignInRequest,
    provider: Provider = PROVIDER,
    context: IdentityContext = CONTEXT,
) -> SessionView:
    """Sign in with a local credential: a new session (its id is in ``session_id``)."""
    signed_in = await local_credentials.sign_in(context, provider, body.username, body.password)
    return SessionView.of(signed_in.current, context.policies.session, signed_in.secret)


@router.post(f"{AT_PROVIDER}/recovery-questions")
async def recovery_questions(
    body: RecoveryQuestionsRequest,
    provider: Provider = PROVIDER,
    context: IdentityContext = CONTEXT,
) -> RecoveryQuestionsView:
    """The recovery questions of a local credential."""
    questions = await local_credentials.recovery_questions(context, provider, body.username)
    return RecoveryQuestionsView(questions=questions)


@router.post(f"{AT_PROVIDER}/password-reset", status_code=204)
async def password_reset(
    body: PasswordResetRequest,
    provider: Provider = PROVIDER,
    context: IdentityContext = CONTEXT,
) -> Response:
    """Reset a local password with the recovery answers (in the questions' order)."""
    await local_credentials.reset_password(
        context,
        provider,
        body.username,
        body.answers,
        body.new_password,
        body.new_password_confirmation,
    )
    return Response(status_code=204)


def _purpose(text: str) -> oidc_flows.Purpose:
    try:
        return oidc_flows.Purpose(text)
    except ValueError as error:
        raise InvalidInputError(problem("/purpose", "identity.oidc.purpose_invalid")) from error


@router.post(f"{AT_PROVIDER}/oidc/authorizations", status_code=201)
async def oidc_begin(
    body: OidcBeginRequest,
    provider: Provider = PROVIDER,
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> OidcAuthorizationView:
    """Start an OIDC flow; transfer and change_provider need the session (``X-Session-Id``)."""
    pending = await oidc_flows.begin(context, provider, _purpose(body.purpose), secret)
    return OidcAuthorizationView(authorization_url=pending.authorization_url, state=pending.state)


@router.post(f"{AT_PROVIDER}/oidc/callback")
async def oidc_callback(
    body: OidcCallbackRequest,
    provider: Provider = PROVIDER,
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> SessionView:
    """Finish an OIDC flow with the provider's ``state`` and ``code``.

    A sign-in answers a new session (with ``session_id``); a transfer or change of provider
    answers the caller's session, now on the new credential.
    """
    done = await oidc_flows.complete(context, provider, body.state, body.code, secret)
    return SessionView.of(done.current, context.policies.session, done.secret)


@router.post("/email-confirmations")
async def confirm_email(
    body: ConfirmEmailRequest, context: IdentityContext = CONTEXT
) -> EmailConfirmedView:
    """Spend an e-mail confirmation link (its token)."""
    user = await user_accounts.confirm_email(context, body.token)
    return EmailConfirmedView(
        user_id=user.id, urn=user.urn, email=user.profile.email, email_confirmed=True
    )
