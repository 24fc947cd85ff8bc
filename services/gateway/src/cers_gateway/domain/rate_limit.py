"""A sliding-window rate limiter (in memory, one process): at most N attempts per key per window."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_KEYS = 100_000
"""Above this many keys, keys with no attempt in the window are forgotten (bounded memory)."""


@dataclass
class SlidingWindowLimiter:
    """Counts attempts per key over the last ``window_s`` seconds of ``clock``."""

    limit: int
    window_s: float
    clock: Callable[[], float]
    _attempts: dict[str, deque[float]] = field(default_factory=dict)

    def attempt(self, key: str) -> float | None:
        """Record an attempt of ``key``; None if allowed, else the seconds until one would be.

        A refused attempt is not recorded, so hammering does not push the opening further away.
        """
        now = self.clock()
        attempts = self._attempts.setdefault(key, deque())
        while attempts and attempts[0] <= now - self.window_s:
            attempts.popleft()
        if len(attempts) >= self.limit:
            return max(attempts[0] + self.window_s - now, 0.001)
        attempts.append(now)
        if len(self._attempts) > MAX_KEYS:
            self._forget_idle(now)
        return None

    def _forget_idle(self, now: float) -> None:
        idle = [
            k
            for k, times in self._attempts.items()
            if not times or times[-1] <= now - self.window_s
        ]
        for key in idle:
            del self._attempts[key]
