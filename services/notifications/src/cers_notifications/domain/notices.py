"""E-mail notices: what is to be sent to whom, and how delivery is retried.

A notice is identified by (kind, source, recipient): the event or bulletin that caused it and the
user or address it goes to. Writing it twice is a no-op, so a redelivered event never makes a
second notice. Notices to a user are addressed when sent, with the user's e-mail and language of
that moment; a notice whose user is not known yet waits for them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from cers_notifications.domain.language import Language

EASTERN_TIME = "America/Toronto"


class NoticeKind(enum.StrEnum):
    """Each kind has its templates (subject and body) in English and French."""

    EMAIL_CONFIRMATION = "email_confirmation"
    MEMBER_ADDED = "member_added"
    MEMBER_ROLE_CHANGED = "member_role_changed"
    ACTIVATION_CODE_EXPIRING = "activation_code_expiring"
    BULLETIN_PUBLISHED = "bulletin_published"
    OUTAGE_RESUMED = "outage_resumed"
    DRAFT_EXPIRING = "draft_expiring"
    DECLARATION_VOIDED = "declaration_voided"


# Parameters that are secrets (a confirmation link): erased once the notice is sent.
SECRET_PARAMS: Mapping[NoticeKind, frozenset[str]] = {
    NoticeKind.EMAIL_CONFIRMATION: frozenset({"confirmation_url"}),
}

# Notices about a bulletin carry its id; its current text is read when the notice is sent.
BULLETIN_KINDS = frozenset({NoticeKind.BULLETIN_PUBLISHED, NoticeKind.OUTAGE_RESUMED})

# Notices about a link, code or draft that dies at ``params["expires_at"]``: pointless after that.
EXPIRING_KINDS = frozenset(
    {
        NoticeKind.EMAIL_CONFIRMATION,
        NoticeKind.ACTIVATION_CODE_EXPIRING,
        NoticeKind.DRAFT_EXPIRING,
    }
)


def expired(kind: NoticeKind, params: Mapping[str, Any], now: datetime) -> bool:
    """True when the link, code or draft the notice is about has expired by ``now``.

    A notice may wait (the SMTP server down, the user not yet known) or be written late (a
    replayed topic): an expired confirmation link or code, or a draft already deleted, is then
    not worth an e-mail.
    """
    expires_at = params.get("expires_at") if kind in EXPIRING_KINDS else None
    return expires_at is not None and datetime.fromisoformat(str(expires_at)) <= now


# An event older than this is history, not news: replaying a topic (a new deployment, a reset
# consumer group) rebuilds the replicas without e-mailing it again.
NEWS_FOR = timedelta(days=7)


def is_news(occurred_at: datetime, now: datetime) -> bool:
    """True when an event that happened at ``occurred_at`` is still worth a notice at ``now``."""
    return now - occurred_at <= NEWS_FOR


def display_zone(kind: NoticeKind, reader_zone: str) -> str:
    """The time zone of the times in a notice.

    Bulletins state their times in Eastern Time, as CBSA publishes them and the portal shows
    them; other notices use the reader's own zone.
    """
    return EASTERN_TIME if kind in BULLETIN_KINDS else reader_zone


class NoticeStatus(enum.StrEnum):
    """Where a notice is in its delivery."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class NoticeRequest:
    """A notice to send: to a user (addressed when sent) and/or to a fixed address.

    ``email`` and ``language``, when given, override the user's (a confirmation link goes to the
    address being confirmed; an activation-code applicant may have no user at all).
    """

    kind: NoticeKind
    source: str
    user_id: str | None = None
    email: str | None = None
    language: Language | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.user_id is None and self.email is None:
            raise ValueError("a notice needs a user or an address")

    @property
    def recipient(self) -> str:
        """The recipient part of the notice's identity: the user id, else the address."""
        return self.user_id or (self.email or "").lower()


@dataclass(frozen=True)
class Addressee:
    """Where and how a notice is delivered, resolved when it is sent."""

    email: str
    language: Language
    time_zone: str
    name: str
    disabled: bool = False


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff per notice, capped, with a bounded number of attempts."""

    base_s: float
    max_s: float
    max_attempts: int

    def delay_after(self, attempts: int) -> timedelta:
        """The pause after the ``attempts``-th failed attempt (1, 2, ...)."""
        return timedelta(seconds=min(self.base_s * 2 ** max(attempts - 1, 0), self.max_s))

    def gives_up_after(self, attempts: int) -> bool:
        """True when ``attempts`` failed attempts are the last allowed."""
        return attempts >= self.max_attempts


def message_id(notice_id: str, domain: str) -> str:
    """The notice's RFC 5322 Message-ID: the same for every attempt, so a copy is traceable."""
    return f"<notice.{notice_id}@{domain}>"


def bulletin_source(bulletin_id: str) -> str:
    """The source of notices about a bulletin."""
    return f"bulletin:{bulletin_id}"


def event_source(ce_source: str, ce_id: str) -> str:
    """The source of notices caused by an event (a CloudEvent is unique by source and id)."""
    return f"event:{ce_source}#{ce_id}"


@dataclass(frozen=True)
class DueNotice:
    """A pending notice whose turn has come, with its addressee resolved."""

    notice_id: str
    kind: NoticeKind
    params: Mapping[str, Any]
    attempts: int
    message_id: str
    addressee: Addressee
    user_id: str | None


@dataclass(frozen=True)
class SendResult:
    """What one delivery attempt came to."""

    status: NoticeStatus
    attempts: int
    error: str | None = None
    next_attempt_at: datetime | None = None
    sent_to: str | None = None
    sent_at: datetime | None = None
