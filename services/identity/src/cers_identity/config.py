"""Settings of the identity service (environment variables ``CERS_*``)."""

from __future__ import annotations

from cers_chassis.settings import ServiceSettings, local_database_url


class IdentitySettings(ServiceSettings):
    """The identity service's defaults for the local runtime."""

    service_name: str = "identity"
    http_port: int = 8001
    database_url: str | None = local_database_url("identity")
