"""E-mail confirmation links: single use, valid 24 hours, for the address they were sent to."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cers_identity.domain.errors import GoneError, problem

VALIDITY = timedelta(hours=24)


@dataclass
class EmailConfirmation:
    """A pending confirmation of ``email`` for a user (the link's secret is kept hashed)."""

    token_hash: str
    user_id: str
    email: str
    expires_at: datetime
    used_at: datetime | None = None

    def use(self, now: datetime, current_email: str, pointer: str = "/token") -> None:
        """Spend the link; GoneError when used, expired, or for an address no longer the user's."""
        if self.used_at is not None:
            raise GoneError(problem(pointer, "identity.email_confirmation.used"))
        if now >= self.expires_at:
            raise GoneError(problem(pointer, "identity.email_confirmation.expired"))
        if self.email != current_email:
            raise GoneError(problem(pointer, "identity.email_confirmation.superseded"))
        self.used_at = now
