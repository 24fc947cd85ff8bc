"""Time as the model sees it: a clock is injected wherever expiry or lockout depends on it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The real clock: the current time, aware, in UTC."""
    return datetime.now(UTC)
