"""Short-lived access tokens for a session, cached until shortly before they expire."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta

from cers_gateway.adapters.http import Caller
from cers_gateway.adapters.identity import IdentityClient

MAX_CACHED = 10_000


class TokenCache:
    """Per identity session, the last token identity issued (keyed by a hash of the session id)."""

    def __init__(
        self, identity: IdentityClient, clock: Callable[[], datetime], margin_s: float
    ) -> None:
        self._identity = identity
        self._clock = clock
        self._margin = timedelta(seconds=margin_s)
        self._tokens: dict[str, tuple[str, datetime]] = {}

    async def token_for(self, session_id: str) -> str:
        """A token valid for at least the margin; a new one from identity when needed."""
        key = hashlib.sha256(session_id.encode()).hexdigest()
        cached = self._tokens.get(key)
        if cached and cached[1] - self._margin > self._clock():
            return cached[0]
        issued = await self._identity.issue_token(Caller(session_id=session_id))
        expires_at = datetime.fromisoformat(str(issued["expires_at"]).replace("Z", "+00:00"))
        if len(self._tokens) >= MAX_CACHED:
            now = self._clock()
            self._tokens = {k: v for k, v in self._tokens.items() if v[1] > now}
        self._tokens[key] = (str(issued["access_token"]), expires_at)
        return str(issued["access_token"])

    def forget(self, session_id: str) -> None:
        """Drop the session's token (sign-out)."""
        self._tokens.pop(hashlib.sha256(session_id.encode()).hexdigest(), None)
