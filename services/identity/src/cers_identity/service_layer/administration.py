"""What only an administrator does: create CBSA officer users, disable users."""

from __future__ import annotations

from collections.abc import Mapping

from cers_identity.adapters import events
from cers_identity.adapters.audit_log import AuditAction
from cers_identity.domain.credential_rules import (
    password_problems,
    username_problems,
)
from cers_identity.domain.errors import (
    InvalidInputError,
    NotFoundError,
    problem,
    raise_if,
)
from cers_identity.domain.profile import profile_from
from cers_identity.domain.providers import Provider
from cers_identity.domain.sessions import EndReason
from cers_identity.domain.urn import InvalidUrnError, parse_urn
from cers_identity.domain.users import User, disable_reason
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.local_credentials import (
    new_local_credential,
    store_local_credential,
)
from cers_identity.service_layer.user_accounts import new_user, register


async def create_officer(
    context: IdentityContext,
    provider: Provider,
    username: str,
    password: str,
    profile_values: Mapping[str, str],
) -> User:
    """A CBSA officer: a local credential and a user account with the officer role.

    Officers accept the terms at their first sign-in like everyone; they have no recovery
    questions (an administrator resets them).
    """
    context.require_local(provider)
    raise_if(username_problems(username) + password_problems(password, password, username))
    profile = profile_from(profile_values)
    credential, password_hash, _ = await new_local_credential(context, provider, username, password)
    async with context.uow() as uow:
        user = new_user(profile, credential.created_at, officer=True, terms=None)
        user = await register(uow, context, user, provider)
        credential.user_id = user.id
        await store_local_credential(uow, credential, password_hash)
        await uow.audit.record_about(
            AuditAction.OFFICER_CREATED, user.created_at, credential, urn=user.urn
        )
        await uow.commit()
    return user


async def disable_user(context: IdentityContext, urn_text: str, reason: str) -> User:
    """Disable the user with this URN: every session ends and no credential signs them in."""
    try:
        urn = parse_urn(urn_text)
    except InvalidUrnError as error:
        raise InvalidInputError(problem("/urn", "identity.urn.invalid")) from error
    reason = disable_reason(reason)
    async with context.uow() as uow:
        user = await uow.users.by_urn(urn, for_update=True)
        if user is None:
            raise NotFoundError(problem("/urn", "identity.urn.unknown"))
        now = context.clock()
        if user.disabled_at is None:
            user.disable(now, reason)
            await uow.users.save(user)
            await uow.sessions.end_all(now=now, reason=EndReason.USER_DISABLED, user_id=user.id)
            credential = await uow.credentials.active_of_user(user.id)
            assert credential is not None  # a transfer always leaves one working credential
            await uow.publish(events.disabled(user, credential.provider, now))
            await uow.audit.record(AuditAction.USER_DISABLED, now, user_id=user.id, reason=reason)
        await uow.commit()
    return user
