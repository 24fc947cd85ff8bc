"""The identity service's ASGI app: health, readiness and the outbox relay of its database."""

from cers_chassis.service import create_service_app

from cers_identity.config import IdentitySettings

app = create_service_app(IdentitySettings(), title="CERS identity service")
