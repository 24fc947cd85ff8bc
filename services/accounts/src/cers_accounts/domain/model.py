"""The business account aggregate: its information, owner, members, SRP approval, CSP links.

Every rule of the role matrix goes through ``cers_contracts.authorization`` (one table for every
service). Each change appends an event; the unit of work turns them into messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal

from cers_accounts.domain.errors import (
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
)
from cers_accounts.domain.events import (
    AccountChanged,
    AccountEvent,
    AssociationChanged,
    Member,
    MembershipChanged,
)
from cers_accounts.domain.information import BusinessInformation
from cers_accounts.domain.users import KnownUser, UserIdentification, identify
from cers_contracts.accounts import BusinessType, Role
from cers_contracts.authorization import Action, decide, may_manage_member

SRP_VALIDITY_YEARS = 2
ACTION_WORDS = {
    Action.VIEW_DOCUMENTS: "view",
    Action.FILE_DOCUMENTS: "file documents for",
    Action.UPDATE_BUSINESS_INFORMATION: "update the business information of",
    Action.VIEW_USERS: "see the users of",
    Action.MANAGE_USERS: "manage the users of",
    Action.DELETE_ACCOUNT: "delete",
    Action.ADMINISTER_ACCOUNTS: "administer",
}


@dataclass(frozen=True)
class Actor:
    """Who asks: a user, maybe a CBSA officer; ``provider_roles`` are their roles in CSP
    accounts associated with the account at hand (they give document rights on it)."""

    user_id: str
    officer: bool = False
    provider_roles: tuple[Role, ...] = ()


@dataclass(frozen=True)
class SummaryReporting:
    """An approval for the Summary Reporting Program, valid through ``valid_until``."""

    sum_id: str
    valid_from: date
    valid_until: date


def srp_period(today: date) -> tuple[date, date]:
    """Two years from ``today``, the last day included (29 February ends on 28 February)."""
    try:
        anniversary = today.replace(year=today.year + SRP_VALIDITY_YEARS)
    except ValueError:
        anniversary = today.replace(year=today.year + SRP_VALIDITY_YEARS, day=28)
    return today, anniversary - timedelta(days=1)


@dataclass
class BusinessAccount:
    """A business (exporter or CSP) registered in CERS under its Business Number."""

    business_account_id: str
    business_number: str
    authorization_id: str
    business_type: BusinessType
    information: BusinessInformation
    owner_user_id: str
    activated_at: datetime
    members: dict[str, Member] = field(default_factory=dict)
    membership_version: int = 0
    sum_id: str | None = None
    summary_reporting: SummaryReporting | None = None
    associated_csps: dict[str, str] = field(default_factory=dict)
    """CSP account id -> its Business Number, for an exporter."""
    association_version: int = 0
    deleted: bool = False
    events: list[AccountEvent] = field(default_factory=list)

    @classmethod
    def activate(
        cls,
        *,
        business_account_id: str,
        business_number: str,
        authorization_id: str,
        business_type: BusinessType,
        information: BusinessInformation,
        owner_user_id: str,
        owner_urn: str,
        now: datetime,
    ) -> BusinessAccount:
        """A new account whose registrant is its owner."""
        information.validate()
        account = cls(
            business_account_id=business_account_id,
            business_number=business_number,
            authorization_id=authorization_id,
            business_type=business_type,
            information=information,
            owner_user_id=owner_user_id,
            activated_at=now,
        )
        account.events.append(AccountChanged("activated", owner_user_id, now))
        account._set_member(Member(owner_user_id, owner_urn, "owner"), owner_user_id, now)
        return account

    # -- authorization ------------------------------------------------------------------------

    def role_of(self, user_id: str) -> Role | None:
        """The user's role here; None when not a member."""
        member = self.members.get(user_id)
        return member.role if member else None

    def allows(self, actor: Actor, action: Action) -> bool:
        """The role matrix's answer for ``actor`` on this account."""
        return not self.deleted and decide(
            action,
            role=self.role_of(actor.user_id),
            provider_roles=actor.provider_roles,
            officer=actor.officer,
        )

    def require(self, actor: Actor, action: Action) -> None:
        """ForbiddenError unless the matrix allows; NotFoundError once the account is deleted."""
        self._require_live()
        if not self.allows(actor, action):
            raise ForbiddenError(
                "accounts.forbidden",
                f"You may not {ACTION_WORDS[action]} this business account.",
                params={"action": action.value},
            )

    def _require_live(self) -> None:
        if self.deleted:
            raise NotFoundError(
                "accounts.business_account.not_found", "This business account was deleted."
            )

    # -- information ----------------------------------------------------------------------------

    def update_information(
        self, actor: Actor, information: BusinessInformation, now: datetime
    ) -> tuple[str, ...]:
        """Replace the business information; returns (and announces) the fields that changed."""
        self.require(actor, Action.UPDATE_BUSINESS_INFORMATION)
        information.validate()
        changed = tuple(
            name
            for name in ("legal_name", "operating_name", "address", "contact")
            if getattr(information, name) != getattr(self.information, name)
        )
        if changed:
            self.information = information
            self.events.append(
                AccountChanged("information_updated", actor.user_id, now, changed_fields=changed)
            )
        return changed

    # -- user access ----------------------------------------------------------------------------

    def add_member(
        self,
        actor: Actor,
        claimed: UserIdentification,
        candidate: KnownUser | None,
        role: Role,
        now: datetime,
    ) -> None:
        """Give the user ``claimed`` names a role here; ``candidate`` is the known user with the
        claimed URN, if any. The actor's rights are judged first, so that a refusal for them
        says nothing about whether the user exists or matches."""
        self.require(actor, Action.MANAGE_USERS)
        self._require_manageable(actor, target=None, new_role=role)
        user = identify(candidate, claimed)
        if user.user_id in self.members:
            raise ConflictError(
                "accounts.member.already_member",
                f"User {user.urn} already has access to this business account.",
                params={"urn": user.urn},
            )
        self._set_member(Member(user.user_id, user.urn, role), actor.user_id, now)

    def change_role(self, actor: Actor, user_id: str, role: Role, now: datetime) -> None:
        """Give a member another role."""
        self.require(actor, Action.MANAGE_USERS)
        member = self._member(user_id)
        self._require_manageable(actor, target=member, new_role=role)
        if member.role != role:
            self._set_member(replace(member, role=role), actor.user_id, now)

    def remove_member(self, actor: Actor, user_id: str, now: datetime) -> None:
        """Take a member's access away."""
        self.require(actor, Action.MANAGE_USERS)
        member = self._member(user_id)
        self._require_manageable(actor, target=member, new_role=None)
        self._drop_member(member, actor.user_id, now)

    def _member(self, user_id: str) -> Member:
        if user_id not in self.members:
            raise NotFoundError(
                "accounts.member.not_found",
                "This user has no access to this business account.",
                params={"user_id": user_id},
            )
        return self.members[user_id]

    def _require_manageable(
        self, actor: Actor, *, target: Member | None, new_role: Role | None
    ) -> None:
        if target is not None and target.role == "owner":
            raise ConflictError(
                "accounts.member.last_owner",
                "The account owner cannot be removed or given another role: an account always "
                "has its owner. A CBSA officer can change the owner.",
            )
        if new_role == "owner":
            raise InvalidInputError(
                "accounts.member.role_not_assignable",
                "Role must be proxy_owner, user or browser; the owner is changed by CBSA.",
                pointer="/role",
            )
        if not may_manage_member(
            self.role_of(actor.user_id),
            target_role=target.role if target else None,
            new_role=new_role,
            is_self=target is not None and target.user_id == actor.user_id,
        ):
            raise ForbiddenError(
                "accounts.member.proxy_owner_protected",
                "A proxy owner cannot add, remove or change another proxy owner.",
            )

    def _set_member(self, member: Member, actor_user_id: str, now: datetime) -> None:
        previous = self.members.get(member.user_id)
        self.members[member.user_id] = member
        self.membership_version += 1
        self.events.append(
            MembershipChanged(
                kind="role_changed" if previous else "added",
                actor_user_id=actor_user_id,
                at=now,
                user_id=member.user_id,
                role=member.role,
                previous_role=previous.role if previous else None,
                members=tuple(self.members.values()),
                version=self.membership_version,
            )
        )

    def _drop_member(self, member: Member, actor_user_id: str, now: datetime) -> None:
        del self.members[member.user_id]
        self.membership_version += 1
        self.events.append(
            MembershipChanged(
                kind="removed",
                actor_user_id=actor_user_id,
                at=now,
                user_id=member.user_id,
                role=None,
                previous_role=member.role,
                members=tuple(self.members.values()),
                version=self.membership_version,
            )
        )

    # -- ownership and life ----------------------------------------------------------------------

    def change_owner(self, actor: Actor, new_owner: KnownUser, now: datetime) -> None:
        """An officer gives the account to ``new_owner``; the previous owner stays as a proxy
        owner (the new owner may remove them)."""
        self.require(actor, Action.ADMINISTER_ACCOUNTS)
        previous = self.members[self.owner_user_id]
        if new_owner.user_id == previous.user_id:
            raise ConflictError(
                "accounts.owner.unchanged", f"User {new_owner.urn} already owns this account."
            )
        self.owner_user_id = new_owner.user_id
        self._set_member(Member(new_owner.user_id, new_owner.urn, "owner"), actor.user_id, now)
        self._set_member(replace(previous, role="proxy_owner"), actor.user_id, now)
        self.events.append(
            AccountChanged(
                "owner_changed", actor.user_id, now, previous_owner_user_id=previous.user_id
            )
        )

    def delete(self, actor: Actor, now: datetime) -> None:
        """The owner deletes the account: every member loses access (the owner last) and the
        CSPs filing for it stop; the service drops the links of a deleted CSP's exporters."""
        self.require(actor, Action.DELETE_ACCOUNT)
        for member in sorted(self.members.values(), key=lambda m: m.role == "owner"):
            self._drop_member(member, actor.user_id, now)
        for csp_account_id in list(self.associated_csps):
            self._association_changed("removed", actor, csp_account_id, now)
        self.deleted = True
        self.events.append(AccountChanged("deleted", actor.user_id, now))

    # -- officer actions --------------------------------------------------------------------------

    def approve_summary_reporting(
        self, actor: Actor, sum_id: str, today: date, now: datetime
    ) -> None:
        """Approve (or renew for two years from today) the account for SRP under ``sum_id``."""
        self.require(actor, Action.ADMINISTER_ACCOUNTS)
        if self.business_type != "exporter":
            raise ConflictError(
                "accounts.srp.exporters_only",
                "Only an exporter's account can be approved for the Summary Reporting Program.",
            )
        valid_from, valid_until = srp_period(today)
        self.sum_id = sum_id
        self.summary_reporting = SummaryReporting(sum_id, valid_from, valid_until)
        self.events.append(AccountChanged("srp_approved", actor.user_id, now))

    def revoke_summary_reporting(self, actor: Actor, now: datetime) -> None:
        """End the SRP approval (the SUM id stays the account's, for a later approval)."""
        self.require(actor, Action.ADMINISTER_ACCOUNTS)
        if self.summary_reporting is None:
            raise ConflictError(
                "accounts.srp.not_approved",
                "This account is not approved for the Summary Reporting Program.",
            )
        self.summary_reporting = None
        self.events.append(AccountChanged("srp_revoked", actor.user_id, now))

    def record_association(self, actor: Actor, csp: BusinessAccount, now: datetime) -> None:
        """The CSP files for this exporter from now on (BSF831)."""
        self.require(actor, Action.ADMINISTER_ACCOUNTS)
        csp._require_live()
        if self.business_type != "exporter" or csp.business_type != "customs_service_provider":
            raise InvalidInputError(
                "accounts.association.types",
                "An association links an exporter's account to a customs service provider's.",
            )
        if csp.business_account_id in self.associated_csps:
            raise ConflictError(
                "accounts.association.exists",
                f"{csp.business_number} already files for {self.business_number}.",
            )
        self.associated_csps[csp.business_account_id] = csp.business_number
        self._association_changed("recorded", actor, csp.business_account_id, now)

    def remove_association(self, actor: Actor, csp_account_id: str, now: datetime) -> None:
        """An officer ends the association: the CSP no longer files for this exporter."""
        self.require(actor, Action.ADMINISTER_ACCOUNTS)
        if csp_account_id not in self.associated_csps:
            raise NotFoundError(
                "accounts.association.not_found",
                f"That customs service provider does not file for {self.business_number}.",
            )
        self._association_changed("removed", actor, csp_account_id, now)

    def forget_deleted_provider(self, actor: Actor, csp_account_id: str, now: datetime) -> None:
        """The associated CSP's account was deleted (by its owner, ``actor``): the link ends."""
        self._association_changed("removed", actor, csp_account_id, now)

    def _association_changed(
        self,
        kind: Literal["recorded", "removed"],
        actor: Actor,
        csp_account_id: str,
        now: datetime,
    ) -> None:
        csp_business_number = self.associated_csps[csp_account_id]
        if kind == "removed":
            del self.associated_csps[csp_account_id]
        self.association_version += 1
        self.events.append(
            AssociationChanged(
                kind=kind,
                actor_user_id=actor.user_id,
                at=now,
                csp_account_id=csp_account_id,
                csp_business_number=csp_business_number,
                csp_account_ids=tuple(self.associated_csps),
                version=self.association_version,
            )
        )
