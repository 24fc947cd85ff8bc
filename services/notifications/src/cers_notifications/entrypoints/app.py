"""The notifications service's ASGI app: health, readiness and the outbox relay of its database."""

from cers_chassis.service import create_service_app
from cers_notifications.config import NotificationsSettings

settings = NotificationsSettings()
app = create_service_app(settings, title="CERS notifications service")
