"""The services' message texts in English and French, the outage banner and the credential
providers' modes, cached briefly."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, Generic, TypeVar

from cers_gateway.adapters.http import ServiceClient, ServiceError
from cers_gateway.adapters.identity import IdentityClient
from cers_gateway.adapters.notifications import NotificationsClient

T = TypeVar("T")
Json = dict[str, Any]

CATALOG_TTL_S = 3600.0
CATALOG_RETRY_S = 30.0


class MessageTexts:
    """``{code: {en, fr}}`` gathered from every service that serves ``GET /v1/messages``."""

    def __init__(
        self, clients: Iterable[ServiceClient], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._clients = list(clients)
        self._clock = clock
        self._texts: dict[str, Mapping[str, str]] = {}
        self._fresh_until: dict[str, float] = {}

    async def refresh(self) -> None:
        """Fetch the catalogs that are stale (a service without one is asked again later)."""
        now = self._clock()
        for client in self._clients:
            if self._fresh_until.get(client.name, 0.0) > now:
                continue
            try:
                self._texts.update(await client.messages())
                self._fresh_until[client.name] = now + CATALOG_TTL_S
            except ServiceError:
                self._fresh_until[client.name] = now + CATALOG_RETRY_S

    def text(self, code: str, params: Mapping[str, Any], language: str) -> str | None:
        """The text of ``code`` in ``language`` with its ``{name}`` params, if known."""
        texts = self._texts.get(code)
        template = texts.get(language) if texts else None
        if not template:
            return None
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return template


class CachedAnswer(Generic[T]):
    """A service's answer kept ``ttl_s`` seconds (every page may ask); ``fallback`` while the
    service cannot answer, kept as long, so pages do not each wait for a failing service."""

    def __init__(
        self,
        fetch: Callable[[], Awaitable[T]],
        fallback: T,
        ttl_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._fallback = fallback
        self._ttl_s = ttl_s
        self._clock = clock
        self._cached = fallback
        self._until: float | None = None

    async def current(self) -> T:
        """The answer (the fallback when the service could not give one)."""
        now = self._clock()
        if self._until is None or now >= self._until:
            try:
                self._cached = await self._fetch()
            except ServiceError:
                self._cached = self._fallback
            self._until = now + self._ttl_s
        return self._cached


def outage_banner(notifications: NotificationsClient, ttl_s: float) -> CachedAnswer[Json | None]:
    """The banner from notifications' ``GET /v1/outage`` (None when it cannot say: pages work)."""
    return CachedAnswer(notifications.outage, None, ttl_s)


def provider_modes(identity: IdentityClient, ttl_s: float) -> CachedAnswer[dict[str, str]]:
    """Each credential provider's mode from identity (none known while identity cannot say:
    the sign-in pages then show every provider as local)."""
    return CachedAnswer(identity.provider_modes, {}, ttl_s)
