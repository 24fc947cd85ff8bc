"""Settings of the gateway service (environment variables ``CERS_*``)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cers_chassis.settings import ServiceSettings

DEV_COOKIE_KEY = "ZGV2LW9ubHktY29va2llLWtleS1jaGFuZ2UtbWUtISE="
"""The development cookie key (base64 of 32 bytes). Dev only: set CERS_COOKIE_KEY elsewhere."""


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
    cookie_key: str = Field(
        default=DEV_COOKIE_KEY,
        description="base64 of a 32-byte AES-GCM key of the session cookie (default: dev only).",
    )
    cookie_name: str = "cers_session"
    cookie_secure: bool = Field(default=True, description="Secure attribute of the cookie.")
    service_timeout_s: float = Field(default=10.0, gt=0)
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024, description="Largest request body.")
    rate_limit_window_s: float = Field(default=60.0, gt=0)
    rate_limit_per_ip: int = Field(default=30, ge=1, description="Attempts per IP per window.")
    rate_limit_per_username: int = Field(
        default=10, ge=1, description="Attempts per username (or BN) per window."
    )
    outage_cache_s: float = Field(default=5.0, ge=0, description="How long the banner is cached.")
    provider_modes_cache_s: float = Field(
        default=60.0, ge=0, description="How long identity's credential provider modes are cached."
    )
    token_refresh_margin_s: float = Field(
        default=30.0, ge=0, description="A cached token is renewed this long before it expires."
    )
    api_rate_limit_per_token: int = Field(
        default=600, ge=1, description="Public API calls per personal access token per window."
    )
    api_rate_limit_window_s: float = Field(default=60.0, gt=0)
    api_token_cache_s: float = Field(
        default=60.0,
        ge=0,
        description="Longest an exchanged personal access token is trusted unchecked.",
    )
    api_idempotency_ttl_s: float = Field(
        default=86_400.0, gt=0, description="How long the API remembers an Idempotency-Key."
    )
    tls_certfile: str | None = Field(default=None, description="PEM certificate: serve HTTPS.")
    tls_keyfile: str | None = Field(default=None, description="PEM private key of the certificate.")
    hsts_max_age_s: int = Field(default=31_536_000, ge=0)

    @property
    def serves_tls(self) -> bool:
        """True when the gateway itself terminates TLS (and so sends HSTS)."""
        return bool(self.tls_certfile and self.tls_keyfile)

    def uvicorn_options(self) -> dict[str, Any]:
        """Extra ``uvicorn.run`` options for ``cers-serve``: the certificate when TLS is on.

        uvicorn's default context (``ssl.PROTOCOL_TLS_SERVER``) refuses anything below TLS 1.2
        on Python 3.10 and later.
        """
        if not self.serves_tls:
            return {}
        return {"ssl_certfile": self.tls_certfile, "ssl_keyfile": self.tls_keyfile}
