"""The bodies the API accepts, for its OpenAPI document (the services validate them)."""

from typing import Literal

from pydantic import BaseModel, Field

from cers_contracts.accounts import Address, Contact
from cers_contracts.documents import DeclarationContent

AssignableRole = Literal["proxy_owner", "user", "browser"]


class BusinessInformationChanges(BaseModel):
    """Any of the business information fields to change."""

    legal_name: str | None = Field(default=None, min_length=1, max_length=200)
    operating_name: str | None = Field(default=None, max_length=200)
    address: Address | None = None
    contact: Contact | None = None


class NewMember(BaseModel):
    """A user to add: their URN, last name and e-mail address (as they gave them) and a role."""

    urn: str = Field(min_length=1, max_length=32)
    last_name: str = Field(min_length=1, max_length=100)
    email: str = Field(min_length=3, max_length=320)
    role: AssignableRole


class RoleChange(BaseModel):
    """The member's new role."""

    role: AssignableRole


class Amendment(BaseModel):
    """A new version of a reported declaration, with an amendment reason code."""

    reason_code: str = Field(min_length=1, max_length=16)
    content: DeclarationContent


class VoidRequest(BaseModel):
    """Why the declaration should be voided (optional)."""

    reason: str | None = Field(default=None, max_length=500)


__all__ = [
    "Amendment",
    "BusinessInformationChanges",
    "DeclarationContent",
    "NewMember",
    "RoleChange",
    "VoidRequest",
]
