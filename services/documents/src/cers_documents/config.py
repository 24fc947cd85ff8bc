"""Settings of the documents service (environment variables ``CERS_*``)."""

from __future__ import annotations

from cers_chassis.settings import ServiceSettings, local_database_url


class DocumentsSettings(ServiceSettings):
    """The documents service's defaults for the local runtime."""

    service_name: str = "documents"
    http_port: int = 8003
    database_url: str | None = local_database_url("documents")
