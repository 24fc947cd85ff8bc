"""The gateway's ASGI app: the web portal, the public API, the system status page, health and
readiness."""

from fastapi import FastAPI

from cers_chassis.service import create_service_app
from cers_gateway.config import GatewaySettings
from cers_gateway.entrypoints.api import install_api
from cers_gateway.entrypoints.portal import install_portal
from cers_gateway.entrypoints.status import status_router


def create_app(settings: GatewaySettings) -> FastAPI:
    """The gateway for ``settings``: the portal's pages over the services of ``service_urls``."""
    app = create_service_app(settings, title="CERS gateway", routers=[status_router(settings)])
    portal = install_portal(app, settings)
    install_api(app, settings, portal)
    return app


settings = GatewaySettings()
app = create_app(settings)
