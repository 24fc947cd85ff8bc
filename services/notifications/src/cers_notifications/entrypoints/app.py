"""The notifications service's ASGI app: bulletins, links, outages, subscriptions, notices."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from cers_chassis.auth import JwksTokenVerifier
from cers_chassis.errors import error_response
from cers_chassis.service import create_service_app
from cers_notifications.config import NotificationsSettings
from cers_notifications.entrypoints import (
    bulletins_api,
    links_api,
    message_routes,
    outage_api,
    sink_pages,
    subscriptions_api,
)
from cers_notifications.entrypoints.consumers import notification_consumers
from cers_notifications.entrypoints.problems import DOMAIN_ERRORS, api_error
from cers_notifications.entrypoints.wiring import Wiring
from cers_notifications.entrypoints.workers import notification_workers
from cers_notifications.service_layer.clock import Clock, utc_now


async def _on_domain_error(request: Request, error: Exception) -> JSONResponse:
    refused = api_error(error)
    return error_response(refused.status, refused.problems)


def create_app(
    settings: NotificationsSettings,
    *,
    clock: Clock = utc_now,
    verifier: JwksTokenVerifier | None = None,
) -> FastAPI:
    """The app; ``clock`` and ``verifier`` (instead of identity's JWKS) are for tests."""
    wiring = Wiring(settings=settings, clock=clock)
    routers = [
        bulletins_api.router,
        links_api.router,
        outage_api.router,
        subscriptions_api.router,
        message_routes.router,
    ]
    if settings.smtp_sink_enabled:
        routers.append(sink_pages.router)
    app = create_service_app(
        settings,
        title="CERS notifications service",
        routers=routers,
        consumers=notification_consumers(wiring),
        workers=notification_workers(wiring),
        verifier=verifier,
    )
    app.state.wiring = wiring
    for error_type in DOMAIN_ERRORS:
        app.add_exception_handler(error_type, _on_domain_error)
    return app


settings = NotificationsSettings()
app = create_app(settings)
