"""Routes on a session (``X-Session-Id``): its state, terms, user account, token, sign-out,
the user's other sessions, and the transfer from the sign-in page."""

import uuid

from fastapi import APIRouter, Response

from cers_identity.entrypoints.api_dependencies import CONTEXT, SESSION, provider_in_body
from cers_identity.entrypoints.api_schemas import (
    AcceptTermsRequest,
    AccessTokenView,
    CredentialProof,
    EndedSessions,
    ProfileRequest,
    SessionList,
    SessionListItem,
    SessionView,
    TermsView,
)
from cers_identity.service_layer import sessions, terms, tokens, transfer, user_accounts
from cers_identity.service_layer.context import IdentityContext

router = APIRouter(prefix="/v1", tags=["sessions"])


@router.get("/terms")
async def current_terms(context: IdentityContext = CONTEXT) -> TermsView:
    """The Terms and Conditions of Use in force, in English and French."""
    found = await terms.current_terms(context)
    return TermsView(
        version=found.version,
        text_en=found.text_en,
        text_fr=found.text_fr,
        published_at=found.published_at,
    )


@router.get("/session")
async def current_session(
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> SessionView:
    """The session and its state (``needs_terms``, ``needs_user_account``, ``active``)."""
    current = await sessions.current_session(context, secret)
    return SessionView.of(current, context.policies.session)


@router.delete("/session", status_code=204)
async def sign_out(
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> Response:
    """Sign out: the session ends at once."""
    await sessions.sign_out(context, secret)
    return Response(status_code=204)


@router.post("/session/terms-acceptance")
async def accept_terms(
    body: AcceptTermsRequest,
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> SessionView:
    """Accept the current terms (their version, as shown)."""
    current = await terms.accept_terms(context, secret, body.version)
    return SessionView.of(current, context.policies.session)


@router.post("/session/user-account", status_code=201)
async def create_user_account(
    body: ProfileRequest,
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> SessionView:
    """Create the user account of the signed-in credential; the answer names its URN."""
    current = await user_accounts.create_user_account(context, secret, body.model_dump())
    return SessionView.of(current, context.policies.session)


@router.post("/session/token")
async def access_token(
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> AccessTokenView:
    """A short-lived EdDSA token naming the user, for the gateway's calls to services."""
    issued = await tokens.issue_access_token(context, secret)
    return AccessTokenView(
        access_token=issued.token,
        expires_in=issued.expires_in,
        expires_at=issued.expires_at,
    )


@router.post("/session/transfer")
async def transfer_from_sign_in(
    body: CredentialProof,
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> SessionView:
    """Signed in with a new credential, take over the user account of the old (local) one."""
    current = await transfer.transfer_from_sign_in(
        context, secret, provider_in_body(body.provider), body.username, body.password
    )
    return SessionView.of(current, context.policies.session)


@router.get("/sessions")
async def my_sessions(
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> SessionList:
    """The user's live sessions, newest first."""
    found = await sessions.my_sessions(context, secret)
    policy = context.policies.session
    return SessionList(
        sessions=[
            SessionListItem.of(session, found.current_reference, policy)
            for session in found.sessions
        ]
    )


@router.delete("/sessions/others")
async def end_other_sessions(
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> EndedSessions:
    """End every other session of the user."""
    return EndedSessions(ended=await sessions.end_other_sessions(context, secret))


@router.delete("/sessions/{reference}", status_code=204)
async def end_session(
    reference: uuid.UUID,
    secret: str | None = SESSION,
    context: IdentityContext = CONTEXT,
) -> Response:
    """End one of the user's sessions, by its reference."""
    await sessions.end_session(context, secret, str(reference))
    return Response(status_code=204)
