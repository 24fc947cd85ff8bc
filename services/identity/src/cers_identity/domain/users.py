"""User accounts: a URN, a profile, and the flags other services need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cers_identity.domain.errors import InvalidInputError, UnauthenticatedError, problem
from cers_identity.domain.profile import Profile

REASON_MAX = 500


@dataclass
class User:
    """A person known to CERS, whatever credential they sign in with today."""

    id: str
    urn: str
    profile: Profile
    email_confirmed: bool
    officer: bool
    accepted_terms_version: int | None
    created_at: datetime
    updated_at: datetime
    disabled_at: datetime | None = None
    disabled_reason: str | None = None

    def ensure_enabled(self) -> None:
        """UnauthenticatedError when the user account was disabled."""
        if self.disabled_at is not None:
            raise UnauthenticatedError(problem("", "identity.user.disabled"))

    def disable(self, now: datetime, reason: str) -> None:
        """No credential signs the user in from ``now`` on, for ``reason``."""
        self.disabled_at, self.disabled_reason, self.updated_at = now, reason, now


def disable_reason(text: str, pointer: str = "/reason") -> str:
    """Why a user is disabled, cleaned; InvalidInputError when it is empty or too long."""
    reason = " ".join(text.split())
    if not reason:
        raise InvalidInputError(problem(pointer, "identity.reason.required"))
    if len(reason) > REASON_MAX:
        raise InvalidInputError(problem(pointer, "identity.reason.too_long", max=REASON_MAX))
    return reason
