"""Request and response bodies of the accounts HTTP API."""

from typing import Annotated, Literal

from fastapi import Path
from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, model_validator
from pydantic_core import PydanticCustomError

from cers_accounts.domain.activation import ActivationCode
from cers_accounts.domain.information import is_plain_text
from cers_accounts.domain.model import BusinessAccount
from cers_accounts.service_layer.members import MemberView
from cers_contracts.accounts import (
    Address,
    BusinessAccountState,
    BusinessType,
    Contact,
    ExportDesignation,
    Role,
)
from cers_contracts.identity import Language

AssignableRole = Literal["proxy_owner", "user", "browser"]
_STRICT = ConfigDict(extra="forbid")


def _plain(text: str) -> str:
    if not is_plain_text(text):
        raise PydanticCustomError("control_characters", "must not contain control characters")
    return text


PlainText = Annotated[str, AfterValidator(_plain)]
"""A string without control characters (see ``is_plain_text``)."""
IdPath = Annotated[str, Path(min_length=1, max_length=64), AfterValidator(_plain)]
"""An id in a path (an account, a user, a code)."""


class CodeApplicationIn(BaseModel):
    """From form BSF831: the BN, its export designation and the applicant."""

    model_config = _STRICT

    business_number: str = Field(max_length=32, examples=["123456782RM0001"])
    export_designation: ExportDesignation = Field(
        description="The BN must be designated for export: export or import-export."
    )
    applicant_email: EmailStr
    applicant_language: Language = "en"


class IssuedCodeOut(BaseModel):
    """The code in clear, shown this once."""

    code_id: str
    activation_code: str
    business_number: str
    authorization_id: str
    expires_at: str


class CodeOut(BaseModel):
    """A code as an officer sees it later: never the code itself."""

    code_id: str
    business_number: str
    authorization_id: str
    export_designation: ExportDesignation
    applicant_email: str
    status: str
    issued_at: str
    expires_at: str
    ended_at: str | None
    expiry_notice_sent_at: str | None

    @classmethod
    def of(cls, code: ActivationCode, status: str) -> "CodeOut":
        return cls(
            code_id=code.code_id,
            business_number=code.business_number,
            authorization_id=code.authorization_id,
            export_designation=code.export_designation,
            applicant_email=code.applicant_email,
            status=status,
            issued_at=code.issued_at.isoformat(),
            expires_at=code.expires_at.isoformat(),
            ended_at=code.ended_at.isoformat() if code.ended_at else None,
            expiry_notice_sent_at=code.expiry_notice_sent_at.isoformat()
            if code.expiry_notice_sent_at
            else None,
        )


class ActivationCheckIn(BaseModel):
    """Steps 1 and 2 of activation: the BN and the code CBSA sent."""

    model_config = _STRICT

    business_number: str = Field(max_length=32)
    activation_code: str = Field(min_length=1, max_length=64)


class ActivationCheckOut(BaseModel):
    """What the user reviews: the code fits this BN, which will have this Authorization ID."""

    business_number: str
    authorization_id: str
    code_expires_at: str


class BusinessInformationIn(BaseModel):
    """Names, address and contact of the business."""

    model_config = _STRICT

    legal_name: str = Field(min_length=1, max_length=200)
    operating_name: str | None = Field(default=None, max_length=200)
    address: Address
    contact: Contact


class ActivationIn(BusinessInformationIn):
    """The confirmation: code, business type and information; spends the code."""

    business_number: str = Field(max_length=32)
    activation_code: str = Field(min_length=1, max_length=64)
    business_type: BusinessType


class InformationPatch(BaseModel):
    """Any of the business information; fields left out keep their value."""

    model_config = _STRICT

    legal_name: str | None = Field(default=None, min_length=1, max_length=200)
    operating_name: str | None = Field(default=None, max_length=200)
    address: Address | None = None
    contact: Contact | None = None

    @model_validator(mode="after")
    def _mandatory_fields_are_not_cleared(self) -> "InformationPatch":
        cleared = [
            name
            for name in ("legal_name", "address", "contact")
            if name in self.model_fields_set and getattr(self, name) is None
        ]
        if cleared:
            raise ValueError(f"{', '.join(cleared)} cannot be removed, only changed")
        return self


class AccountOut(BusinessAccountState):
    """The account, with the caller's role and the versions replicas are judged by."""

    my_role: Role | None
    membership_version: int
    association_version: int
    activated_at: str


class MyAccountsOut(BaseModel):
    """The caller's accounts."""

    accounts: list[AccountOut]


class MemberIn(BaseModel):
    """Who to add: URN, last name and e-mail must all match one user."""

    model_config = _STRICT

    urn: PlainText = Field(min_length=1, max_length=32)
    last_name: PlainText = Field(min_length=1, max_length=100)
    email: PlainText = Field(min_length=3, max_length=320)
    role: AssignableRole


class RoleIn(BaseModel):
    """A new role for a member."""

    model_config = _STRICT

    role: AssignableRole


class MemberOut(BaseModel):
    """A member of the account."""

    user_id: str
    urn: str
    role: Role
    first_name: str | None
    last_name: str | None
    email: str | None

    @classmethod
    def of(cls, view: MemberView) -> "MemberOut":
        user = view.user
        return cls(
            user_id=view.member.user_id,
            urn=view.member.urn,
            role=view.member.role,
            first_name=user.first_name if user else None,
            last_name=user.last_name if user else None,
            email=user.email if user else None,
        )


class MembersOut(BaseModel):
    """The account's user access list, with the membership version it reflects."""

    business_account_id: str
    membership_version: int
    members: list[MemberOut]


class OwnerIn(BaseModel):
    """The URN of the new owner."""

    model_config = _STRICT

    urn: PlainText = Field(min_length=1, max_length=32)


class AssociationIn(BaseModel):
    """An exporter's account and the CSP's that will file for it."""

    model_config = _STRICT

    exporter_account_id: PlainText = Field(min_length=1, max_length=64)
    csp_account_id: PlainText = Field(min_length=1, max_length=64)


class AssociationsOut(BaseModel):
    """An exporter's CSPs after a change."""

    exporter_account_id: str
    associated_csp_account_ids: list[str]
    association_version: int


class LinkedAccountOut(BaseModel):
    """The other side of an association."""

    business_account_id: str
    business_number: str
    authorization_id: str
    business_type: BusinessType
    legal_name: str
    operating_name: str | None


class LinkedAccountsOut(BaseModel):
    """An exporter's CSPs, or the exporters a CSP files for."""

    business_account_id: str
    business_type: BusinessType
    linked: list[LinkedAccountOut]


def linked_out(account: BusinessAccount) -> LinkedAccountOut:
    """The short form of an account on the other side of an association."""
    return LinkedAccountOut(
        business_account_id=account.business_account_id,
        business_number=account.business_number,
        authorization_id=account.authorization_id,
        business_type=account.business_type,
        legal_name=account.information.legal_name,
        operating_name=account.information.operating_name,
    )
