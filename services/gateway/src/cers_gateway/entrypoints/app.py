"""The gateway's ASGI app: health, readiness and the system status page."""

from cers_chassis.service import create_service_app
from cers_gateway.config import GatewaySettings
from cers_gateway.entrypoints.status import status_router

settings = GatewaySettings()
app = create_service_app(settings, title="CERS gateway", routers=[status_router(settings)])
