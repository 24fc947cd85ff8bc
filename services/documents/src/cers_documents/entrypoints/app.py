"""The documents service's ASGI app: health, readiness and the outbox relay of its database."""

from cers_chassis.service import create_service_app
from cers_documents.config import DocumentsSettings

settings = DocumentsSettings()
app = create_service_app(settings, title="CERS documents service")
