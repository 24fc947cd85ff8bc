"""The bulk service's ASGI app: health, readiness and the outbox relay of its database."""

from cers_bulk.config import BulkSettings
from cers_chassis.service import create_service_app

settings = BulkSettings()
app = create_service_app(settings, title="CERS bulk service")
