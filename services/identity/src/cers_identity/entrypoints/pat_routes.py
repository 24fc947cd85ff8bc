"""Personal access tokens for the public API: made, listed and revoked on an active session
(``X-Session-Id``, My Profile); exchanged, without a session, for a short-lived access token."""

import uuid

from fastapi import APIRouter, Response

from cers_identity.entrypoints.api_dependencies import CONTEXT, SESSION
from cers_identity.entrypoints.api_schemas import (
    ExchangedTokenView,
    ExchangeRequest,
    NewTokenRequest,
    NewTokenView,
    TokenList,
    TokenListItem,
)
from cers_identity.service_layer import personal_access_tokens
from cers_identity.service_layer.context import IdentityContext

router = APIRouter(prefix="/v1/personal-access-tokens", tags=["personal access tokens"])


@router.post("", status_code=201)
async def create_token(
    body: NewTokenRequest,
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> NewTokenView:
    """A new token for some business accounts, to read or write; its secret is shown only here.

    Identity does not know the user's memberships: each service still checks them per call.
    """
    made = await personal_access_tokens.create_token(context, secret, body.model_dump())
    token = made.token
    return NewTokenView(
        token_id=token.id,
        token=made.secret,
        name=token.name,
        business_account_ids=list(token.business_account_ids),
        access=token.access.value,
        created_at=token.created_at,
        expires_at=token.expires_at,
    )


@router.get("")
async def my_tokens(
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> TokenList:
    """The user's tokens, newest first (revoked and expired ones too), without their secrets."""
    found = await personal_access_tokens.my_tokens(context, secret)
    return TokenList(tokens=[TokenListItem.of(token) for token in found])


@router.delete("/{token_id}", status_code=204)
async def revoke_token(
    token_id: uuid.UUID,
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> Response:
    """Revoke one of the user's tokens: it is refused from now on."""
    await personal_access_tokens.revoke_token(context, secret, str(token_id))
    return Response(status_code=204)


@router.post("/exchange")
async def exchange_token(
    body: ExchangeRequest,
    context: IdentityContext = CONTEXT,
) -> ExchangedTokenView:
    """The gateway's public API trades a token for an access token naming its user and scope."""
    exchanged = await personal_access_tokens.exchange_token(context, body.token)
    user, token, access = exchanged.user, exchanged.token, exchanged.access
    return ExchangedTokenView(
        access_token=access.token,
        expires_in=access.expires_in,
        expires_at=access.expires_at,
        user_id=user.id,
        urn=user.urn,
        language=user.profile.language,
        token_id=token.id,
        business_account_ids=list(token.business_account_ids),
        access=token.access.value,
    )
