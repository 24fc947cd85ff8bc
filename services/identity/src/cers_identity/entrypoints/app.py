"""The identity service's ASGI app: its HTTP API, the housekeeping worker and the outbox relay."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import httpx
from fastapi import FastAPI

from cers_chassis.service import BackgroundWork, ServiceRuntime, create_service_app
from cers_identity.config import IdentitySettings
from cers_identity.domain.clock import Clock, utc_now
from cers_identity.entrypoints import (
    credential_routes,
    key_routes,
    message_routes,
    pat_routes,
    profile_routes,
    session_routes,
)
from cers_identity.entrypoints.api_errors import install_refusal_handler
from cers_identity.entrypoints.workers import housekeeping
from cers_identity.service_layer.context import IdentityContext, build_context


def create_app(
    settings: IdentitySettings,
    *,
    clock: Clock = utc_now,
    oidc_http: httpx.AsyncClient | None = None,
) -> FastAPI:
    """The identity app; ``clock`` and ``oidc_http`` let tests move time and reach their provider.

    The use cases' context is built when the app starts (it needs the runtime's database) and
    lives on ``app.state.identity`` until it stops.
    """

    def workers(runtime: ServiceRuntime) -> Iterator[tuple[str, BackgroundWork]]:
        if runtime.sessions is None:
            raise RuntimeError("identity needs its database (CERS_DATABASE_URL)")
        context = build_context(settings, runtime.sessions, clock=clock, oidc_http=oidc_http)
        app.state.identity = context
        yield "housekeeping", lambda: _run(context, settings.signing_key_check_interval_s)

    app = create_service_app(
        settings,
        title="CERS identity service",
        routers=[
            credential_routes.router,
            session_routes.router,
            profile_routes.router,
            pat_routes.router,
            key_routes.router,
            message_routes.router,
        ],
        workers=workers,
    )
    install_refusal_handler(app)
    return app


async def _run(context: IdentityContext, interval_s: float) -> None:
    try:
        await housekeeping(context, interval_s)
    finally:
        with contextlib.suppress(Exception):
            await context.aclose()  # the app is stopping: release the OIDC clients


settings = IdentitySettings()
app = create_app(settings)
