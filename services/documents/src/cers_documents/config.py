"""Settings of the documents service (environment variables ``CERS_*``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from cers_chassis.settings import ServiceSettings, local_database_url


class DocumentsSettings(ServiceSettings):
    """The documents service's defaults for the local runtime."""

    service_name: str = "documents"
    http_port: int = 8003
    database_url: str | None = local_database_url("documents")
    exchange_rates_file: Path | None = Field(
        default=None,
        description="JSON rate table for the CAD 2,000 threshold (default: the bundled one).",
    )
    export_classification_file: Path | None = Field(
        default=None,
        description="Statistics Canada's CEC CSV; unset: the 2 national HS digits are not checked.",
    )
    max_body_bytes: int = Field(
        default=2 * 1024 * 1024, ge=1024, description="Largest request body accepted (413 above)."
    )
    draft_expiry_interval_s: float = Field(
        default=60.0, gt=0, description="How often expiring drafts are warned about and deleted."
    )
