"""CBSA officers' use cases: find accounts, SRP approval, CSP associations, change of owner."""

from __future__ import annotations

from cers_accounts.domain.business_number import parse_business_number
from cers_accounts.domain.errors import NotFoundError
from cers_accounts.domain.identifiers import new_sum_id
from cers_accounts.domain.model import Actor, BusinessAccount
from cers_accounts.service_layer.access import account_for, locked_account, require_officer
from cers_accounts.service_layer.unit_of_work import Services
from cers_contracts.authorization import Action


async def search_accounts(
    services: Services,
    actor: Actor,
    *,
    business_number: str | None = None,
    authorization_id: str | None = None,
) -> list[BusinessAccount]:
    """Every account (deleted ones included), optionally of one BN and/or Authorization ID."""
    require_officer(actor)
    bn = parse_business_number(business_number) if business_number else None
    async with services.uow() as uow:
        return await uow.accounts.search(
            business_number=bn,
            authorization_id=authorization_id.strip().upper() if authorization_id else None,
        )


async def approve_summary_reporting(
    services: Services, actor: Actor, account_id: str
) -> BusinessAccount:
    """Approve (or renew) the account for SRP for two years; it keeps one SUM id for life."""
    require_officer(actor)
    async with locked_account(services, actor, account_id, Action.ADMINISTER_ACCOUNTS) as held:
        sum_id = await held.uow.identifiers.sum_id(account_id, lambda: new_sum_id(services.rng))
        now = services.clock()
        held.account.approve_summary_reporting(held.actor, sum_id, now.date(), now)
        await held.uow.commit()
        return held.account


async def revoke_summary_reporting(
    services: Services, actor: Actor, account_id: str
) -> BusinessAccount:
    """End the account's SRP approval."""
    require_officer(actor)
    async with locked_account(services, actor, account_id, Action.ADMINISTER_ACCOUNTS) as held:
        held.account.revoke_summary_reporting(held.actor, services.clock())
        await held.uow.commit()
        return held.account


async def record_association(
    services: Services, actor: Actor, exporter_id: str, csp_id: str
) -> BusinessAccount:
    """The CSP files for the exporter from now on. Locks the CSP, then the exporter (the same
    order as a CSP's deletion)."""
    require_officer(actor)
    async with services.uow() as uow:
        csp, _ = await account_for(uow, actor, csp_id, Action.ADMINISTER_ACCOUNTS, for_update=True)
        exporter, actor = await account_for(
            uow, actor, exporter_id, Action.ADMINISTER_ACCOUNTS, for_update=True
        )
        exporter.record_association(actor, csp, services.clock())
        await uow.commit()
        return exporter


async def remove_association(
    services: Services, actor: Actor, exporter_id: str, csp_id: str
) -> BusinessAccount:
    """The CSP no longer files for the exporter."""
    require_officer(actor)
    async with locked_account(services, actor, exporter_id, Action.ADMINISTER_ACCOUNTS) as held:
        held.account.remove_association(held.actor, csp_id, services.clock())
        await held.uow.commit()
        return held.account


async def change_owner(
    services: Services, actor: Actor, account_id: str, new_owner_urn: str
) -> BusinessAccount:
    """Give the account to the user with ``new_owner_urn``."""
    require_officer(actor)
    async with locked_account(services, actor, account_id, Action.ADMINISTER_ACCOUNTS) as held:
        user = await held.uow.users.by_urn(new_owner_urn)
        if user is None or user.disabled:
            raise NotFoundError(
                "accounts.user.not_found",
                f"No active user has the URN {new_owner_urn!r}.",
                pointer="/urn",
            )
        held.account.change_owner(held.actor, user, services.clock())
        await held.uow.commit()
        return held.account
