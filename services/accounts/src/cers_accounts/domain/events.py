"""What happened to a business account, as the aggregate records it (translated to messages).

Membership and association events carry the member list / CSP set and the version *at that
event*, because one change (an owner change, a deletion) may emit several of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from cers_contracts.accounts import Role


@dataclass(frozen=True)
class Member:
    """A user's role in a business account."""

    user_id: str
    urn: str
    role: Role


AccountEventKind = Literal[
    "activated", "information_updated", "owner_changed", "srp_approved", "srp_revoked", "deleted"
]


@dataclass(frozen=True)
class AccountChanged:
    """The account itself changed (its messages carry its state after the unit of work)."""

    kind: AccountEventKind
    actor_user_id: str
    at: datetime
    changed_fields: tuple[str, ...] = ()
    previous_owner_user_id: str | None = None


@dataclass(frozen=True)
class MembershipChanged:
    """Someone gained, changed or lost a role; ``members`` and ``version`` as of this event."""

    kind: Literal["added", "role_changed", "removed"]
    actor_user_id: str
    at: datetime
    user_id: str
    role: Role | None
    previous_role: Role | None
    members: tuple[Member, ...]
    version: int


@dataclass(frozen=True)
class AssociationChanged:
    """A CSP was associated with the exporter or no longer is; ``csp_account_ids`` after it."""

    kind: Literal["recorded", "removed"]
    actor_user_id: str
    at: datetime
    csp_account_id: str
    csp_business_number: str
    csp_account_ids: tuple[str, ...]
    version: int


AccountEvent = AccountChanged | MembershipChanged | AssociationChanged
