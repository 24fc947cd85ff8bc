"""Signing in through an OIDC provider, and proving an OIDC credential for a transfer.

``begin`` stores the flow's secrets under its ``state`` and returns the provider URL for the
browser; ``complete`` takes the state back (once), has the provider confirm the code, and then
does what the flow was begun for: a sign-in, a transfer from the sign-in page (the OIDC
credential is the old one) or a change of provider from My Profile (it is the new one).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.exc import IntegrityError

from cers_identity.adapters.audit_log import AuditAction
from cers_identity.adapters.oidc import OidcError, OidcIdentity, PendingAuthorization
from cers_identity.adapters.oidc_authorization_repository import StoredAuthorization
from cers_identity.domain.credentials import Credential
from cers_identity.domain.errors import (
    ConflictError,
    GoneError,
    UnauthenticatedError,
    UnavailableError,
    problem,
)
from cers_identity.domain.providers import Provider
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.session_access import Current, SignedIn, open_session, resolve
from cers_identity.service_layer.transfer import move_user, refuse_same_provider
from cers_identity.service_layer.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


class Purpose(StrEnum):
    """Why an OIDC flow was begun."""

    SIGN_IN = "sign_in"
    TRANSFER = "transfer"  # signed in with the new credential; this proves the old one
    CHANGE_PROVIDER = "change_provider"  # signed in with the old one; this proves the new one


@dataclass(frozen=True)
class Completed:
    """The end of a flow: a new session for a sign-in, else the (same) session after transfer."""

    current: Current
    secret: str | None = None


async def begin(
    context: IdentityContext, provider: Provider, purpose: Purpose, secret: str | None
) -> PendingAuthorization:
    """Start a flow: the URL to send the browser to (and its state)."""
    flow = context.oidc_flow(provider)
    reference = None
    if purpose is not Purpose.SIGN_IN:
        async with context.uow() as uow:
            current = await resolve(uow, context, secret)
            _check_session_for(purpose, current, provider)
            await uow.commit()
        reference = current.session.reference
    try:
        pending = await flow.begin()  # may fetch discovery: outside any transaction
    except OidcError as error:
        log.warning("OIDC begin with %s failed: %s", provider.value, error)
        raise UnavailableError(problem("/provider", "identity.oidc.unavailable")) from error
    now = context.clock()
    async with context.uow() as uow:
        await uow.oidc_authorizations.drop_expired(now)
        await uow.oidc_authorizations.add(
            StoredAuthorization(
                state=pending.state,
                provider=provider,
                purpose=purpose.value,
                nonce=pending.nonce,
                code_verifier=pending.code_verifier,
                authorization_url=pending.authorization_url,
                session_reference=reference,
                expires_at=now + context.policies.oidc_authorization_ttl,
            )
        )
        await uow.commit()
    return pending


def _check_session_for(purpose: Purpose, current: Current, provider: Provider) -> None:
    refuse_same_provider(current.credential, provider)
    if purpose is Purpose.CHANGE_PROVIDER:
        current.active_user()
    elif current.credential.user_id is not None:
        raise ConflictError(problem("", "identity.transfer.target_has_user"))


async def complete(
    context: IdentityContext, provider: Provider, state: str, code: str, secret: str | None
) -> Completed:
    """Finish a flow begun by ``begin``; the state works once and for ten minutes."""
    flow = context.oidc_flow(provider)
    async with context.uow() as uow:
        stored = await uow.oidc_authorizations.take(state)
        await uow.commit()  # taken for good, whatever happens next
    now = context.clock()
    if stored is None or stored.provider != provider or stored.expires_at <= now:
        raise GoneError(problem("/state", "identity.oidc.state_unknown"))
    pending = PendingAuthorization(
        stored.state, stored.nonce, stored.code_verifier, stored.authorization_url
    )
    try:
        identity = await flow.complete(pending, code=code, state=state)
    except OidcError as error:
        log.warning("OIDC sign-in with %s failed: %s", provider.value, error)
        async with context.uow() as uow:
            await uow.audit.record(
                AuditAction.SIGN_IN_FAILED, now, provider=provider.value, reason=str(error)
            )
            await uow.commit()
        raise UnauthenticatedError(problem("/code", "identity.oidc.failed")) from error
    async with context.uow() as uow:
        credential = await _credential_of(uow, context, provider, identity)
        purpose = Purpose(stored.purpose)
        if purpose is Purpose.SIGN_IN:
            signed_in: SignedIn = await open_session(uow, context, credential, now)
            await uow.commit()
            return Completed(signed_in.current, signed_in.secret)
        current = await resolve(uow, context, secret, lock_credential=True)
        if current.session.reference != stored.session_reference:
            raise UnauthenticatedError(problem("", "identity.session.invalid"))
        _check_session_for(purpose, current, provider)
        if purpose is Purpose.TRANSFER:
            moved = await move_user(
                uow, context, current, source=credential, target=current.credential
            )
        else:
            moved = await move_user(
                uow, context, current, source=current.credential, target=credential
            )
        await uow.commit()
    return Completed(moved)


async def _credential_of(
    uow: UnitOfWork, context: IdentityContext, provider: Provider, identity: OidcIdentity
) -> Credential:
    """The credential of the OIDC subject, made on its first sign-in (OIDC has no sign-up)."""
    found = await uow.credentials.by_subject(provider, identity.subject, for_update=True)
    if found is not None:
        return found
    credential = Credential(
        id=str(uuid.uuid4()),
        provider=provider,
        subject=identity.subject,
        username=None,
        user_id=None,
        accepted_terms_version=None,
        created_at=context.clock(),
    )
    try:
        async with uow.savepoint():
            await uow.credentials.add(credential)
    except IntegrityError:  # the same first sign-in, completed in another browser a moment ago
        made = await uow.credentials.by_subject(provider, identity.subject, for_update=True)
        assert made is not None
        return made
    await uow.audit.record_about(AuditAction.SIGN_UP, credential.created_at, credential)
    return credential
