"""User accounts: a URN, a profile, and the flags other services need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cers_identity.domain.errors import UnauthenticatedError, problem
from cers_identity.domain.profile import Profile


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
