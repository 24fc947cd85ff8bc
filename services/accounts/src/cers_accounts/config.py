"""Settings of the accounts service (environment variables ``CERS_*``)."""

from __future__ import annotations

from cers_chassis.settings import ServiceSettings, local_database_url


class AccountsSettings(ServiceSettings):
    """The accounts service's defaults for the local runtime."""

    service_name: str = "accounts"
    http_port: int = 8002
    database_url: str | None = local_database_url("accounts")
