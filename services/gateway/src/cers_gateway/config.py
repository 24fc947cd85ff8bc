"""Settings of the gateway service (environment variables ``CERS_*``)."""

from __future__ import annotations

from pydantic import Field

from cers_chassis.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    """The gateway service's defaults for the local runtime."""

    service_name: str = "gateway"
    http_port: int = 8000
    service_urls: dict[str, str] = Field(
        default_factory=lambda: {
            "identity": "http://127.0.0.1:8001",
            "accounts": "http://127.0.0.1:8002",
            "documents": "http://127.0.0.1:8003",
            "bulk": "http://127.0.0.1:8004",
            "notifications": "http://127.0.0.1:8005",
        }
    )
