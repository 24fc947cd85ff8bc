"""Request and response bodies of identity's HTTP API.

Requests only fix the shape (strings of bounded length without NUL, which PostgreSQL cannot
store); identity's own rules then check each field so that every problem carries an
``identity.<field>.<rule>`` code.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt
from pydantic_core import PydanticCustomError

from cers_identity.domain.personal_access_tokens import EXPIRY_DAYS_DEFAULT, PersonalAccessToken
from cers_identity.domain.profile import PROFILE_FIELDS
from cers_identity.domain.providers import ProviderMode
from cers_identity.domain.sessions import Session, SessionPolicy, SessionState
from cers_identity.domain.users import User
from cers_identity.service_layer.session_access import Current


def _without_nul(text: str) -> str:
    if "\x00" in text:
        raise PydanticCustomError("string_nul", "Text must not contain the NUL character.")
    return text


Text = Annotated[str, Field(max_length=1000), AfterValidator(_without_nul)]
# The username of an existing credential (at most 16 characters): bounded tighter than Text so
# that what a failed attempt records (throttle, audit) always fits, even case-folded.
Username = Annotated[str, Field(max_length=64), AfterValidator(_without_nul)]


class Request(BaseModel):
    """A request body: unknown fields are refused (a typo must not be silently ignored)."""

    model_config = ConfigDict(extra="forbid")


class RecoveryItem(Request):
    question: Text = ""
    answer: Text = ""


class SignUpRequest(Request):
    username: Text = ""
    password: Text = ""
    password_confirmation: Text = ""
    recovery: list[RecoveryItem] = Field(default_factory=list, max_length=10)


class SignInRequest(Request):
    username: Username = ""
    password: Text = ""


class RecoveryQuestionsRequest(Request):
    username: Username = ""


class PasswordResetRequest(Request):
    username: Username = ""
    answers: list[Text] = Field(default_factory=list, max_length=10)
    new_password: Text = ""
    new_password_confirmation: Text = ""


class CredentialProof(Request):
    """A local credential proven by its password (for a transfer)."""

    provider: Text = ""
    username: Username = ""
    password: Text = ""


class OidcBeginRequest(Request):
    purpose: Text = "sign_in"


class OidcCallbackRequest(Request):
    state: Text = ""
    code: Text = ""


class AcceptTermsRequest(Request):
    version: int


class ProfileRequest(Request):
    """A complete profile (account creation): a missing field is reported as mandatory."""

    first_name: Text = ""
    last_name: Text = ""
    email: Text = ""
    telephone: Text = ""
    time_zone: Text = ""
    language: Text = ""


class ProfileChanges(Request):
    """Some fields of the profile (My Profile edit): only the ones sent change."""

    first_name: Text | None = None
    last_name: Text | None = None
    email: Text | None = None
    telephone: Text | None = None
    time_zone: Text | None = None
    language: Text | None = None

    def values(self) -> dict[str, str]:
        """The fields sent, by name."""
        return {k: v for k, v in self.model_dump(exclude_unset=True).items() if v is not None}


class ConfirmEmailRequest(Request):
    token: Text = ""


class NewTokenRequest(Request):
    """A personal access token to make (its rules: ``domain.personal_access_tokens``)."""

    name: Text = ""
    business_account_ids: list[Text] = Field(default_factory=list, max_length=1000)
    access: Text = ""
    expires_in_days: StrictInt = EXPIRY_DAYS_DEFAULT


class ExchangeRequest(Request):
    token: Text = ""


class CredentialView(BaseModel):
    provider: str
    username: str | None


class UserSummary(BaseModel):
    """What the gateway shows on every page (the URN) and needs to greet the user."""

    user_id: str
    urn: str
    first_name: str
    last_name: str
    language: str
    officer: bool
    email_confirmed: bool

    @classmethod
    def of(cls, user: User) -> UserSummary:
        p = user.profile
        return cls(
            user_id=user.id,
            urn=user.urn,
            first_name=p.first_name,
            last_name=p.last_name,
            language=p.language,
            officer=user.officer,
            email_confirmed=user.email_confirmed,
        )


class SessionView(BaseModel):
    """A session; ``session_id`` (the secret for the cookie) only in the response that made it."""

    session_id: str | None = None
    reference: str
    state: SessionState
    provider: str
    terms_version: int
    created_at: datetime
    last_seen_at: datetime
    idle_expires_at: datetime
    absolute_expires_at: datetime
    user: UserSummary | None

    @classmethod
    def of(cls, current: Current, policy: SessionPolicy, secret: str | None = None) -> SessionView:
        session = current.session
        return cls(
            session_id=secret,
            reference=session.reference,
            state=current.state,
            provider=current.credential.provider.value,
            terms_version=current.terms.version,
            created_at=session.created_at,
            last_seen_at=session.last_seen_at,
            idle_expires_at=session.idle_expires_at(policy),
            absolute_expires_at=session.absolute_expires_at(policy),
            user=UserSummary.of(current.user) if current.user else None,
        )


class SessionListItem(BaseModel):
    reference: str
    current: bool
    created_at: datetime
    last_seen_at: datetime
    idle_expires_at: datetime

    @classmethod
    def of(cls, session: Session, current: str, policy: SessionPolicy) -> SessionListItem:
        return cls(
            reference=session.reference,
            current=session.reference == current,
            created_at=session.created_at,
            last_seen_at=session.last_seen_at,
            idle_expires_at=session.idle_expires_at(policy),
        )


class SessionList(BaseModel):
    sessions: list[SessionListItem]


class EndedSessions(BaseModel):
    ended: list[str]


class TermsView(BaseModel):
    version: int
    text_en: str
    text_fr: str
    published_at: datetime


class ProfileView(BaseModel):
    user_id: str
    urn: str
    first_name: str
    last_name: str
    email: str
    email_confirmed: bool
    telephone: str
    time_zone: str
    language: str
    provider: str
    officer: bool

    @classmethod
    def of(cls, user: User, provider: str) -> ProfileView:
        profile = {name: getattr(user.profile, name) for name in PROFILE_FIELDS}
        return cls(
            user_id=user.id,
            urn=user.urn,
            email_confirmed=user.email_confirmed,
            provider=provider,
            officer=user.officer,
            **profile,
        )


class EmailConfirmedView(BaseModel):
    user_id: str
    urn: str
    email: str
    email_confirmed: bool


class AccessTokenView(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"  # noqa: S105 - the scheme, not a secret
    expires_in: int
    expires_at: datetime


class OidcAuthorizationView(BaseModel):
    authorization_url: str
    state: str


class ProviderView(BaseModel):
    """A credential provider and how it is reached: ``local`` (username and password here) or
    ``oidc`` (the browser is sent to the provider)."""

    provider: str
    mode: ProviderMode


class ProviderList(BaseModel):
    providers: list[ProviderView]


class RecoveryQuestionsView(BaseModel):
    questions: list[str]


class TokenListItem(BaseModel):
    """A personal access token as My Profile lists it: never its secret nor its hash."""

    token_id: str
    name: str
    prefix: str
    business_account_ids: list[str]
    access: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @classmethod
    def of(cls, token: PersonalAccessToken) -> TokenListItem:
        return cls(
            token_id=token.id,
            name=token.name,
            prefix=token.prefix,
            business_account_ids=list(token.business_account_ids),
            access=token.access.value,
            created_at=token.created_at,
            expires_at=token.expires_at,
            last_used_at=token.last_used_at,
            revoked_at=token.revoked_at,
        )


class TokenList(BaseModel):
    tokens: list[TokenListItem]


class NewTokenView(BaseModel):
    """A token just made; ``token`` is shown in this answer only."""

    token_id: str
    token: str
    name: str
    business_account_ids: list[str]
    access: str
    created_at: datetime
    expires_at: datetime


class ExchangedTokenView(AccessTokenView):
    """An access token for the public API, with the user and the scope it acts under."""

    user_id: str
    urn: str
    language: str
    token_id: str
    business_account_ids: list[str]
    access: str
