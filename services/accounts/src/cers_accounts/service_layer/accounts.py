"""Use cases of a business account's members: see, update, delete, list CSP links."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from cers_accounts.domain.model import Actor, BusinessAccount
from cers_accounts.service_layer.access import account_for, locked_account
from cers_accounts.service_layer.unit_of_work import Services
from cers_contracts.authorization import Action


async def my_accounts(services: Services, actor: Actor) -> list[BusinessAccount]:
    """The live accounts the user belongs to (``role_of`` tells the user's role in each)."""
    async with services.uow() as uow:
        return await uow.accounts.of_member(actor.user_id)


async def view_account(services: Services, actor: Actor, account_id: str) -> BusinessAccount:
    """The account, for anyone who may view it (members, its CSPs, officers)."""
    async with services.uow() as uow:
        account, _ = await account_for(uow, actor, account_id, Action.VIEW_DOCUMENTS)
        return account


async def update_information(
    services: Services, actor: Actor, account_id: str, changes: Mapping[str, Any]
) -> BusinessAccount:
    """Change some of the legal and operating names, address and contact."""
    action = Action.UPDATE_BUSINESS_INFORMATION
    async with locked_account(services, actor, account_id, action) as held:
        information = replace(held.account.information, **changes)
        held.account.update_information(held.actor, information, services.clock())
        await held.uow.commit()
        return held.account


async def delete_account(services: Services, actor: Actor, account_id: str) -> BusinessAccount:
    """The owner deletes the account; a deleted CSP stops filing for its exporters."""
    async with locked_account(services, actor, account_id, Action.DELETE_ACCOUNT) as held:
        now = services.clock()
        held.account.delete(held.actor, now)
        for exporter_id in await held.uow.accounts.exporters_served_by(account_id):
            exporter = await held.uow.accounts.get(exporter_id, for_update=True)
            if exporter is not None:
                exporter.forget_deleted_provider(held.actor, account_id, now)
        await held.uow.commit()
        return held.account


async def associations_of(
    services: Services, actor: Actor, account_id: str
) -> tuple[BusinessAccount, list[BusinessAccount]]:
    """The account and its CSPs (an exporter's) or the exporters it files for (a CSP's)."""
    async with services.uow() as uow:
        account, _ = await account_for(uow, actor, account_id, Action.VIEW_DOCUMENTS)
        if account.business_type == "exporter":
            ids = list(account.associated_csps)
        else:
            ids = await uow.accounts.exporters_served_by(account_id)
        linked = [await uow.accounts.get(linked_id) for linked_id in ids]
        return account, [a for a in linked if a is not None]
