"""Who may reach what: the officer check; an account loaded (or locked) for an allowed action."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace

from cers_accounts.domain.errors import ForbiddenError, NotFoundError
from cers_accounts.domain.model import Actor, BusinessAccount
from cers_accounts.service_layer.unit_of_work import Services, UnitOfWork
from cers_contracts.authorization import Action


def require_officer(actor: Actor) -> None:
    """Forbidden unless the caller is a CBSA officer."""
    if not actor.officer:
        raise ForbiddenError(
            "accounts.officer_only", "Only a CBSA officer may do this.", params={"role": "officer"}
        )


async def account_for(
    uow: UnitOfWork, actor: Actor, account_id: str, action: Action, *, for_update: bool = False
) -> tuple[BusinessAccount, Actor]:
    """The account if ``actor`` may do ``action`` on it, with the actor's CSP roles filled in."""
    account = await uow.accounts.get(account_id, for_update=for_update)
    if account is None:
        raise NotFoundError(
            "accounts.business_account.not_found", "There is no such business account."
        )
    if account.business_type == "exporter":
        actor = replace(
            actor, provider_roles=await uow.accounts.provider_roles(actor.user_id, account_id)
        )
    account.require(actor, action)
    return account, actor


@dataclass(frozen=True)
class HeldAccount:
    """An account locked for a change in its unit of work; ``actor`` with their CSP roles."""

    uow: UnitOfWork
    account: BusinessAccount
    actor: Actor


@asynccontextmanager
async def locked_account(
    services: Services, actor: Actor, account_id: str, action: Action
) -> AsyncIterator[HeldAccount]:
    """A unit of work holding the account's row lock, if ``actor`` may do ``action`` on it;
    the block changes the account and commits."""
    async with services.uow() as uow:
        account, actor = await account_for(uow, actor, account_id, action, for_update=True)
        yield HeldAccount(uow, account, actor)
