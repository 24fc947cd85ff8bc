"""Sign-in throttling: too many failures for one username in a window lock it out for a while."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    """``max_failures`` within ``window`` lock the username for ``lockout``."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)

    @property
    def memory(self) -> timedelta:
        """How long a failure can matter; older ones can be forgotten."""
        return self.window + self.lockout

    def locked_until(self, failures: Iterable[datetime], now: datetime) -> datetime | None:
        """The end of the lockout ``failures`` cause at ``now``, or None when not locked.

        A lockout starts at the failure that completes ``max_failures`` within ``window``.
        Refused attempts during a lockout are not failures, so they do not extend it.
        """
        times = sorted(failures)
        latest_end: datetime | None = None
        for last in range(self.max_failures - 1, len(times)):
            if times[last] - times[last - self.max_failures + 1] <= self.window:
                latest_end = times[last] + self.lockout
        return latest_end if latest_end is not None and latest_end > now else None
