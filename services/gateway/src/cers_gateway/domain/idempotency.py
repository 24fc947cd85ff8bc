"""The gateway's own memory of idempotent requests, for services that keep none.

A retried create with the same ``Idempotency-Key`` gets the first answer again instead of
creating twice. Keys belong to one token; one key is one request (the same key with another
request is refused); only successes are kept (a failure may be retried); entries live 24 hours.
In memory, so it holds within one gateway process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DAY_S = 24 * 3600.0
MAX_ENTRIES = 100_000


@dataclass(frozen=True)
class StoredAnswer:
    """The first answer to a request: status and JSON body."""

    status: int
    body: Any


@dataclass
class _Entry:
    fingerprint: str
    expires: float
    answer: StoredAnswer | None = None


class KeyReusedError(Exception):
    """The key was first used for another request."""


class KeyInFlightError(Exception):
    """The first request with this key has not finished yet."""


@dataclass
class IdempotencyMemory:
    """Per (owner, key): the request's fingerprint and, once done, its answer."""

    clock: Callable[[], float]
    ttl_s: float = DAY_S
    _entries: dict[tuple[str, str], _Entry] = field(default_factory=dict)

    def begin(self, owner: str, key: str, fingerprint: str) -> StoredAnswer | None:
        """The stored answer to replay, or None after reserving the key for this request.

        ``KeyReusedError`` when the key was used for another request, ``KeyInFlightError`` while the
        first request with it runs.
        """
        now = self.clock()
        self._forget_expired(now)
        entry = self._entries.get((owner, key))
        if entry is not None:
            if entry.fingerprint != fingerprint:
                raise KeyReusedError
            if entry.answer is None:
                raise KeyInFlightError
            return entry.answer
        self._entries[(owner, key)] = _Entry(fingerprint, now + self.ttl_s)
        return None

    def finish(self, owner: str, key: str, answer: StoredAnswer) -> None:
        """Keep the answer of the reserved request."""
        entry = self._entries.get((owner, key))
        if entry is not None:
            entry.answer = answer

    def abandon(self, owner: str, key: str) -> None:
        """Release the key of a request that failed (it may be retried)."""
        self._entries.pop((owner, key), None)

    def _forget_expired(self, now: float) -> None:
        # Entries are kept in the order they were made, all with the same lifetime: the
        # expired ones (and, past the bound, the oldest ones) are at the front.
        while self._entries:
            oldest = next(iter(self._entries))
            if self._entries[oldest].expires > now and len(self._entries) < MAX_ENTRIES:
                return
            del self._entries[oldest]
