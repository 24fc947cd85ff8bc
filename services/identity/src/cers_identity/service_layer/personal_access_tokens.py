"""Personal access tokens: made, listed and revoked in My Profile (on an active session), and
exchanged by the gateway's public API for the same short-lived access token a session gets.

A token is ``cers_pat_`` and 256 random bits; identity keeps only its SHA-256. A fast hash is
right here, unlike for passwords: nobody can guess among 2^256 values however slow or fast each
guess is, so a slow hash would only cost every API call time, and a plain digest lets the token
be found by an indexed lookup of its hash (no secret is ever compared character by character).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cers_identity.adapters.audit_log import AuditAction
from cers_identity.adapters.hashing import digest, new_secret
from cers_identity.domain.errors import ConflictError, NotFoundError, UnauthenticatedError, problem
from cers_identity.domain.personal_access_tokens import (
    LIVE_MAX,
    TOKEN_PREFIX,
    PersonalAccessToken,
    display_prefix,
    token_request_from,
)
from cers_identity.domain.users import User
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.session_access import resolve
from cers_identity.service_layer.tokens import AccessToken, sign_access_token


@dataclass(frozen=True)
class NewToken:
    """A token just made: the secret (shown this once, never again) and what identity keeps."""

    secret: str
    token: PersonalAccessToken


@dataclass(frozen=True)
class Exchanged:
    """An access token for the public API, with the user and the token it acts under."""

    access: AccessToken
    user: User
    token: PersonalAccessToken


async def create_token(
    context: IdentityContext, secret: str | None, fields: Mapping[str, Any]
) -> NewToken:
    """A new token of the signed-in user, as ``fields`` (the request's) ask.

    InvalidInputError for broken rules (checked once the session is known to be active);
    ConflictError when the user has too many tokens in use.
    """
    async with context.uow() as uow:
        current = await resolve(uow, context, secret)
        user = current.active_user()
        request = token_request_from(**fields)
        await uow.users.get(user.id, for_update=True)  # requests at once count one after another
        now = context.clock()
        if await uow.personal_access_tokens.count_usable(user.id, now) >= LIVE_MAX:
            raise ConflictError(problem("", "identity.pat.too_many", max=LIVE_MAX))
        plain = TOKEN_PREFIX + new_secret()
        token = PersonalAccessToken(
            id=str(uuid.uuid4()),
            user_id=user.id,
            name=request.name,
            prefix=display_prefix(plain),
            business_account_ids=request.business_account_ids,
            access=request.access,
            created_at=now,
            expires_at=now + request.lifetime,
        )
        await uow.personal_access_tokens.add(token, digest(plain))
        await uow.audit.record(
            AuditAction.PAT_CREATED,
            now,
            user_id=user.id,
            session_reference=current.session.reference,
            token_id=token.id,
            access=token.access.value,
        )
        await uow.commit()
    return NewToken(plain, token)


async def my_tokens(context: IdentityContext, secret: str | None) -> list[PersonalAccessToken]:
    """The signed-in user's tokens (revoked and expired ones too), newest first."""
    async with context.uow() as uow:
        user = (await resolve(uow, context, secret)).active_user()
        found = await uow.personal_access_tokens.of_user(user.id)
        await uow.commit()
    return found


async def revoke_token(context: IdentityContext, secret: str | None, token_id: str) -> None:
    """Revoke one of the user's tokens; NotFoundError if it is not theirs (or not at all)."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret)
        user = current.active_user()
        token = await uow.personal_access_tokens.get(token_id)
        if token is None or token.user_id != user.id:
            raise NotFoundError(problem("/token_id", "identity.pat.unknown"))
        now = context.clock()
        if token.revoked_at is None:
            token.revoke(now)
            await uow.personal_access_tokens.save_revocation(token)
            await uow.audit.record(
                AuditAction.PAT_REVOKED,
                now,
                user_id=user.id,
                session_reference=current.session.reference,
                token_id=token.id,
            )
        await uow.commit()


def _invalid() -> UnauthenticatedError:
    return UnauthenticatedError(problem("/token", "identity.pat.invalid"))


async def exchange_token(context: IdentityContext, plain: str) -> Exchanged:
    """An access token for the user of a usable personal access token, naming its scope.

    One refusal for every failure (unknown, expired, revoked, user disabled), so a caller
    learns nothing about which tokens exist.
    """
    async with context.uow() as uow:
        now = context.clock()
        token = await uow.personal_access_tokens.by_hash(digest(plain))
        user = await uow.users.get(token.user_id) if token else None
        if token is None or user is None:
            raise _invalid()
        if user.disabled_at is not None or not token.usable_at(now):
            raise _invalid()
        token.last_used_at = now
        await uow.personal_access_tokens.record_use(token)
        access = await sign_access_token(
            uow,
            context,
            user,
            not_after=token.expires_at,
            pat=token.id,
            pat_accounts=list(token.business_account_ids),
            pat_access=token.access.value,
        )
        await uow.commit()
    return Exchanged(access, user, token)
