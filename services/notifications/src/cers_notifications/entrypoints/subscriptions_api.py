"""``/v1/me/subscriptions``: the caller's e-mail bulletin categories (My Profile)."""

from __future__ import annotations

from fastapi import APIRouter

from cers_notifications.entrypoints.auth import SignedIn
from cers_notifications.entrypoints.schemas import SubscriptionsIn, SubscriptionsOut
from cers_notifications.entrypoints.wiring import Now, Transactions
from cers_notifications.service_layer import subscriptions

router = APIRouter(prefix="/v1/me", tags=["subscriptions"])


@router.get("/subscriptions")
async def my_subscriptions(principal: SignedIn, uow: Transactions) -> SubscriptionsOut:
    """The categories the caller receives e-mail bulletins for."""
    return SubscriptionsOut(categories=await subscriptions.subscriptions_of(uow, principal.user_id))


@router.put("/subscriptions")
async def replace_my_subscriptions(
    body: SubscriptionsIn,
    principal: SignedIn,
    uow: Transactions,
    now: Now,
) -> SubscriptionsOut:
    """Replace the caller's categories (an empty list unsubscribes from everything)."""
    categories = await subscriptions.replace_subscriptions(
        uow, now, principal.user_id, body.categories
    )
    return SubscriptionsOut(categories=categories)
