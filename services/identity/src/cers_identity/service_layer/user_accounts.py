"""User accounts: creation from a signed-in credential, My Profile, e-mail confirmation."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from cers_identity.adapters import events
from cers_identity.adapters.audit_log import AuditAction
from cers_identity.adapters.hashing import digest, new_secret
from cers_identity.domain.email_confirmation import VALIDITY, EmailConfirmation
from cers_identity.domain.errors import (
    ConflictError,
    NotAllowedNowError,
    NotFoundError,
    problem,
)
from cers_identity.domain.profile import Profile, changes_from, profile_from, with_changes
from cers_identity.domain.providers import Provider
from cers_identity.domain.sessions import SessionState
from cers_identity.domain.urn import new_urn
from cers_identity.domain.users import User
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.session_access import Current, resolve
from cers_identity.service_layer.unit_of_work import UnitOfWork

URN_ATTEMPTS = 5


@dataclass(frozen=True)
class MyProfile:
    """A user account and the provider of the credential in use."""

    user: User
    provider: Provider


async def add_user(uow: UnitOfWork, user: User) -> User:
    """Store ``user`` under a fresh URN, drawing another on the (rare) collision."""
    for attempt in range(URN_ATTEMPTS):
        candidate = replace(user, urn=new_urn())
        try:
            async with uow.savepoint():
                await uow.users.add(candidate)
            return candidate
        except IntegrityError as error:
            if "urn" not in str(error.orig) or attempt == URN_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


async def request_confirmation(
    uow: UnitOfWork, context: IdentityContext, user: User, provider: Provider, now: datetime
) -> None:
    """A single-use link for the user's address, and the message asking to e-mail it."""
    token = new_secret()
    expires_at = now + VALIDITY
    await uow.confirmations.add(
        EmailConfirmation(digest(token), user.id, user.profile.email, expires_at)
    )
    await uow.publish(
        events.confirmation_requested(user, provider, now, token=token, expires_at=expires_at)
    )


def new_user(profile: Profile, now: datetime, *, officer: bool, terms: int | None) -> User:
    """A user account not stored yet (``add_user`` gives it its URN)."""
    return User(
        id=str(uuid.uuid4()),
        urn="",
        profile=profile,
        email_confirmed=False,
        officer=officer,
        accepted_terms_version=terms,
        created_at=now,
        updated_at=now,
    )


async def register(
    uow: UnitOfWork, context: IdentityContext, user: User, provider: Provider
) -> User:
    """Store a new user account and emit its registration and e-mail confirmation request."""
    user = await add_user(uow, user)
    await uow.publish(events.registered(user, provider, user.created_at))
    await request_confirmation(uow, context, user, provider, user.created_at)
    return user


async def create_user_account(
    context: IdentityContext, secret: str | None, values: Mapping[str, str]
) -> Current:
    """Create the user account of the signed-in credential (terms accepted, profile complete)."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret, lock_credential=True)
        if current.user is not None:
            raise ConflictError(problem("", "identity.session.has_user_account"))
        if current.state is SessionState.NEEDS_TERMS:
            raise NotAllowedNowError(problem("", "identity.session.needs_terms"))
        profile = profile_from(values)
        credential = current.credential
        user = new_user(
            profile,
            context.clock(),
            officer=False,
            terms=credential.accepted_terms_version,
        )
        user = await register(uow, context, user, credential.provider)
        credential.user_id = user.id
        await uow.credentials.save(credential)
        await uow.sessions.link_user(credential.id, user.id)
        current.session.user_id = user.id
        current.user = user
        await uow.audit.record_about(
            AuditAction.USER_REGISTERED,
            user.created_at,
            credential,
            session_reference=current.session.reference,
            urn=user.urn,
        )
        await uow.commit()
    return current


async def my_profile(context: IdentityContext, secret: str | None) -> MyProfile:
    """The signed-in user's profile."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret)
        user = current.active_user()
        await uow.commit()
    return MyProfile(user, current.credential.provider)


async def update_profile(
    context: IdentityContext, secret: str | None, values: Mapping[str, str]
) -> MyProfile:
    """Change fields of My Profile; a changed e-mail address must be confirmed again."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret)
        user = await uow.users.get(current.active_user().id, for_update=True)
        assert user is not None
        provider = current.credential.provider
        changes = changes_from(user.profile, values)
        if changes:
            now = context.clock()
            user.profile = with_changes(user.profile, changes)
            user.updated_at = now
            if "email" in changes:
                user.email_confirmed = False
            await uow.users.save(user)
            await uow.publish(events.profile_updated(user, provider, now, sorted(changes)))
            if "email" in changes:
                await request_confirmation(uow, context, user, provider, now)
        await uow.commit()
    return MyProfile(user, provider)


async def resend_confirmation(context: IdentityContext, secret: str | None) -> None:
    """A new confirmation link for the user's (unconfirmed) address."""
    async with context.uow() as uow:
        current = await resolve(uow, context, secret)
        user = await uow.users.get(current.active_user().id, for_update=True)
        assert user is not None
        if not user.email_confirmed:
            await request_confirmation(
                uow, context, user, current.credential.provider, context.clock()
            )
        await uow.commit()


async def confirm_email(context: IdentityContext, token: str) -> User:
    """Spend a confirmation link: the address it was sent to is confirmed."""
    async with context.uow() as uow:
        link = await uow.confirmations.by_token_hash(digest(token))
        if link is None:
            raise NotFoundError(problem("/token", "identity.email_confirmation.unknown"))
        user = await uow.users.get(link.user_id, for_update=True)
        assert user is not None
        now = context.clock()
        link.use(now, user.profile.email)
        await uow.confirmations.save(link)
        credential = await uow.credentials.active_of_user(user.id)
        if not user.email_confirmed and credential is not None:
            user.email_confirmed = True
            user.updated_at = now
            await uow.users.save(user)
            await uow.publish(events.email_confirmed(user, credential.provider, now))
        await uow.commit()
    return user
