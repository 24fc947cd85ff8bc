"""The accounts service's ASGI app: health, readiness and the outbox relay of its database."""

from cers_accounts.config import AccountsSettings
from cers_chassis.service import create_service_app

settings = AccountsSettings()
app = create_service_app(settings, title="CERS accounts service")
