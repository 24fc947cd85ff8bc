"""Settings of the bulk service (environment variables ``CERS_*``)."""

from __future__ import annotations

from cers_chassis.settings import ServiceSettings, local_database_url


class BulkSettings(ServiceSettings):
    """The bulk service's defaults for the local runtime."""

    service_name: str = "bulk"
    http_port: int = 8004
    database_url: str | None = local_database_url("bulk")
