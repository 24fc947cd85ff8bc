"""Edge protections: security headers, body size limit, CSRF check, rate limits."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import Request

from cers_gateway.config import GatewaySettings
from cers_gateway.domain.rate_limit import SlidingWindowLimiter
from cers_gateway.domain.web_session import csrf_matches

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
CSRF_FIELD = "csrf_token"
TOO_LARGE_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Request too large</title></head>
<body><main><h1>Request too large</h1><p>The form sent was too large to accept.</p>
<p lang="fr">La demande envoy\xc3\xa9e \xc3\xa9tait trop volumineuse.</p>
<p><a href="/">CERS / SCDE</a></p></main></body></html>"""
TOO_LARGE_JSON = (
    b'{"errors":[{"pointer":"","code":"gateway.body.too_large",'
    b'"message":"The request body is too large.","params":{}}]}'
)


def security_headers(settings: GatewaySettings) -> list[tuple[bytes, bytes]]:
    """The headers every response carries (HSTS only when the gateway serves TLS)."""
    headers = [
        (b"content-security-policy", CSP.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
        (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]
    if settings.serves_tls:
        headers.append(
            (b"strict-transport-security", f"max-age={settings.hsts_max_age_s}".encode())
        )
    return headers


class SecurityHeadersMiddleware:
    """Adds the security headers, and ``Cache-Control: no-store`` to all but static files."""

    def __init__(self, app: ASGIApp, settings: GatewaySettings) -> None:
        self.app = app
        self.headers = security_headers(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in names]
                if not static and b"cache-control" not in names:
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimitMiddleware:
    """Refuses (413) a request body larger than the limit, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _too_large(send, _is_api(scope))
            return
        if declared is not None:
            await self.app(scope, receive, send)
            return
        # No length declared (chunked): read it all, up to the limit, then replay it.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await _too_large(send, _is_api(scope))
                return
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def _is_api(scope: Scope) -> bool:
    return str(scope.get("path", "")).startswith("/api/")


async def _too_large(send: Send, api: bool = False) -> None:
    """413: the page, or for the public API the error format."""
    body, kind = (TOO_LARGE_JSON, b"application/json") if api else (TOO_LARGE_PAGE, b"text/html")
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", kind + b"; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class CsrfRefused(Exception):  # noqa: N818 - the 403 page, as a signal
    """A state-changing form without the session's CSRF token."""


async def check_csrf(request: Request) -> None:
    """Every POST carries the session's CSRF token in ``csrf_token`` (403 otherwise)."""
    if request.method != "POST":
        return
    form = await request.form()
    given = form.get(CSRF_FIELD)
    web = request.scope["cers_web"]
    if not csrf_matches(web.csrf, given if isinstance(given, str) else None):
        raise CsrfRefused


class TooManyAttempts(Exception):  # noqa: N818 - the 429 page, as a signal
    """Over a rate limit; ``retry_after_s`` until the next attempt is allowed."""

    def __init__(self, retry_after_s: float) -> None:
        super().__init__(f"retry after {retry_after_s:.0f} s")
        self.retry_after_s = retry_after_s


class RateLimits:
    """Per client IP and per username (or BN), a sliding window for each guarded action."""

    def __init__(
        self, settings: GatewaySettings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        window = settings.rate_limit_window_s
        self._by_ip = SlidingWindowLimiter(settings.rate_limit_per_ip, window, clock)
        self._by_name = SlidingWindowLimiter(settings.rate_limit_per_username, window, clock)

    def check(self, action: str, client_ip: str, name: str | None = None) -> None:
        """Count an attempt of ``action``; ``TooManyAttempts`` when a limit is reached."""
        waits = [self._by_ip.attempt(f"{action}|{client_ip}")]
        if name:
            waits.append(self._by_name.attempt(f"{action}|{name.strip().casefold()}"))
        refused = [wait for wait in waits if wait is not None]
        if refused:
            raise TooManyAttempts(max(refused))
