"""The sender: delivers pending notices through SMTP, each at most once per success.

Each notice is claimed in its own transaction (``FOR UPDATE SKIP LOCKED``: two instances never
send the same one), sent, and its outcome recorded before the commit. A failure of the server
reschedules it with exponential backoff; a refusal (5xx), a broken template or too many attempts
fail it. A crash between the server's acceptance and the commit sends it again on restart, with
the same Message-ID: SMTP itself has no idempotency.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Protocol

from cers_notifications.adapters.email_rendering import EmailRenderer, RenderError
from cers_notifications.adapters.mailer import (
    OutgoingEmail,
    PermanentMailError,
    TransientMailError,
    compose,
)
from cers_notifications.domain.bulletins import Bulletin
from cers_notifications.domain.categories import CATEGORIES
from cers_notifications.domain.errors import NotFoundError
from cers_notifications.domain.language import Language
from cers_notifications.domain.notices import (
    BULLETIN_KINDS,
    DueNotice,
    NoticeStatus,
    RetryPolicy,
    SendResult,
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
        """Deliver what is due, then wait for the next poll; survive any failure."""
        while True:
            try:
                while await self.deliver_next():
                    pass
            except Exception:
                log.exception("notice sender: delivery round failed; retrying")
            await asyncio.sleep(self.poll_interval_s)

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
        addressee = due.addressee
        if addressee.disabled:
            return SendResult(NoticeStatus.SKIPPED, due.attempts, error="recipient is disabled")
        try:
            values = await _values(store, due)
            rendered = self.renderer.render(
                due.kind, addressee.language, addressee.time_zone, values
            )
        except (RenderError, NotFoundError) as error:
            return SendResult(NoticeStatus.FAILED, due.attempts, error=str(error))
        message = compose(
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
        attempts = due.attempts + 1
        try:
            await self.mailer.send(message)
        except PermanentMailError as error:
            return SendResult(NoticeStatus.FAILED, attempts, error=str(error))
        except TransientMailError as error:
            if self.retry.gives_up_after(attempts):
                return SendResult(NoticeStatus.FAILED, attempts, error=str(error))
            next_at = self.clock() + self.retry.delay_after(attempts)
            return SendResult(NoticeStatus.PENDING, attempts, str(error), next_attempt_at=next_at)
        return SendResult(
            NoticeStatus.SENT, attempts, sent_to=addressee.email, sent_at=self.clock()
        )


async def _values(store: Store, due: DueNotice) -> dict[str, Any]:
    """What the notice's templates read: its parameters, the addressee's name, the bulletin."""
    values: dict[str, Any] = {**due.params, "name": due.addressee.name}
    if due.kind in BULLETIN_KINDS:
        bulletin_id = str(due.params["bulletin_id"])
        bulletin = await store.bulletins.get(bulletin_id)
        if bulletin is None:
            raise NotFoundError("bulletin", bulletin_id)
        values |= bulletin_values(bulletin, due.addressee.language)
    return values


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
