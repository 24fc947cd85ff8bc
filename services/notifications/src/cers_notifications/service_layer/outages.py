"""Outages: the banner state, the follow-up when an outage ends, and its follow-up list."""

from __future__ import annotations

from dataclasses import dataclass

from cers_notifications.adapters.notice_repository import NoticeRecord
from cers_notifications.domain.bulletins import Bulletin
from cers_notifications.domain.errors import NotFoundError
from cers_notifications.domain.notices import NoticeKind, bulletin_source
from cers_notifications.domain.outage import REPORT_WITHIN, Banner, banner
from cers_notifications.service_layer.clock import Clock
from cers_notifications.service_layer.unit_of_work import UnitOfWork


async def current_banner(uow: UnitOfWork, clock: Clock) -> Banner:
    """The outage banner the portal shows now."""
    now = clock()
    async with uow() as store:
        outages = await store.bulletins.outages_for_banner(now, REPORT_WITHIN)
    return banner(outages, now)


async def follow_up_ended_outages(uow: UnitOfWork, clock: Clock) -> int:
    """Queue the resumption notice for each outage that has ended; return how many notices.

    Each outage is followed up once (its ``follow_up_at`` is set in the same transaction);
    ``SKIP LOCKED`` lets several instances run this without doubling anything.
    """
    now = clock()
    queued = 0
    async with uow() as store:
        for outage in await store.bulletins.outages_to_follow_up(now):
            if outage.resumption_notice_due(now):
                queued += await store.notices.add_for_subscribers(
                    NoticeKind.OUTAGE_RESUMED,
                    bulletin_source(outage.bulletin_id),
                    outage.content.category,
                    {"bulletin_id": outage.bulletin_id},
                    now,
                )
            await store.bulletins.save(outage.followed_up(now))
    return queued


@dataclass(frozen=True)
class FollowUp:
    """An outage and the resumption notices sent (or being sent) about it."""

    outage: Bulletin
    notices: list[NoticeRecord]


async def follow_up_of(uow: UnitOfWork, bulletin_id: str) -> FollowUp:
    """The follow-up list of an outage; NotFoundError for an unknown or non-outage bulletin."""
    async with uow() as store:
        outage = await store.bulletins.get(bulletin_id)
        if outage is None or not outage.content.outage:
            raise NotFoundError("outage", bulletin_id)
        notices = await store.notices.for_source(
            NoticeKind.OUTAGE_RESUMED, bulletin_source(bulletin_id)
        )
    return FollowUp(outage, notices)
