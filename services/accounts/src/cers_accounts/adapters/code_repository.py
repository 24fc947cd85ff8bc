"""Activation codes and the audit of activation attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_accounts.adapters.tables import activation_attempts, activation_codes
from cers_accounts.domain.activation import ActivationCode, CodeStatus

_CODE_FIELDS = (
    "code_id",
    "business_number",
    "authorization_id",
    "export_designation",
    "applicant_email",
    "applicant_language",
    "code_hash",
    "issued_at",
    "issued_by",
    "expires_at",
    "ended_at",
    "expiry_notice_sent_at",
    "redeemed_account_id",
)


class CodeRepository:
    """Loads and saves ``ActivationCode``s; remembers the ones it handed out."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.seen: dict[str, ActivationCode] = {}
        self._as_loaded: dict[str, dict[str, Any]] = {}

    def add(self, code: ActivationCode) -> None:
        """Track a new code (saved at commit)."""
        self.seen[code.code_id] = code

    async def get(self, code_id: str, *, for_update: bool = False) -> ActivationCode | None:
        """One code by id."""
        query = select(activation_codes).where(activation_codes.c.code_id == code_id)
        row = (
            await self._session.execute(query.with_for_update() if for_update else query)
        ).first()
        return self._track(row) if row else None

    async def business_number_of(self, code_id: str) -> str | None:
        """The BN a code was issued for, without loading (or locking) the code."""
        query = select(activation_codes.c.business_number).where(
            activation_codes.c.code_id == code_id
        )
        found: str | None = (await self._session.execute(query)).scalar()
        return found

    async def of_business_number(
        self, business_number: str, *, for_update: bool = False
    ) -> list[ActivationCode]:
        """Every code issued for the BN, the active one first, then newest first."""
        query = (
            select(activation_codes)
            .where(activation_codes.c.business_number == business_number)
            .order_by(
                (activation_codes.c.status == CodeStatus.ACTIVE.value).desc(),
                activation_codes.c.issued_at.desc(),
            )
        )
        rows = (await self._session.execute(query.with_for_update() if for_update else query)).all()
        return [self._track(row) for row in rows]

    async def due_for_expiry_notice(
        self, notice_from: datetime, now: datetime
    ) -> list[ActivationCode]:
        """Active codes expiring before ``notice_from`` (and after ``now``) not yet announced;
        locked, skipping any another sweeper holds."""
        query = (
            select(activation_codes)
            .where(
                activation_codes.c.status == CodeStatus.ACTIVE.value,
                activation_codes.c.expiry_notice_sent_at.is_(None),
                activation_codes.c.expires_at <= notice_from,
                activation_codes.c.expires_at > now,
            )
            .order_by(activation_codes.c.expires_at)
            .limit(200)
            .with_for_update(skip_locked=True)
        )
        return [self._track(row) for row in (await self._session.execute(query)).all()]

    async def save_if_changed(self, code: ActivationCode) -> None:
        """Write the code if it is new or changed since it was loaded (never a stale copy)."""
        values = _values(code)
        if values == self._as_loaded.get(code.code_id):
            return
        self._as_loaded[code.code_id] = values
        await self._session.execute(
            pg_insert(activation_codes)
            .values(values)
            .on_conflict_do_update(index_elements=["code_id"], set_=values)
        )

    def _track(self, row: Row[Any]) -> ActivationCode:
        if row.code_id not in self.seen:
            fields = {name: getattr(row, name) for name in _CODE_FIELDS}
            code = ActivationCode(status=CodeStatus(row.status), **fields)
            self.seen[row.code_id] = code
            self._as_loaded[row.code_id] = _values(code)
        return self.seen[row.code_id]


def _values(code: ActivationCode) -> dict[str, Any]:
    return {name: getattr(code, name) for name in _CODE_FIELDS} | {"status": code.status.value}


class AttemptLog:
    """The audit of activation attempts, which also drives the lockout."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def serialize(self, business_number: str) -> None:
        """Hold the BN's activation lock to the end of the transaction: attempts cannot race past
        the limit, nor two issues leave two active codes."""
        await self._session.execute(
            text("SELECT pg_advisory_xact_lock(hashtext('activation:' || :bn))"),
            {"bn": business_number},
        )

    async def record(
        self, business_number: str, user_id: str, outcome: str, *, failure: bool, at: datetime
    ) -> None:
        """One audited attempt; ``failure`` attempts count toward the lockout."""
        await self._session.execute(
            insert(activation_attempts).values(
                business_number=business_number,
                user_id=user_id,
                outcome=outcome,
                failure=failure,
                occurred_at=at,
            )
        )

    async def failures_since(self, business_number: str, since: datetime) -> list[datetime]:
        """When the BN's failed attempts after ``since`` happened."""
        result = await self._session.execute(
            select(activation_attempts.c.occurred_at).where(
                activation_attempts.c.business_number == business_number,
                activation_attempts.c.failure,
                activation_attempts.c.occurred_at > since,
            )
        )
        return list(result.scalars())
