"""Domain errors: each names a stable message key, the English text and where the problem is.

The kind of error (not found, conflict, forbidden, invalid, locked) is its class; the
entrypoints map classes to HTTP statuses.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


class DomainError(Exception):
    """A rule of the accounts domain refused the request."""

    def __init__(
        self, code: str, message: str, *, pointer: str = "", params: dict[str, Any] | None = None
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.pointer = pointer
        self.params = params or {}


class InvalidInputError(DomainError):
    """The request breaks a rule about its own content."""


class NotFoundError(DomainError):
    """What the request names does not exist (or no longer does)."""


class ConflictError(DomainError):
    """The request clashes with the current state."""


class ForbiddenError(DomainError):
    """The caller may not do this."""


class ActivationRefusedError(DomainError):
    """The activation code does not open this business account (wrong, expired, used...)."""


class ActivationLockedError(DomainError):
    """Too many failed activation attempts for the Business Number: wait until ``retry_at``."""

    def __init__(self, business_number: str, retry_at: datetime, now: datetime) -> None:
        super().__init__(
            "accounts.activation.locked",
            "Too many failed activation attempts for this Business Number. Try again after "
            f"{retry_at.isoformat(timespec='seconds')} (UTC).",
            pointer="/business_number",
            params={"retry_at": retry_at.isoformat()},
        )
        self.business_number = business_number
        self.retry_at = retry_at
        self.retry_after_s = max(1, int((retry_at - now).total_seconds()))
