"""Use cases of e-mail bulletin subscriptions (My Profile)."""

from __future__ import annotations

from collections.abc import Sequence

from cers_notifications.domain.categories import is_category
from cers_notifications.domain.errors import RuleViolation, refuse
from cers_notifications.service_layer.clock import Clock
from cers_notifications.service_layer.unit_of_work import UnitOfWork


async def subscriptions_of(uow: UnitOfWork, user_id: str) -> list[str]:
    """The categories the user subscribes to."""
    async with uow() as store:
        return await store.subscriptions.categories_of(user_id)


async def replace_subscriptions(
    uow: UnitOfWork, clock: Clock, user_id: str, categories: Sequence[str]
) -> list[str]:
    """Make ``categories`` the user's subscriptions; RulesBrokenError for unknown ones."""
    refuse(
        [
            RuleViolation(("categories", str(i)), "unknown", f"Category {name!r} is unknown")
            for i, name in enumerate(categories)
            if not is_category(name)
        ]
    )
    async with uow() as store:
        await store.subscriptions.replace(user_id, categories, clock())
        return await store.subscriptions.categories_of(user_id)
