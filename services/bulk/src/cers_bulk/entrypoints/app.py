"""The bulk service's ASGI app: health, readiness and the outbox relay of its database."""

from cers_chassis.service import create_service_app

from cers_bulk.config import BulkSettings

app = create_service_app(BulkSettings(), title="CERS bulk service")
