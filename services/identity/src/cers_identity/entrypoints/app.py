"""The identity service's ASGI app: health, readiness and the outbox relay of its database."""

from cers_chassis.service import create_service_app
from cers_identity.config import IdentitySettings

settings = IdentitySettings()
app = create_service_app(settings, title="CERS identity service")
