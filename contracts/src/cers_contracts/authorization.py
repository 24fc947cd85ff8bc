"""Who may do what on a business account: CBSA's role matrix (DESIGN.md §4), as data, once.

Every service decides authorization itself, from its own replica of memberships, with this table:
accounts from its own membership tables (the source of truth), the other services through
``cers_chassis.authorization``. The table:

| action                          | owner | proxy owner | user | browser | CSP member¹ | officer |
|---------------------------------|-------|-------------|------|---------|-------------|---------|
| ``VIEW_DOCUMENTS``              | yes   | yes         | yes  | yes     | as role     | yes     |
| ``FILE_DOCUMENTS``              | yes   | yes         | yes  | no      | as role     | no      |
| ``UPDATE_BUSINESS_INFORMATION`` | yes   | yes         | yes  | no      | no          | no      |
| ``VIEW_USERS``                  | yes   | yes         | no   | no      | no          | yes     |
| ``MANAGE_USERS``                | yes   | yes²        | no   | no      | no          | no      |
| ``DELETE_ACCOUNT``              | yes   | no          | no   | no      | no          | no      |
| ``ADMINISTER_ACCOUNTS``         | no    | no          | no   | no      | no          | yes     |

¹ A member of a customs service provider (CSP) account associated with the exporter (BSF831) has,
on the exporter's account, the document rights its role gives it on the CSP's own account.
² Except on other proxy owners: a proxy owner cannot add, remove or change another proxy owner,
nor make anyone one (``may_manage_member``). Nobody removes or demotes the owner: the owner
changes only through an officer (``ADMINISTER_ACCOUNTS``), so an account never lacks one.

Officers (CBSA's internal role, from the token) see every account, its users and its documents
and do the officer actions; they do not file documents, edit business information, manage users
or delete accounts on a business's behalf.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import get_args

from cers_contracts.accounts import Role


class Action(enum.StrEnum):
    """What someone may want to do on a business account."""

    VIEW_DOCUMENTS = "view_documents"
    """View documents, drafts, lookups, templates, bulletins; the account and its associations."""
    FILE_DOCUMENTS = "file_documents"
    """Create, edit, submit, amend, void documents; keep drafts, lookups, templates; bulk loads."""
    UPDATE_BUSINESS_INFORMATION = "update_business_information"
    """Change the legal and operating names, the address and the contact."""
    VIEW_USERS = "view_users"
    """See the account's user access list (members, their roles)."""
    MANAGE_USERS = "manage_users"
    """Add and remove users, change their roles (see ``may_manage_member``)."""
    DELETE_ACCOUNT = "delete_account"
    """Register (activate) or delete the account: activating makes its registrant the owner."""
    ADMINISTER_ACCOUNTS = "administer_accounts"
    """Officer actions: activation codes, SRP approval, CSP associations, change of owner."""


ROLES: tuple[Role, ...] = get_args(Role)

ROLE_MATRIX: Mapping[Action, frozenset[Role]] = {
    Action.VIEW_DOCUMENTS: frozenset({"owner", "proxy_owner", "user", "browser"}),
    Action.FILE_DOCUMENTS: frozenset({"owner", "proxy_owner", "user"}),
    Action.UPDATE_BUSINESS_INFORMATION: frozenset({"owner", "proxy_owner", "user"}),
    Action.VIEW_USERS: frozenset({"owner", "proxy_owner"}),
    Action.MANAGE_USERS: frozenset({"owner", "proxy_owner"}),
    Action.DELETE_ACCOUNT: frozenset({"owner"}),
    Action.ADMINISTER_ACCOUNTS: frozenset(),
}
"""The roles of the account's own members that may do each action."""

PROVIDER_ACTIONS: frozenset[Action] = frozenset({Action.VIEW_DOCUMENTS, Action.FILE_DOCUMENTS})
"""What a CSP's members may do on an associated exporter's account (as their CSP role allows)."""

OFFICER_ACTIONS: frozenset[Action] = frozenset(
    {Action.VIEW_DOCUMENTS, Action.VIEW_USERS, Action.ADMINISTER_ACCOUNTS}
)
"""What a CBSA officer may do on any account, member or not."""

ASSIGNABLE_ROLES: tuple[Role, ...] = ("proxy_owner", "user", "browser")
"""Roles given through user access; the owner is made by activation or by an officer."""


def may(role: Role | None, action: Action) -> bool:
    """True when a member with ``role`` (None: not a member) may do ``action`` on the account."""
    return role is not None and role in ROLE_MATRIX[action]


def decide(
    action: Action,
    *,
    role: Role | None,
    provider_roles: Iterable[Role] = (),
    officer: bool = False,
) -> bool:
    """The whole decision for one user on one account.

    ``role`` is the user's role in the account (None: not a member); ``provider_roles`` their
    roles in CSP accounts associated with it (when it is an exporter's); ``officer`` whether the
    token names a CBSA officer.
    """
    if may(role, action):
        return True
    if action in PROVIDER_ACTIONS and any(may(r, action) for r in provider_roles):
        return True
    return officer and action in OFFICER_ACTIONS


def may_manage_member(
    actor_role: Role | None,
    *,
    target_role: Role | None,
    new_role: Role | None,
    is_self: bool,
) -> bool:
    """May a member with ``actor_role`` take a member from ``target_role`` to ``new_role``?

    Adding is ``target_role=None``; removing is ``new_role=None``; a role change names both. Only
    assignable roles may be given, and the owner is never added, changed or removed this way (an
    account always keeps its one owner). A proxy owner cannot add, remove or change another proxy
    owner, nor make anyone a proxy owner; changing or removing themselves is not "another".
    """
    if not may(actor_role, Action.MANAGE_USERS):
        return False
    if "owner" in (target_role, new_role):
        return False
    if new_role is not None and new_role not in ASSIGNABLE_ROLES:
        return False
    if actor_role == "proxy_owner" and not is_self:
        return "proxy_owner" not in (target_role, new_role)
    return True
