"""Sign-in sessions in identity's database (by the SHA-256 of their secret, or by reference)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cers_identity.adapters.tables import sessions
from cers_identity.domain.sessions import EndReason, Session


def _session(row: Row[Any]) -> Session:
    return Session(
        reference=row.reference,
        credential_id=row.credential_id,
        user_id=row.user_id,
        created_at=row.created_at,
        last_seen_at=row.last_seen_at,
        ended_at=row.ended_at,
        end_reason=EndReason(row.end_reason) if row.end_reason else None,
    )


class SessionRepository:
    """Loads, stores and ends sessions."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, signed_in: Session, secret_hash: str) -> None:
        """Store a new session under the hash of its secret."""
        await self._session.execute(
            insert(sessions).values(
                reference=signed_in.reference,
                secret_hash=secret_hash,
                credential_id=signed_in.credential_id,
                user_id=signed_in.user_id,
                created_at=signed_in.created_at,
                last_seen_at=signed_in.last_seen_at,
            )
        )

    async def by_secret_hash(self, secret_hash: str) -> Session | None:
        """The session whose secret hashes to ``secret_hash``, locked for this transaction."""
        query = select(sessions).where(sessions.c.secret_hash == secret_hash).with_for_update()
        row = (await self._session.execute(query)).one_or_none()
        return _session(row) if row else None

    async def by_reference(self, reference: str) -> Session | None:
        """The session with this public reference, locked for this transaction."""
        query = select(sessions).where(sessions.c.reference == reference).with_for_update()
        row = (await self._session.execute(query)).one_or_none()
        return _session(row) if row else None

    async def open_of_user(self, user_id: str) -> list[Session]:
        """The user's sessions not ended yet (some may have timed out unnoticed), newest first."""
        query = (
            select(sessions)
            .where((sessions.c.user_id == user_id) & sessions.c.ended_at.is_(None))
            .order_by(sessions.c.created_at.desc())
        )
        return [_session(row) for row in await self._session.execute(query)]

    async def save(self, signed_in: Session) -> None:
        """Store the changes of a loaded session."""
        await self._session.execute(
            update(sessions)
            .where(sessions.c.reference == signed_in.reference)
            .values(
                credential_id=signed_in.credential_id,
                user_id=signed_in.user_id,
                last_seen_at=signed_in.last_seen_at,
                ended_at=signed_in.ended_at,
                end_reason=signed_in.end_reason.value if signed_in.end_reason else None,
            )
        )

    async def link_user(self, credential_id: str, user_id: str) -> None:
        """Every open session of a credential now belongs to its (new) user account."""
        await self._session.execute(
            update(sessions)
            .where((sessions.c.credential_id == credential_id) & sessions.c.ended_at.is_(None))
            .values(user_id=user_id)
        )

    async def end_all(
        self,
        *,
        now: datetime,
        reason: EndReason,
        credential_id: str | None = None,
        user_id: str | None = None,
        keep: str | None = None,
    ) -> list[str]:
        """End the open sessions of a credential or of a user (but ``keep``); their references."""
        if credential_id is None and user_id is None:
            raise ValueError("name the credential or the user whose sessions end")
        conditions: list[ColumnElement[bool]] = [sessions.c.ended_at.is_(None)]
        if credential_id is not None:
            conditions.append(sessions.c.credential_id == credential_id)
        if user_id is not None:
            conditions.append(sessions.c.user_id == user_id)
        if keep is not None:
            conditions.append(sessions.c.reference != keep)
        result = await self._session.execute(
            update(sessions)
            .where(*conditions)
            .values(ended_at=now, end_reason=reason.value)
            .returning(sessions.c.reference)
        )
        return list(result.scalars())
