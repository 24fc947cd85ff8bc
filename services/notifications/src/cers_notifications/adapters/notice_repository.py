"""E-mail notices: written once per (kind, source, recipient), claimed and updated by the sender."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import RowMapping, String, Text, cast, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_notifications.adapters.tables import notices, subscriptions, users
from cers_notifications.domain.language import Language
from cers_notifications.domain.notices import (
    EASTERN_TIME,
    SECRET_PARAMS,
    Addressee,
    DueNotice,
    NoticeKind,
    NoticeRequest,
    NoticeStatus,
    SendResult,
    message_id,
)

_TEXT_ARRAY = ARRAY(Text)


@dataclass(frozen=True)
class NoticeRecord:
    """A notice as an officer sees it in a follow-up list."""

    notice_id: str
    user_id: str | None
    email: str | None
    name: str | None
    language: str | None
    status: str
    attempts: int
    message_id: str
    sent_at: datetime | None
    last_error: str | None


class NoticeRepository:
    """Notices within the caller's transaction."""

    def __init__(self, session: AsyncSession, message_id_domain: str) -> None:
        self._session = session
        self._domain = message_id_domain

    def _new_row(self, request: NoticeRequest, now: datetime) -> dict[str, Any]:
        notice_id = str(uuid.uuid4())
        return {
            "notice_id": notice_id,
            "kind": request.kind.value,
            "source": request.source,
            "recipient": request.recipient,
            "user_id": request.user_id,
            "email": request.email,
            "language": request.language,
            "params": dict(request.params),
            "status": NoticeStatus.PENDING.value,
            "attempts": 0,
            "next_attempt_at": now,
            "message_id": message_id(notice_id, self._domain),
            "created_at": now,
        }

    async def add(self, requests: Sequence[NoticeRequest], now: datetime) -> int:
        """Write the notices not written before; return how many are new."""
        if not requests:
            return 0
        statement = (
            pg_insert(notices)
            .values([self._new_row(request, now) for request in requests])
            .on_conflict_do_nothing(constraint="one_notice_per_cause_and_recipient")
            .returning(notices.c.notice_id)
        )
        return len((await self._session.execute(statement)).all())

    async def add_for_subscribers(
        self, kind: NoticeKind, source: str, category: str, params: Mapping[str, Any], now: datetime
    ) -> int:
        """One notice per subscriber of ``category`` (none twice); return how many are new."""
        # A subquery, so that each row's random id is drawn once and used in both columns
        # (PostgreSQL never flattens a subquery with a volatile function in its output).
        picked = (
            select(cast(func.gen_random_uuid(), String).label("notice_id"), subscriptions.c.user_id)
            .where(subscriptions.c.category == category)
            .subquery()
        )
        before_id, after_id = message_id("\x00", self._domain).split("\x00")  # one format
        chosen = select(
            picked.c.notice_id,
            literal(kind.value),
            literal(source),
            picked.c.user_id,
            picked.c.user_id,
            literal(dict(params), JSONB),
            literal(NoticeStatus.PENDING.value),
            literal(now),
            literal(before_id) + picked.c.notice_id + literal(after_id),
            literal(now),
        )
        statement = (
            pg_insert(notices)
            .from_select(
                [
                    "notice_id",
                    "kind",
                    "source",
                    "recipient",
                    "user_id",
                    "params",
                    "status",
                    "next_attempt_at",
                    "message_id",
                    "created_at",
                ],
                chosen,
            )
            .on_conflict_do_nothing(constraint="one_notice_per_cause_and_recipient")
            .returning(notices.c.notice_id)
        )
        return len((await self._session.execute(statement)).all())

    async def claim_next_due(self, now: datetime) -> DueNotice | None:
        """The next pending notice due by ``now`` whose recipient is known, locked for us.

        SKIP LOCKED: another sender (another instance) never gets the same notice meanwhile.
        """
        query = (
            select(
                notices,
                users.c.email.label("user_email"),
                users.c.language.label("user_language"),
                users.c.time_zone,
                users.c.first_name,
                users.c.last_name,
                users.c.disabled,
            )
            .select_from(notices.outerjoin(users, notices.c.user_id == users.c.user_id))
            .where(
                notices.c.status == NoticeStatus.PENDING.value,
                notices.c.next_attempt_at <= now,
                or_(notices.c.email.is_not(None), users.c.user_id.is_not(None)),
            )
            .order_by(notices.c.next_attempt_at)
            .limit(1)
            .with_for_update(of=notices, skip_locked=True)
        )
        row = (await self._session.execute(query)).mappings().first()
        return _due(row) if row else None

    async def record(self, notice_id: str, kind: NoticeKind, result: SendResult) -> None:
        """Write what an attempt came to; a sent notice loses its secret parameters."""
        values: dict[str, Any] = {
            "status": result.status.value,
            "attempts": result.attempts,
            "last_error": result.error,
            "sent_to": result.sent_to,
            "sent_at": result.sent_at,
        }
        if result.next_attempt_at is not None:
            values["next_attempt_at"] = result.next_attempt_at
        secrets = SECRET_PARAMS.get(kind, frozenset())
        if secrets and result.status is not NoticeStatus.PENDING:
            values["params"] = notices.c.params.op("-")(
                cast(literal(sorted(secrets), _TEXT_ARRAY), _TEXT_ARRAY)
            )
        await self._session.execute(
            update(notices).where(notices.c.notice_id == notice_id).values(values)
        )

    async def for_source(self, kind: NoticeKind, source: str) -> list[NoticeRecord]:
        """The notices of one kind and cause (e.g. an outage's follow-up), by recipient."""
        query = (
            select(
                notices,
                users.c.email.label("user_email"),
                users.c.first_name,
                users.c.last_name,
                users.c.language.label("user_language"),
            )
            .select_from(notices.outerjoin(users, notices.c.user_id == users.c.user_id))
            .where(notices.c.kind == kind.value, notices.c.source == source)
            .order_by(notices.c.created_at, notices.c.recipient)
        )
        return [
            NoticeRecord(
                notice_id=row["notice_id"],
                user_id=row["user_id"],
                email=row["sent_to"] or row["email"] or row["user_email"],
                name=_name(row["first_name"], row["last_name"]),
                language=row["language"] or row["user_language"],
                status=row["status"],
                attempts=row["attempts"],
                message_id=row["message_id"],
                sent_at=row["sent_at"],
                last_error=row["last_error"],
            )
            for row in (await self._session.execute(query)).mappings()
        ]


def _name(first: str | None, last: str | None) -> str | None:
    joined = " ".join(part for part in (first, last) if part)
    return joined or None


def _due(row: RowMapping) -> DueNotice:
    language: Language = row["language"] or row["user_language"] or "en"
    return DueNotice(
        notice_id=row["notice_id"],
        kind=NoticeKind(row["kind"]),
        params=row["params"],
        attempts=row["attempts"],
        message_id=row["message_id"],
        user_id=row["user_id"],
        addressee=Addressee(
            email=row["email"] or row["user_email"],
            language=language,
            time_zone=row["time_zone"] or EASTERN_TIME,
            name=_name(row["first_name"], row["last_name"]) or "",
            disabled=bool(row["disabled"]),
        ),
    )
