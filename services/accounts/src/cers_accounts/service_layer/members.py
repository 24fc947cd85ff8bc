"""User access: list, add (by URN, last name and e-mail), change roles, remove."""

from __future__ import annotations

from dataclasses import dataclass

from cers_accounts.domain.events import Member
from cers_accounts.domain.model import Actor, BusinessAccount
from cers_accounts.domain.users import KnownUser, no_such_user
from cers_accounts.service_layer.access import account_for
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


@dataclass(frozen=True)
class NewMember:
    """Who to add, as the owner knows them: all three must match one user."""

    urn: str
    last_name: str
    email: str
    role: Role


async def add_member(
    services: Services, actor: Actor, account_id: str, new: NewMember
) -> Membership:
    """Give a user a role; one generic refusal whatever identifying detail is wrong."""
    async with services.uow() as uow:
        account, actor = await account_for(
            uow, actor, account_id, Action.MANAGE_USERS, for_update=True
        )
        user = await uow.users.by_urn(new.urn)
        if user is None or not user.matches(urn=new.urn, last_name=new.last_name, email=new.email):
            raise no_such_user()
        account.add_member(actor, user, new.role, services.clock())
        await uow.commit()
        return await _membership(uow, account)


async def change_role(
    services: Services, actor: Actor, account_id: str, user_id: str, role: Role
) -> Membership:
    """Give a member another role."""
    async with services.uow() as uow:
        account, actor = await account_for(
            uow, actor, account_id, Action.MANAGE_USERS, for_update=True
        )
        account.change_role(actor, user_id, role, services.clock())
        await uow.commit()
        return await _membership(uow, account)


async def remove_member(
    services: Services, actor: Actor, account_id: str, user_id: str
) -> Membership:
    """Take a member's access away."""
    async with services.uow() as uow:
        account, actor = await account_for(
            uow, actor, account_id, Action.MANAGE_USERS, for_update=True
        )
        account.remove_member(actor, user_id, services.clock())
        await uow.commit()
        return await _membership(uow, account)
