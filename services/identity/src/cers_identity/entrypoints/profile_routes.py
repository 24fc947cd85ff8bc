"""My Profile (``X-Session-Id``): view, edit, confirm the address again, change provider."""

from fastapi import APIRouter, Response

from cers_identity.entrypoints.api_dependencies import CONTEXT, SESSION, provider_in_body
from cers_identity.entrypoints.api_schemas import CredentialProof, ProfileChanges, ProfileView
from cers_identity.service_layer import transfer, user_accounts
from cers_identity.service_layer.context import IdentityContext

router = APIRouter(prefix="/v1/profile", tags=["profile"])


@router.get("")
async def my_profile(
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> ProfileView:
    """The signed-in user's profile."""
    found = await user_accounts.my_profile(context, secret)
    return ProfileView.of(found.user, found.provider.value)


@router.patch("")
async def edit_profile(
    body: ProfileChanges,
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> ProfileView:
    """Change some fields; a new e-mail address must be confirmed again."""
    found = await user_accounts.update_profile(context, secret, body.values())
    return ProfileView.of(found.user, found.provider.value)


@router.post("/email-confirmation-requests", status_code=202)
async def resend_confirmation(
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> Response:
    """Send a new confirmation link for the (unconfirmed) address."""
    await user_accounts.resend_confirmation(context, secret)
    return Response(status_code=202)


@router.post("/credential-provider")
async def change_credential_provider(
    body: CredentialProof,
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> ProfileView:
    """Change Credential Provider: move to a proven (local) credential at the other provider."""
    current = await transfer.change_provider(
        context, secret, provider_in_body(body.provider), body.username, body.password
    )
    user = current.active_user()
    return ProfileView.of(user, current.credential.provider.value)
