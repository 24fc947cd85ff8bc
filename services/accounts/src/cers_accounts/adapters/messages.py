"""Translators from the aggregates' events to contract messages (``cers_contracts.accounts``)."""

from __future__ import annotations

from cers_accounts.domain.activation import ActivationCode, CodeEvent
from cers_accounts.domain.events import (
    AccountChanged,
    AccountEvent,
    AssociationChanged,
    MembershipChanged,
)
from cers_accounts.domain.model import BusinessAccount
from cers_contracts import accounts as contract
from cers_contracts.message import Message


def account_state(account: BusinessAccount) -> contract.BusinessAccountState:
    """The account as the ``accounts.business-account.v1`` events carry it."""
    info = account.information
    srp = account.summary_reporting
    return contract.BusinessAccountState(
        business_account_id=account.business_account_id,
        business_number=account.business_number,
        authorization_id=account.authorization_id,
        business_type=account.business_type,
        legal_name=info.legal_name,
        operating_name=info.operating_name,
        address=info.address,
        contact=info.contact,
        owner_user_id=account.owner_user_id,
        summary_reporting=contract.SummaryReportingApproval(
            sum_id=srp.sum_id, valid_from=srp.valid_from, valid_until=srp.valid_until
        )
        if srp
        else None,
        deleted=account.deleted,
    )


def account_messages(account: BusinessAccount) -> list[Message]:
    """The messages of the account's pending events, in order."""
    state = account_state(account)
    return [_account_message(account, state, event) for event in account.events]


def _account_message(
    account: BusinessAccount, state: contract.BusinessAccountState, event: AccountEvent
) -> Message:
    if isinstance(event, MembershipChanged):
        return _membership_message(account, event)
    if isinstance(event, AssociationChanged):
        return _association_message(account, event)
    return _business_account_message(state, event)


def _business_account_message(
    state: contract.BusinessAccountState, event: AccountChanged
) -> Message:
    common = {
        "business_account_id": state.business_account_id,
        "account": state,
        "actor_user_id": event.actor_user_id,
        "occurred_at": event.at,
    }
    match event.kind:
        case "activated":
            return contract.BusinessAccountActivated(**common)
        case "information_updated":
            return contract.BusinessInformationUpdated(
                **common, changed_fields=list(event.changed_fields)
            )
        case "owner_changed":
            return contract.AccountOwnerChanged(
                **common, previous_owner_user_id=event.previous_owner_user_id or ""
            )
        case "srp_approved":
            return contract.SummaryReportingApproved(**common)
        case "srp_revoked":
            return contract.SummaryReportingRevoked(**common)
        case "deleted":
            return contract.BusinessAccountDeleted(**common)


def _membership_message(account: BusinessAccount, event: MembershipChanged) -> Message:
    common = {
        "business_account_id": account.business_account_id,
        "business_number": account.business_number,
        "authorization_id": account.authorization_id,
        "business_type": account.business_type,
        "version": event.version,
        "members": [
            contract.Member(user_id=m.user_id, urn=m.urn, role=m.role) for m in event.members
        ],
        "user_id": event.user_id,
        "actor_user_id": event.actor_user_id,
        "occurred_at": event.at,
    }
    if event.kind == "added" and event.role:
        return contract.MemberAdded(**common, role=event.role)
    if event.kind == "role_changed" and event.role and event.previous_role:
        return contract.MemberRoleChanged(
            **common, role=event.role, previous_role=event.previous_role
        )
    if event.kind == "removed" and event.previous_role:
        return contract.MemberRemoved(**common, previous_role=event.previous_role)
    raise ValueError(f"inconsistent membership event {event!r}")


def _association_message(account: BusinessAccount, event: AssociationChanged) -> Message:
    common = {
        "exporter_account_id": account.business_account_id,
        "exporter_business_number": account.business_number,
        "csp_account_id": event.csp_account_id,
        "csp_business_number": event.csp_business_number,
        "associated_csp_account_ids": list(event.csp_account_ids),
        "version": event.version,
        "actor_user_id": event.actor_user_id,
        "occurred_at": event.at,
    }
    if event.kind == "recorded":
        return contract.AssociationRecorded(**common)
    return contract.AssociationRemoved(**common)


def code_messages(code: ActivationCode) -> list[Message]:
    """The messages of the code's pending events, in order."""
    return [_code_message(code, event) for event in code.events]


def _code_message(code: ActivationCode, event: CodeEvent) -> Message:
    common = {
        "business_number": code.business_number,
        "code_id": code.code_id,
        "applicant_email": code.applicant_email,
        "applicant_language": code.applicant_language,
        "expires_at": code.expires_at,
        "occurred_at": event.at,
    }
    match event.kind:
        case "issued":
            return contract.ActivationCodeIssued(**common)
        case "expiring":
            return contract.ActivationCodeExpiring(**common)
        case "redeemed":
            return contract.ActivationCodeRedeemed(
                **common, business_account_id=code.redeemed_account_id or ""
            )
        case "revoked":
            return contract.ActivationCodeRevoked(**common)
