"""The sender: delivers pending notices through SMTP, each at most once per success.

Each notice is claimed in its own transaction (``FOR UPDATE SKIP LOCKED``: two instances never
send the same one), sent, and its outcome recorded before the commit. A failure of the server
reschedules it with exponential backoff; a refusal (5xx), a message that cannot be written, or
too many attempts fail it. No notice can hold up the others: whatever one comes to is recorded.
A crash between the server's acceptance and the commit sends it again on restart, with the same
Message-ID: SMTP itself has no idempotency.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Protocol

from cers_chassis.loops import repeat, stop_if_cancelled
from cers_notifications.adapters.email_rendering import EmailRenderer
from cers_notifications.adapters.mailer import OutgoingEmail, PermanentMailError, compose
from cers_notifications.domain.bulletins import Bulletin
from cers_notifications.domain.categories import CATEGORIES
from cers_notifications.domain.language import Language
from cers_notifications.domain.notices import (
    BULLETIN_KINDS,
    DueNotice,
    NoticeKind,
    NoticeStatus,
    RetryPolicy,
    SendResult,
    display_zone,
    expired,
)
from cers_notifications.domain.outage import CONTINGENCY_FORM, REPORT_WITHIN
from cers_notifications.service_layer.clock import Clock
from cers_notifications.service_layer.unit_of_work import Store, UnitOfWork

log = logging.getLogger(__name__)


class Mailer(Protocol):
    """Hands a message to an SMTP server (raises TransientMailError or PermanentMailError)."""

    async def send(self, message: EmailMessage) -> None: ...


@dataclass(frozen=True)
class Sender:
    """Everything the sender needs; ``run`` is its loop."""

    uow: UnitOfWork
    clock: Clock
    mailer: Mailer
    renderer: EmailRenderer
    retry: RetryPolicy
    from_address: str
    poll_interval_s: float

    async def run(self) -> None:
        """Deliver what is due, then wait for the next poll, until cancelled."""
        await repeat(self.deliver_due, interval_s=self.poll_interval_s, what="notice sender")

    async def deliver_due(self) -> None:
        """Deliver every notice due now, one after the other."""
        while await self.deliver_next():
            stop_if_cancelled()

    async def deliver_next(self) -> bool:
        """Claim and attempt the next due notice; False when none is due."""
        async with self.uow() as store:
            due = await store.notices.claim_next_due(self.clock())
            if due is None:
                return False
            result = await self._attempt(store, due)
            await store.notices.record(due.notice_id, due.kind, result)
        if result.status is not NoticeStatus.SENT:
            log.warning(
                "notice %s (%s) %s after %d attempt(s): %s",
                due.notice_id,
                due.kind,
                result.status,
                result.attempts,
                result.error,
            )
        return True

    async def _attempt(self, store: Store, due: DueNotice) -> SendResult:
        def unsent(status: NoticeStatus, error: str) -> SendResult:
            return SendResult(status, due.attempts, error=error)

        if due.addressee.disabled:
            return unsent(NoticeStatus.SKIPPED, "recipient is disabled")
        if expired(due.kind, due.params, self.clock()):
            return unsent(NoticeStatus.SKIPPED, "expired before it could be sent")
        bulletin = None
        if due.kind in BULLETIN_KINDS:
            bulletin = await store.bulletins.get(str(due.params.get("bulletin_id")))
            if bulletin is None:
                return unsent(NoticeStatus.FAILED, "the bulletin does not exist")
            if due.kind is NoticeKind.BULLETIN_PUBLISHED and bulletin.retired:
                return unsent(NoticeStatus.SKIPPED, "the bulletin was retired before it was sent")
        try:
            message = self._message(due, bulletin)
        except Exception as error:  # a broken template, an address SMTP cannot carry: final
            return unsent(NoticeStatus.FAILED, repr(error))
        attempts = due.attempts + 1
        try:
            await self.mailer.send(message)
        except PermanentMailError as error:
            return SendResult(NoticeStatus.FAILED, attempts, error=str(error))
        except Exception as error:  # the server is down or busy (or worse): back off, try again
            if self.retry.gives_up_after(attempts):
                return SendResult(NoticeStatus.FAILED, attempts, error=str(error))
            next_at = self.clock() + self.retry.delay_after(attempts)
            return SendResult(NoticeStatus.PENDING, attempts, str(error), next_attempt_at=next_at)
        return SendResult(
            NoticeStatus.SENT, attempts, sent_to=due.addressee.email, sent_at=self.clock()
        )

    def _message(self, due: DueNotice, bulletin: Bulletin | None) -> EmailMessage:
        """The e-mail of ``due``: its parameters, the addressee's name and the bulletin, if any."""
        addressee = due.addressee
        values: dict[str, Any] = {**due.params, "name": addressee.name}
        if bulletin is not None:
            values |= bulletin_values(bulletin, addressee.language)
        rendered = self.renderer.render(
            due.kind, addressee.language, display_zone(due.kind, addressee.time_zone), values
        )
        return compose(
            OutgoingEmail(
                message_id=due.message_id,
                sender=self.from_address,
                to=addressee.email,
                to_name=addressee.name,
                subject=rendered.subject,
                body=rendered.body,
                language=addressee.language,
                date=self.clock(),
            )
        )


def bulletin_values(bulletin: Bulletin, language: Language) -> Mapping[str, Any]:
    """A bulletin's fields in ``language``, for the templates."""
    content = bulletin.content
    category = CATEGORIES.get(content.category)
    return {
        "number": content.number,
        "title": content.title.in_language(language),
        "clients_affected": content.clients_affected.in_language(language),
        "description": content.description.in_language(language),
        "action_required": content.action_required.in_language(language),
        "starts_at": content.starts_at,
        "ends_at": content.ends_at,
        "report_by": content.ends_at + REPORT_WITHIN if content.ends_at else None,
        "outage": content.outage,
        "category": category.in_language(language) if category else content.category,
        "form": CONTINGENCY_FORM,
    }
