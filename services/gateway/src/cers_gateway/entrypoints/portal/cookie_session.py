"""The session cookie: opened before each request (a forged or stale one means signed out) and
sealed again after it when the web session changed."""

from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.requests import HTTPConnection

from cers_gateway.adapters.cookie import CookieSealer
from cers_gateway.config import GatewaySettings
from cers_gateway.domain.web_session import WebSession
from cers_gateway.entrypoints.portal.security import ASGIApp, Message, Receive, Scope, Send

NO_SESSION_PATHS = ("/static/", "/healthz", "/readyz", "/metrics", "/api/")
SCOPE_KEY = "cers_web"


class SessionCookieMiddleware:
    """Puts the request's ``WebSession`` in ``scope["cers_web"]`` and keeps the cookie in step."""

    def __init__(self, app: ASGIApp, settings: GatewaySettings, sealer: CookieSealer) -> None:
        self.app = app
        self.settings = settings
        self.sealer = sealer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or path.startswith(NO_SESSION_PATHS):
            await self.app(scope, receive, send)
            return
        raw = HTTPConnection(scope).cookies.get(self.settings.cookie_name)
        opened = self.sealer.open(raw) if raw else None
        web = opened or WebSession()
        before = web.to_dict() if opened else None
        scope[SCOPE_KEY] = web

        async def with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and web.to_dict() != before:
                header = self._cookie(self.sealer.seal(web))
                message["headers"] = [*message.get("headers", []), (b"set-cookie", header)]
            await send(message)

        await self.app(scope, receive, with_cookie)

    def _cookie(self, value: str) -> bytes:
        cookie: SimpleCookie = SimpleCookie()
        name = self.settings.cookie_name
        cookie[name] = value
        cookie[name]["path"] = "/"
        cookie[name]["httponly"] = True
        cookie[name]["samesite"] = "Lax"
        if self.settings.cookie_secure:
            cookie[name]["secure"] = True
        return cookie.output(header="").strip().encode()
