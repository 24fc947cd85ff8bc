"""Sign-in sessions: their timeouts and what a session may do next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class SessionState(StrEnum):
    """What the person behind a session must do next."""

    NEEDS_TERMS = "needs_terms"
    NEEDS_USER_ACCOUNT = "needs_user_account"
    ACTIVE = "active"


class EndReason(StrEnum):
    """Why a session ended."""

    SIGNED_OUT = "signed_out"
    ENDED_BY_USER = "ended_by_user"
    IDLE_TIMEOUT = "idle_timeout"
    ABSOLUTE_TIMEOUT = "absolute_timeout"
    CREDENTIAL_DISABLED = "credential_disabled"
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a reason, not a password
    USER_DISABLED = "user_disabled"


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session lives: idle (since last use) and absolute (since sign-in)."""

    idle: timedelta = timedelta(minutes=20)
    absolute: timedelta = timedelta(hours=8)


@dataclass
class Session:
    """A signed-in browser, known to the gateway by a secret and to its user by ``reference``."""

    reference: str
    credential_id: str
    user_id: str | None
    created_at: datetime
    last_seen_at: datetime
    ended_at: datetime | None = None
    end_reason: EndReason | None = None

    def idle_expires_at(self, policy: SessionPolicy) -> datetime:
        """When the session ends unless used again."""
        return min(self.last_seen_at + policy.idle, self.absolute_expires_at(policy))

    def absolute_expires_at(self, policy: SessionPolicy) -> datetime:
        """When the session ends whatever happens."""
        return self.created_at + policy.absolute

    def timeout_at(self, now: datetime, policy: SessionPolicy) -> EndReason | None:
        """The timeout that has ended the session by ``now``, if any."""
        if now >= self.absolute_expires_at(policy):
            return EndReason.ABSOLUTE_TIMEOUT
        if now >= self.last_seen_at + policy.idle:
            return EndReason.IDLE_TIMEOUT
        return None

    def end(self, now: datetime, reason: EndReason) -> None:
        """End the session (once: the first reason is kept)."""
        if self.ended_at is None:
            self.ended_at, self.end_reason = now, reason


def session_state(
    *, has_user: bool, accepted_terms: int | None, current_terms: int
) -> SessionState:
    """The next step: accept the current terms, then create a user account, then use CERS."""
    if accepted_terms != current_terms:
        return SessionState.NEEDS_TERMS
    return SessionState.ACTIVE if has_user else SessionState.NEEDS_USER_ACCOUNT
