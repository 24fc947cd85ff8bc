"""The security audit trail: a row in ``audit_log`` (same transaction) and a log line."""

from __future__ import annotations

import logging
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_identity.adapters.tables import audit_log
from cers_identity.domain.credentials import Credential

log = logging.getLogger("cers.identity.audit")


class AuditAction(StrEnum):
    """What the audit trail records."""

    SIGN_UP = "sign_up"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_IN_REFUSED_LOCKED = "sign_in_refused_locked"
    LOCKOUT = "lockout"
    PASSWORD_RESET = "password_reset"  # noqa: S105 - an action name, not a password
    RECOVERY_FAILED = "recovery_failed"
    SIGN_OUT = "sign_out"
    SESSION_ENDED = "session_ended"
    TERMS_ACCEPTED = "terms_accepted"
    USER_REGISTERED = "user_registered"
    CREDENTIAL_TRANSFERRED = "credential_transferred"
    OFFICER_CREATED = "officer_created"
    USER_DISABLED = "user_disabled"
    KEYS_ROTATED = "keys_rotated"
    TERMS_PUBLISHED = "terms_published"
    PAT_CREATED = "pat_created"
    PAT_REVOKED = "pat_revoked"


class AuditLog:
    """Records security events in the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(
        self,
        action: AuditAction,
        at: datetime,
        *,
        provider: str | None = None,
        username: str | None = None,
        credential_id: str | None = None,
        user_id: str | None = None,
        session_reference: str | None = None,
        **detail: Any,
    ) -> None:
        """Record ``action`` with who and what it concerned."""
        fields = {
            "provider": provider,
            "username": username,
            "credential_id": credential_id,
            "user_id": user_id,
            "session_reference": session_reference,
        }
        await self._session.execute(
            insert(audit_log).values(occurred_at=at, action=action.value, detail=detail, **fields)
        )
        known = {k: v for k, v in fields.items() if v is not None}
        log.info(
            "audit %s", action.value, extra={"audit": {"action": action.value} | known | detail}
        )

    async def record_about(
        self, action: AuditAction, at: datetime, credential: Credential, **detail: Any
    ) -> None:
        """Record ``action`` about ``credential``: its provider, subject (the case-folded
        username, as failed attempts record it, or the OIDC subject) and user."""
        await self.record(
            action,
            at,
            provider=credential.provider.value,
            username=credential.subject,
            credential_id=credential.id,
            user_id=credential.user_id,
            **detail,
        )
