"""Messages of the accounts service.

Topics (all keyed so that order holds per aggregate):

- ``accounts.business-account.v1`` (key: business account id): the account's full state.
- ``accounts.membership.v1`` (key: business account id): the account's full member list and its
  membership version after each change; replicas replace what they hold for the account.
- ``accounts.association.v1`` (key: the exporter's business account id): the full set of customs
  service providers associated with the exporter after each change.
- ``accounts.activation-code.v1`` (key: Business Number): the life of activation codes, for the
  applicant's e-mail notices. The code itself never travels in a message.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from cers_contracts.identity import Language
from cers_contracts.message import Message

Role = Literal["owner", "proxy_owner", "user", "browser"]
BusinessType = Literal["exporter", "customs_service_provider"]
ExportDesignation = Literal["export", "import-export"]

_FROZEN = ConfigDict(extra="ignore", frozen=True)


class Address(BaseModel):
    """A postal address."""

    model_config = _FROZEN

    line1: str = Field(max_length=200)
    line2: str | None = Field(default=None, max_length=200)
    city: str = Field(max_length=100)
    province: str | None = Field(
        default=None, max_length=6, description="ISO 3166-2 subdivision, e.g. CA-ON."
    )
    postal_code: str | None = Field(default=None, max_length=16)
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2.")


class Contact(BaseModel):
    """The business's contact person."""

    model_config = _FROZEN

    name: str = Field(max_length=200)
    telephone: str = Field(max_length=32)
    email: EmailStr


class SummaryReportingApproval(BaseModel):
    """Approval for the Summary Reporting Program."""

    model_config = _FROZEN

    sum_id: str = Field(pattern=r"^SUM\d{4}$")
    valid_from: date
    valid_until: date


class BusinessAccountState(BaseModel):
    """A business account as accounts knows it now."""

    model_config = _FROZEN

    business_account_id: str = Field(min_length=1, max_length=64)
    business_number: str = Field(pattern=r"^\d{9}RM\d{4}$", description="15-character BN.")
    authorization_id: str = Field(pattern=r"^[A-Z][A-Y]\d{4}$", description="AuthID, AA9999.")
    business_type: BusinessType
    legal_name: str = Field(max_length=200)
    operating_name: str | None = Field(default=None, max_length=200)
    address: Address
    contact: Contact
    owner_user_id: str = Field(min_length=1, max_length=64)
    summary_reporting: SummaryReportingApproval | None = None
    deleted: bool = False


class BusinessAccountEvent(Message):
    """Something that happened to a business account; carries its state after it."""

    key_field: ClassVar[str] = "business_account_id"

    business_account_id: str = Field(min_length=1, max_length=64)
    account: BusinessAccountState
    actor_user_id: str = Field(description="Who did it (an officer, the owner, a member).")
    occurred_at: datetime


class BusinessAccountActivated(BusinessAccountEvent):
    """A user redeemed an activation code and became the account's owner."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.business-account.activated.v1"


class BusinessInformationUpdated(BusinessAccountEvent):
    """Names, address or contact changed."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.business-account.information-updated.v1"

    changed_fields: list[str]


class AccountOwnerChanged(BusinessAccountEvent):
    """An officer gave the account to another owner."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.business-account.owner-changed.v1"

    previous_owner_user_id: str


class SummaryReportingApproved(BusinessAccountEvent):
    """An officer approved the account for the Summary Reporting Program."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.business-account.srp-approved.v1"


class SummaryReportingRevoked(BusinessAccountEvent):
    """An officer revoked the account's Summary Reporting Program approval."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.business-account.srp-revoked.v1"


class BusinessAccountDeleted(BusinessAccountEvent):
    """The owner deleted the account."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.business-account.deleted.v1"


class Member(BaseModel):
    """A user's role in a business account."""

    model_config = _FROZEN

    user_id: str = Field(min_length=1, max_length=64)
    urn: str = Field(max_length=32)
    role: Role


class MembershipEvent(Message):
    """A change to who may act on a business account; carries the whole member list after it.

    ``version`` counts the account's membership changes (1, 2, ...): a replica holding a lower
    version is behind, which is how read-your-writes is judged (DESIGN.md §3).
    """

    key_field: ClassVar[str] = "business_account_id"

    business_account_id: str = Field(min_length=1, max_length=64)
    business_number: str
    authorization_id: str
    business_type: BusinessType
    version: int = Field(ge=1)
    members: list[Member]
    user_id: str = Field(description="The member the change is about.")
    actor_user_id: str
    occurred_at: datetime


class MemberAdded(MembershipEvent):
    """A user was given a role (the owner, when the account is activated)."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.membership.member-added.v1"

    role: Role


class MemberRoleChanged(MembershipEvent):
    """A member's role changed."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.membership.role-changed.v1"

    role: Role
    previous_role: Role


class MemberRemoved(MembershipEvent):
    """A member lost access (every member, with an empty list, when the account is deleted)."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.membership.member-removed.v1"

    previous_role: Role


class AssociationEvent(Message):
    """A change to which customs service providers (CSPs) may file for an exporter.

    Carries the full set after the change; the CSPs' users may file for the exporter's BN.
    """

    key_field: ClassVar[str] = "exporter_account_id"

    exporter_account_id: str = Field(min_length=1, max_length=64)
    exporter_business_number: str
    csp_account_id: str = Field(description="The CSP the change is about.")
    csp_business_number: str
    associated_csp_account_ids: list[str]
    version: int = Field(ge=1)
    actor_user_id: str
    occurred_at: datetime


class AssociationRecorded(AssociationEvent):
    """An officer recorded a CSP as filing for the exporter (the BSF831 process)."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.association.recorded.v1"


class AssociationRemoved(AssociationEvent):
    """An officer ended an association."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.association.removed.v1"


class ActivationCodeEvent(Message):
    """The life of an activation code, for notices to the applicant (never the code itself)."""

    key_field: ClassVar[str] = "business_number"

    business_number: str
    code_id: str
    applicant_email: EmailStr
    applicant_language: Language = "en"
    expires_at: datetime
    occurred_at: datetime


class ActivationCodeIssued(ActivationCodeEvent):
    """An officer issued (or reissued) a code; any earlier code of the BN died."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.activation-code.issued.v1"


class ActivationCodeExpiring(ActivationCodeEvent):
    """An unused code will expire soon: the applicant should activate or ask for a new one."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.activation-code.expiring.v1"


class ActivationCodeRedeemed(ActivationCodeEvent):
    """The code was used to activate a business account."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.activation-code.redeemed.v1"

    business_account_id: str


class ActivationCodeRevoked(ActivationCodeEvent):
    """An officer revoked the code."""

    ce_type: ClassVar[str] = "ca.cbsa.cers.accounts.activation-code.revoked.v1"
