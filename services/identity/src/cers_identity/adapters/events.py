"""Translators from the model to the contract messages of ``identity.user.v1``."""

from __future__ import annotations

from datetime import datetime

from cers_contracts.identity import (
    CredentialTransferred,
    EmailConfirmationRequested,
    EmailConfirmed,
    ProfileUpdated,
    UserDisabled,
    UserRegistered,
    UserState,
)
from cers_identity.domain.providers import Provider
from cers_identity.domain.users import User


def user_state(user: User, provider: Provider) -> UserState:
    """The user as the other services replicate them."""
    profile = user.profile
    return UserState(
        user_id=user.id,
        urn=user.urn,
        first_name=profile.first_name,
        last_name=profile.last_name,
        email=profile.email,
        email_confirmed=user.email_confirmed,
        telephone=profile.telephone,
        time_zone=profile.time_zone,
        language="fr" if profile.language == "fr" else "en",
        provider=provider.value,
        officer=user.officer,
        disabled=user.disabled_at is not None,
    )


def registered(user: User, provider: Provider, at: datetime) -> UserRegistered:
    """A user account was created."""
    return UserRegistered(user_id=user.id, user=user_state(user, provider), occurred_at=at)


def confirmation_requested(
    user: User, provider: Provider, at: datetime, *, token: str, expires_at: datetime
) -> EmailConfirmationRequested:
    """A confirmation link (``token``) must be e-mailed to the user's address."""
    return EmailConfirmationRequested(
        user_id=user.id,
        user=user_state(user, provider),
        occurred_at=at,
        confirmation_token=token,
        expires_at=expires_at,
    )


def email_confirmed(user: User, provider: Provider, at: datetime) -> EmailConfirmed:
    """The user confirmed their address."""
    return EmailConfirmed(user_id=user.id, user=user_state(user, provider), occurred_at=at)


def profile_updated(
    user: User, provider: Provider, at: datetime, changed: list[str]
) -> ProfileUpdated:
    """The user changed ``changed`` fields of their profile."""
    return ProfileUpdated(
        user_id=user.id, user=user_state(user, provider), occurred_at=at, changed_fields=changed
    )


def credential_transferred(
    user: User, at: datetime, *, from_provider: Provider, to_provider: Provider
) -> CredentialTransferred:
    """The user now signs in with ``to_provider``."""
    return CredentialTransferred(
        user_id=user.id,
        user=user_state(user, to_provider),
        occurred_at=at,
        from_provider=from_provider.value,
        to_provider=to_provider.value,
    )


def disabled(user: User, provider: Provider, at: datetime) -> UserDisabled:
    """The user can no longer sign in."""
    return UserDisabled(
        user_id=user.id,
        user=user_state(user, provider),
        occurred_at=at,
        reason=user.disabled_reason or "",
    )
