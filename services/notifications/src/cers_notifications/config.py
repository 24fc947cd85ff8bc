"""Settings of the notifications service (environment variables ``CERS_*``)."""

from __future__ import annotations

from pydantic import Field, SecretStr

from cers_chassis.settings import ServiceSettings, local_database_url


class NotificationsSettings(ServiceSettings):
    """The notifications service's defaults for the local runtime."""

    service_name: str = "notifications"
    http_port: int = 8005
    database_url: str | None = local_database_url("notifications")
    portal_base_url: str = Field(
        default="http://127.0.0.1:8000", description="Base of the links in e-mails (the portal)."
    )
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=8025, ge=1, le=65535)
    smtp_timeout_s: float = Field(default=10.0, gt=0)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_sink_enabled: bool = Field(
        default=True, description="Run the development SMTP sink on smtp_host:smtp_port."
    )
    mail_from: str = "CERS / SCDE <no-reply@cers.local>"
    message_id_domain: str = "notifications.cers.local"
    sender_poll_interval_s: float = Field(default=1.0, gt=0)
    notice_retry_base_s: float = Field(default=5.0, gt=0)
    notice_retry_max_s: float = Field(default=3600.0, gt=0)
    notice_max_attempts: int = Field(default=30, ge=1)
    outage_check_interval_s: float = Field(default=5.0, gt=0)
