"""The services' message texts in English and French, and the outage banner, cached briefly."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from cers_gateway.adapters.http import ServiceClient, ServiceError
from cers_gateway.adapters.notifications import NotificationsClient

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


class OutageBanner:
    """The banner from ``GET /v1/outage``, cached a few seconds (every page shows it)."""

    def __init__(
        self,
        notifications: NotificationsClient,
        ttl_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._notifications = notifications
        self._ttl_s = ttl_s
        self._clock = clock
        self._cached: dict[str, Any] | None = None
        self._until = 0.0

    async def current(self) -> dict[str, Any] | None:
        """The banner (None when notifications cannot say: pages still work)."""
        now = self._clock()
        if self._cached is None or now >= self._until:
            try:
                self._cached = await self._notifications.outage()
            except ServiceError:
                self._cached = None
            self._until = now + self._ttl_s
        return self._cached
