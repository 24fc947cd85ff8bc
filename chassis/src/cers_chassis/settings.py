"""Service settings from the environment (prefix ``CERS_``), with defaults for the local runtime."""

from __future__ import annotations

import os

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# The local runtime's ports (deploy/local/env.sh reads the same variables).
LOCAL_KAFKA = f"127.0.0.1:{os.environ.get('CERS_KAFKA_PORT', '19092')}"
LOCAL_PG = f"127.0.0.1:{os.environ.get('CERS_PG_PORT', '54329')}"


def local_database_url(service: str) -> str:
    """The local runtime's database URL of ``service`` (its own database and role)."""
    return f"postgresql+asyncpg://{service}:{service}@{LOCAL_PG}/{service}"


class ServiceSettings(BaseSettings):
    """Settings every service shares. Each service subclasses it to set its own defaults."""

    model_config = SettingsConfigDict(env_prefix="CERS_", extra="ignore")

    service_name: str = "cers"
    http_host: str = "127.0.0.1"
    http_port: int = 8000
    database_url: str | None = None
    kafka_bootstrap: str = LOCAL_KAFKA
    log_level: str = "INFO"
    log_json: bool = True
    otlp_endpoint: str | None = Field(
        default=None, description="OTLP/HTTP traces endpoint; unset exports nothing."
    )
    jwks_url: str = "http://127.0.0.1:8001/.well-known/jwks.json"
    token_issuer: str = "cers-identity"  # noqa: S105 - an issuer name, not a secret
    token_audience: str = "cers"  # noqa: S105
    relay_enabled: bool = True
    relay_batch_size: int = Field(default=500, ge=1, le=10_000)
    relay_poll_interval_s: float = Field(default=1.0, gt=0)
    consumer_group: str | None = Field(
        default=None,
        description="Prefix of this service's Kafka consumer groups (default: the service name).",
    )
    consumer_max_attempts: int = Field(default=3, ge=1)
    consumer_retry_backoff_s: float = Field(default=0.2, ge=0)

    def consumer_group_id(self, purpose: str) -> str:
        """The consumer group of one of this service's consumers, e.g. ``accounts.user-replica``."""
        return f"{self.consumer_group or self.service_name}.{purpose}"

    @property
    def source(self) -> str:
        """The CloudEvents source of messages this service emits."""
        return f"/cers/{self.service_name}"
