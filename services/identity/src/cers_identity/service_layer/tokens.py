"""The short-lived access tokens the gateway presents to services, and the keys that sign them.

One key is active; a rotation makes a new one active and keeps the old one published (JWKS)
until every token it signed has expired, so tokens in flight keep working.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cers_identity.adapters import signing
from cers_identity.adapters.audit_log import AuditAction
from cers_identity.domain.users import User
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.session_access import resolve
from cers_identity.service_layer.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class AccessToken:
    """A signed token, when it expires and how many seconds it is valid from its issue."""

    token: str
    expires_at: datetime
    expires_in: int


async def _rotate(uow: UnitOfWork, context: IdentityContext, now: datetime) -> dict[str, Any]:
    kid, private_jwk = signing.new_private_jwk()
    await uow.signing_keys.add(kid, private_jwk, now)
    await uow.signing_keys.retire_all_but(kid, now)
    await uow.signing_keys.drop_retired_before(now - context.policies.retired_key_published)
    await uow.audit.record(AuditAction.KEYS_ROTATED, now, kid=kid)
    return private_jwk


async def rotate_signing_key(
    context: IdentityContext, *, older_than: timedelta | None = None
) -> str | None:
    """Make a new signing key active; with ``older_than``, only if the active one is that old.

    Returns the new key id (None when no rotation was due). Also makes the very first key.
    """
    async with context.uow() as uow:
        await uow.signing_keys.lock_rotation()
        now = context.clock()
        active = await uow.signing_keys.active()
        if active is not None and older_than is not None and now - active[1] < older_than:
            return None
        private_jwk = await _rotate(uow, context, now)
        await uow.commit()
    return str(private_jwk["kid"])


async def _active_key(uow: UnitOfWork, context: IdentityContext) -> dict[str, Any]:
    active = await uow.signing_keys.active()
    if active is not None:
        return active[0]
    await uow.signing_keys.lock_rotation()
    active = await uow.signing_keys.active()  # another process may have made it meanwhile
    return active[0] if active else await _rotate(uow, context, context.clock())


async def sign_access_token(
    uow: UnitOfWork,
    context: IdentityContext,
    user: User,
    *,
    not_after: datetime | None = None,
    **claims: Any,
) -> AccessToken:
    """A token naming ``user`` (id, URN, officer flag) with ``claims`` added, valid a few minutes
    (never past ``not_after``). The caller commits: the first key may be made on the way."""
    private_jwk = await _active_key(uow, context)
    now = context.clock()
    expires_at = now + context.policies.access_token_ttl
    if not_after is not None:
        expires_at = min(expires_at, not_after)
    issued_at, expires = int(now.timestamp()), int(expires_at.timestamp())
    standard = {
        "iss": context.policies.token_issuer,
        "aud": context.policies.token_audience,
        "sub": user.id,
        "urn": user.urn,
        "officer": user.officer,
        "jti": uuid.uuid4().hex,
        "iat": issued_at,
        "exp": expires,
    }
    return AccessToken(
        signing.sign(private_jwk, standard | claims), expires_at, expires - issued_at
    )


async def issue_access_token(context: IdentityContext, secret: str | None) -> AccessToken:
    """A token for the signed-in user of an active session (``sid`` names the session)."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret)
        user = current.active_user()
        issued = await sign_access_token(uow, context, user, sid=current.session.reference)
        await uow.commit()
    return issued


async def published_keys(context: IdentityContext) -> dict[str, Any]:
    """The JWKS: the active key and retired keys whose tokens may still be in flight."""
    async with context.uow() as uow:
        since = context.clock() - context.policies.retired_key_published
        return signing.public_jwks(await uow.signing_keys.published(retired_after=since))
