"""The accounts service's ASGI app: health, readiness and the outbox relay of its database."""

from cers_chassis.service import create_service_app

from cers_accounts.config import AccountsSettings

app = create_service_app(AccountsSettings(), title="CERS accounts service")
