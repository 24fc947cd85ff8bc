"""The development SMTP sink: an aiosmtpd server that keeps every message it receives.

It runs on the service's own event loop and stores messages in the ``sink_messages`` table, read
by the ``/sink`` pages. A development convenience (``CERS_SMTP_SINK_ENABLED``), never a relay:
nothing it receives goes any further.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_notifications.adapters.tables import sink_messages

log = logging.getLogger(__name__)
SINK_HOSTNAME = "cers-smtp-sink"


@dataclass(frozen=True)
class SinkMessage:
    """A message the sink received."""

    id: int
    received_at: datetime
    mail_from: str
    recipients: list[str]
    subject: str
    message_id: str | None
    content: bytes


class StoringHandler:
    """aiosmtpd handler: each message's DATA is stored before the server answers 250."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Callable[[], datetime]
    ) -> None:
        self._sessions = sessions
        self._clock = clock

    async def handle_DATA(  # noqa: N802 - the name aiosmtpd calls
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        content = envelope.original_content or b""
        parsed = message_from_bytes(content, policy=policy.default)
        async with self._sessions.begin() as db:
            await db.execute(
                insert(sink_messages).values(
                    received_at=self._clock(),
                    mail_from=str(envelope.mail_from or ""),
                    recipients=[str(r) for r in envelope.rcpt_tos],
                    subject=str(parsed.get("Subject", "")),
                    message_id=str(parsed.get("Message-ID", ""))[:255] or None,
                    content=content,
                )
            )
        return "250 Message accepted for delivery"


async def serve_sink(
    host: str,
    port: int,
    sessions: async_sessionmaker[AsyncSession],
    clock: Callable[[], datetime],
) -> None:
    """Run the sink until cancelled; if the port is taken, say so and give up (not fatal)."""
    handler = StoringHandler(sessions, clock)
    loop = asyncio.get_running_loop()

    def protocol() -> Any:
        return SMTP(handler, hostname=SINK_HOSTNAME, decode_data=False, loop=loop)

    try:
        server = await loop.create_server(protocol, host=host, port=port)
    except OSError as error:
        log.error("SMTP sink cannot listen on %s:%d: %r", host, port, error)
        return
    log.info("SMTP sink (development only) listening on %s:%d", host, port)
    async with server:
        await server.serve_forever()


class SinkRepository:
    """Reads what the sink received."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def latest(self, limit: int = 200) -> list[SinkMessage]:
        """The latest messages, newest first."""
        query = select(sink_messages).order_by(sink_messages.c.id.desc()).limit(limit)
        return [SinkMessage(**row) for row in (await self._session.execute(query)).mappings()]

    async def get(self, message_id: int) -> SinkMessage | None:
        """One message by its sink id."""
        query = select(sink_messages).where(sink_messages.c.id == message_id)
        row = (await self._session.execute(query)).mappings().first()
        return SinkMessage(**row) if row else None
