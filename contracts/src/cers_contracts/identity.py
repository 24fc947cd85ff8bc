"""Messages of the identity service: topic ``identity.user.v1``, key the user id.

Every event carries the user's full current state (``UserState``) so that other services keep
their replicas of users (URN, names, e-mail, language, time zone) without calling identity.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from cers_contracts.message import Message

Language = Literal["en", "fr"]
CredentialProvider = Literal["gckey", "sign_in_partner"]


class UserState(BaseModel):
    """A user as identity knows them now (never a credential)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    user_id: str = Field(min_length=1, max_length=64, description="Stable user id (opaque).")
    urn: str = Field(min_length=1, max_length=32, description="User Reference Number.")
    first_name: str = Field(max_length=100)
    last_name: str = Field(max_length=100)
    email: EmailStr
    email_confirmed: bool
    telephone: str = Field(max_length=32)
    time_zone: str = Field(max_length=64, description="IANA time zone, e.g. America/Toronto.")
    language: Language = Field(description="Preferred language of the portal and e-mails.")
    provider: CredentialProvider = Field(description="Credential provider in use now.")
    officer: bool = Field(description="A CBSA officer (internal role), created by an admin.")
    disabled: bool = False


class UserEvent(Message):
    """Something that happened to a user; carries the user's state after it."""

    key_field: ClassVar[str] = "user_id"

    user_id: str = Field(min_length=1, max_length=64)
    user: UserState
    occurred_at: datetime


class UserRegistered(UserEvent):
    """A credential created its user account: the user now has a URN."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.identity.user.registered.v1"


class EmailConfirmationRequested(UserEvent):
    """A single-use link must be e-mailed to confirm ``user.email`` (at registration or change).

    The token is the secret of the link; it is stored hashed by identity and dies at
    ``expires_at`` or on first use.
    """

    ce_type: ClassVar[str] = "ca.cbsa.cers.identity.user.email-confirmation-requested.v1"

    confirmation_token: str = Field(min_length=16, max_length=128)
    expires_at: datetime


class EmailConfirmed(UserEvent):
    """The user proved they read ``user.email``."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.identity.user.email-confirmed.v1"


class ProfileUpdated(UserEvent):
    """The user changed their profile; ``changed_fields`` names what changed."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.identity.user.profile-updated.v1"

    changed_fields: list[str]


class CredentialTransferred(UserEvent):
    """The user moved to another credential provider; the old credential no longer works."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.identity.user.credential-transferred.v1"

    from_provider: CredentialProvider
    to_provider: CredentialProvider


class UserDisabled(UserEvent):
    """The user can no longer sign in."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.identity.user.disabled.v1"

    reason: str = Field(max_length=500)


USER_EVENTS: tuple[type[UserEvent], ...] = (
    UserRegistered,
    EmailConfirmationRequested,
    EmailConfirmed,
    ProfileUpdated,
    CredentialTransferred,
    UserDisabled,
)
