"""Personal access tokens at the edge: exchanged at identity for a short-lived access token,
kept (by the token's SHA-256, never the token) until shortly before that expires.

A token revoked in this gateway's portal is forgotten at once; one revoked elsewhere (another
gateway process) works at most ``max_cache_s`` longer, the bound on how long an exchange is
trusted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cers_gateway.adapters.http import Caller
from cers_gateway.adapters.identity import IdentityClient
from cers_gateway.domain.api_scope import TokenScope

MAX_CACHED = 10_000


class TokenVersions:
    """The membership versions a token's calls have seen (read-your-writes across calls)."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[int, int]] = {}

    def versions_of(self, account_id: str) -> tuple[int, int] | None:
        return self._seen.get(account_id)

    def remember_versions(
        self, account_id: str, membership: int | None, association: int | None
    ) -> None:
        before = self._seen.get(account_id, (0, 0))
        self._seen[account_id] = (
            max(before[0], membership or 0),
            max(before[1], association or 0),
        )


@dataclass
class TokenHolder:
    """A token's scope and the credentials to call services with for it."""

    scope: TokenScope
    caller: Caller
    key: str
    """The SHA-256 of the token (what the gateway's own per-token memories are keyed by)."""


@dataclass
class _Exchange:
    holder: TokenHolder
    fresh_until: datetime


@dataclass
class PersonalTokens:
    """Exchanges personal access tokens and keeps the results briefly."""

    identity: IdentityClient
    clock: Callable[[], datetime]
    margin_s: float
    max_cache_s: float
    _cache: dict[str, _Exchange] = field(default_factory=dict)
    _versions: dict[str, TokenVersions] = field(default_factory=dict)

    async def holder(self, token: str) -> TokenHolder:
        """The token's holder (``ServiceError`` 401 ``identity.pat.invalid`` if refused)."""
        key = hashlib.sha256(token.encode()).hexdigest()
        now = self.clock()
        cached = self._cache.get(key)
        if cached is not None and cached.fresh_until > now:
            return cached.holder
        exchanged = await self.identity.exchange_personal_token(token)
        scope = TokenScope.of(exchanged)
        expires_at = datetime.fromisoformat(str(exchanged["expires_at"]).replace("Z", "+00:00"))
        versions = self._versions.setdefault(scope.token_id, TokenVersions())
        holder = TokenHolder(
            scope, Caller(token=str(exchanged["access_token"]), versions=versions), key
        )
        fresh_until = min(
            expires_at - timedelta(seconds=self.margin_s), now + timedelta(seconds=self.max_cache_s)
        )
        if len(self._cache) >= MAX_CACHED:
            self._cache = {k: v for k, v in self._cache.items() if v.fresh_until > now}
            if len(self._versions) >= MAX_CACHED:
                self._versions = {scope.token_id: versions}
        self._cache[key] = _Exchange(holder, fresh_until)
        return holder

    def forget(self, token_id: str) -> None:
        """Stop trusting the exchanges of ``token_id`` (it was revoked)."""
        self._cache = {k: v for k, v in self._cache.items() if v.holder.scope.token_id != token_id}
        self._versions.pop(token_id, None)
