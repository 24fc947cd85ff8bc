"""``/v1/outage`` (the banner, public) and the officers' follow-up list of an outage."""

from __future__ import annotations

from fastapi import APIRouter

from cers_notifications.entrypoints.auth import Officer
from cers_notifications.entrypoints.parameters import ResourceId
from cers_notifications.entrypoints.schemas import (
    BulletinOut,
    FollowUpNoticeOut,
    FollowUpOut,
    OutageBannerOut,
)
from cers_notifications.entrypoints.wiring import Now, Transactions
from cers_notifications.service_layer import outages

router = APIRouter(prefix="/v1", tags=["outages"])


@router.get("/outage")
async def outage_banner(uow: Transactions, now: Now) -> OutageBannerOut:
    """The banner state; no token needed (the portal shows it on the sign-in page too)."""
    return OutageBannerOut.of(await outages.current_banner(uow, now))


@router.get("/officer/outages/{bulletin_id}/follow-up")
async def outage_follow_up(
    bulletin_id: ResourceId,
    principal: Officer,
    uow: Transactions,
) -> FollowUpOut:
    """Who is told that the system resumed after this outage, and each notice's status."""
    follow_up = await outages.follow_up_of(uow, bulletin_id)
    return FollowUpOut(
        outage=BulletinOut.of(follow_up.outage),
        followed_up_at=follow_up.outage.follow_up_at,
        notices=[FollowUpNoticeOut.of(n) for n in follow_up.notices],
    )
