"""User access: list, add (by URN, last name and e-mail), change roles, remove."""

from __future__ import annotations

from dataclasses import dataclass

from cers_accounts.domain.events import Member
from cers_accounts.domain.model import Actor, BusinessAccount
from cers_accounts.domain.users import KnownUser, UserIdentification
from cers_accounts.service_layer.access import account_for, locked_account
from cers_accounts.service_layer.unit_of_work import Services, UnitOfWork
from cers_contracts.accounts import Role
from cers_contracts.authorization import Action


@dataclass(frozen=True)
class MemberView:
    """A member with what the user replica knows of them (names, e-mail)."""

    member: Member
    user: KnownUser | None


Membership = tuple[BusinessAccount, list[MemberView]]
"""An account and its members as they are (after a change: as the change left them)."""


async def members_of(services: Services, actor: Actor, account_id: str) -> Membership:
    """The account's user access list."""
    async with services.uow() as uow:
        account, _ = await account_for(uow, actor, account_id, Action.VIEW_USERS)
        return await _membership(uow, account)


async def _membership(uow: UnitOfWork, account: BusinessAccount) -> Membership:
    users = await uow.users.many(list(account.members))
    return account, [MemberView(m, users.get(m.user_id)) for m in account.members.values()]


async def add_member(
    services: Services, actor: Actor, account_id: str, claimed: UserIdentification, role: Role
) -> Membership:
    """Give the user ``claimed`` names a role; one refusal whatever identifying detail is wrong."""
    async with locked_account(services, actor, account_id, Action.MANAGE_USERS) as held:
        candidate = await held.uow.users.by_urn(claimed.urn)
        held.account.add_member(held.actor, claimed, candidate, role, services.clock())
        await held.uow.commit()
        return await _membership(held.uow, held.account)


async def change_role(
    services: Services, actor: Actor, account_id: str, user_id: str, role: Role
) -> Membership:
    """Give a member another role."""
    async with locked_account(services, actor, account_id, Action.MANAGE_USERS) as held:
        held.account.change_role(held.actor, user_id, role, services.clock())
        await held.uow.commit()
        return await _membership(held.uow, held.account)


async def remove_member(
    services: Services, actor: Actor, account_id: str, user_id: str
) -> Membership:
    """Take a member's access away."""
    async with locked_account(services, actor, account_id, Action.MANAGE_USERS) as held:
        held.account.remove_member(held.actor, user_id, services.clock())
        await held.uow.commit()
        return await _membership(held.uow, held.account)
