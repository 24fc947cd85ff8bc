"""Settings of the notifications service (environment variables ``CERS_*``)."""

from __future__ import annotations

from cers_chassis.settings import ServiceSettings, local_database_url


class NotificationsSettings(ServiceSettings):
    """The notifications service's defaults for the local runtime."""

    service_name: str = "notifications"
    http_port: int = 8005
    database_url: str | None = local_database_url("notifications")
