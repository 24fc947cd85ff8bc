"""Settings of the accounts service (environment variables ``CERS_*``)."""

from __future__ import annotations

from pydantic import Field

from cers_chassis.settings import ServiceSettings, local_database_url


class AccountsSettings(ServiceSettings):
    """The accounts service's defaults for the local runtime."""

    service_name: str = "accounts"
    http_port: int = 8002
    database_url: str | None = local_database_url("accounts")
    expiry_sweep_interval_s: float = Field(
        default=300.0, gt=0, description="How often unused codes near expiry are looked for."
    )
