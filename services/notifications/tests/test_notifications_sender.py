"""The sender on the real database and a real SMTP server: claiming, Message-IDs, bad notices."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from cers_chassis.db import create_engine, session_factory
from cers_chassis.outbox import Outbox
from cers_notifications.adapters.email_rendering import EmailRenderer
from cers_notifications.adapters.mailer import SmtpMailer
from cers_notifications.config import NotificationsSettings
from cers_notifications.domain.notices import NoticeKind, NoticeRequest, RetryPolicy
from cers_notifications.service_layer.delivery import Sender
from cers_notifications.service_layer.unit_of_work import UnitOfWork
from services.notifications.tests.notifications_testkit import SmtpServer, notices_to, unique

pytestmark = pytest.mark.integration


@pytest.fixture
async def uow(notifications_settings: NotificationsSettings) -> AsyncIterator[UnitOfWork]:
    assert notifications_settings.database_url
    engine = create_engine(notifications_settings.database_url)
    yield UnitOfWork(session_factory(engine), Outbox("/cers/notifications"), "sender.test")
    await engine.dispose()


def sender(uow: UnitOfWork, smtp: SmtpServer) -> Sender:
    return Sender(
        uow=uow,
        clock=lambda: datetime.now(UTC),
        mailer=SmtpMailer("127.0.0.1", smtp.port),
        renderer=EmailRenderer(),
        retry=RetryPolicy(base_s=60, max_s=60, max_attempts=3),
        from_address="CERS <no-reply@cers.test>",
        poll_interval_s=0.1,
    )


def code_warning(address: str, *, expires_in: timedelta = timedelta(days=3)) -> NoticeRequest:
    return NoticeRequest(
        NoticeKind.ACTIVATION_CODE_EXPIRING,
        unique("event:/cers/test#"),
        email=address,
        language="en",
        params={
            "business_number": "123456782RM0001",
            "expires_at": (datetime.now(UTC) + expires_in).isoformat(),
        },
    )


async def test_concurrent_senders_each_claim_their_own_notices(
    uow: UnitOfWork, smtp_server: SmtpServer, notifications_settings: NotificationsSettings
) -> None:
    addresses = [f"{unique('applicant')}@example.com" for _ in range(30)]
    async with uow() as store:
        await store.notices.add([code_warning(a) for a in addresses], datetime.now(UTC))
    senders = [sender(uow, smtp_server) for _ in range(3)]
    await asyncio.gather(*(s.deliver_due() for s in senders))
    stored = await notices_to(notifications_settings, *addresses)
    assert {(n["status"], n["attempts"]) for n in stored} == {("sent", 1)}
    assert sorted(len(smtp_server.to(a)) for a in addresses) == [1] * 30
    # Each e-mail carries the Message-ID recorded for its notice.
    received = {str(m["To"]): str(m["Message-ID"]).strip() for m in smtp_server.messages}
    assert {n["email"]: n["message_id"] for n in stored} == {
        to.split("<")[-1].rstrip(">"): mid for to, mid in received.items()
    }


async def test_a_sender_passes_over_a_notice_another_instance_is_sending(
    uow: UnitOfWork, smtp_server: SmtpServer, notifications_settings: NotificationsSettings
) -> None:
    busy, next_one = (f"{unique('applicant')}@example.com" for _ in range(2))
    async with uow() as store:
        await store.notices.add([code_warning(busy)], datetime.now(UTC) - timedelta(seconds=1))
        await store.notices.add([code_warning(next_one)], datetime.now(UTC))
    async with uow() as other_instance:  # has claimed the first and is still sending it
        claimed = await other_instance.notices.claim_next_due(datetime.now(UTC))
        assert claimed is not None and claimed.addressee.email == busy
        # SKIP LOCKED: no waiting for the other instance's transaction.
        assert await asyncio.wait_for(sender(uow, smtp_server).deliver_next(), timeout=5)
        assert len(smtp_server.to(next_one)) == 1
        assert smtp_server.to(busy) == []
    outcomes = await notices_to(notifications_settings, busy, next_one)
    assert [(n["recipient"], n["status"]) for n in outcomes] == [
        (busy, "pending"),
        (next_one, "sent"),
    ]


async def test_a_notice_that_cannot_be_sent_holds_up_no_other(
    uow: UnitOfWork, smtp_server: SmtpServer, notifications_settings: NotificationsSettings
) -> None:
    unencodable = "josé@example.com"  # valid, but needs SMTPUTF8, which the message cannot carry
    expired, fine = (f"{unique('applicant')}@example.com" for _ in range(2))
    earlier = datetime.now(UTC) - timedelta(seconds=10)
    async with uow() as store:  # the bad ones first in line
        await store.notices.add([code_warning(unencodable)], earlier)
        await store.notices.add([code_warning(expired, expires_in=-timedelta(hours=1))], earlier)
        await store.notices.add([code_warning(fine)], datetime.now(UTC))
    await sender(uow, smtp_server).deliver_due()
    assert len(smtp_server.to(fine)) == 1
    assert smtp_server.to(unencodable) == smtp_server.to(expired) == []
    outcomes = {
        n["recipient"]: (n["status"], n["attempts"])
        for n in await notices_to(notifications_settings, unencodable, expired, fine)
    }
    assert outcomes == {
        unencodable: ("failed", 0),
        expired: ("skipped", 0),
        fine: ("sent", 1),
    }
