"""Settings of the identity service (environment variables ``CERS_*``)."""

from __future__ import annotations

from pydantic import Field, model_validator

from cers_chassis.settings import ServiceSettings, local_database_url
from cers_identity.domain.providers import Provider, ProviderMode


class IdentitySettings(ServiceSettings):
    """The identity service's defaults for the local runtime.

    Each credential provider (``gckey``, ``sign_in_partner``) is ``local`` (the built-in
    username/password provider) or ``oidc`` (``CERS_<PROVIDER>_OIDC_*`` name the real one).
    """

    service_name: str = "identity"
    http_port: int = 8001
    database_url: str | None = local_database_url("identity")

    session_idle_timeout_s: float = Field(default=20 * 60, gt=0)
    session_absolute_timeout_s: float = Field(default=8 * 3600, gt=0)
    access_token_ttl_s: int = Field(default=300, gt=0, le=3600)
    signing_key_max_age_s: float = Field(
        default=24 * 3600, gt=0, description="Age after which the signing key is rotated."
    )
    signing_key_check_interval_s: float = Field(
        default=60.0,
        gt=0,
        description="How often housekeeping runs: key age, sign-in failures too old to count.",
    )
    retired_key_published_s: float = Field(
        default=600, gt=0, description="How long a retired key stays in the JWKS."
    )
    sign_in_max_failures: int = Field(default=5, ge=1)
    sign_in_failure_window_s: float = Field(default=15 * 60, gt=0)
    sign_in_lockout_s: float = Field(default=15 * 60, gt=0)
    oidc_authorization_ttl_s: float = Field(default=600, gt=0)
    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=65536, ge=8)
    argon2_parallelism: int = Field(default=4, ge=1)

    gckey_mode: ProviderMode = ProviderMode.LOCAL
    gckey_oidc_issuer: str = ""
    gckey_oidc_client_id: str = ""
    gckey_oidc_client_secret: str = ""
    gckey_oidc_scopes: str = "openid"
    gckey_oidc_redirect_uri: str = ""
    sign_in_partner_mode: ProviderMode = ProviderMode.LOCAL
    sign_in_partner_oidc_issuer: str = ""
    sign_in_partner_oidc_client_id: str = ""
    sign_in_partner_oidc_client_secret: str = ""
    sign_in_partner_oidc_scopes: str = "openid"
    sign_in_partner_oidc_redirect_uri: str = ""

    def provider_mode(self, provider: Provider) -> ProviderMode:
        """How ``provider`` is reached."""
        mode: ProviderMode = getattr(self, f"{provider.value}_mode")
        return mode

    def oidc_setting(self, provider: Provider, name: str) -> str:
        """``CERS_<PROVIDER>_OIDC_<NAME>`` (e.g. issuer, client_id)."""
        value: str = getattr(self, f"{provider.value}_oidc_{name}")
        return value

    @model_validator(mode="after")
    def _retired_keys_outlive_their_tokens(self) -> IdentitySettings:
        # A token signed just before a rotation must still verify until it expires.
        if self.retired_key_published_s < self.access_token_ttl_s:
            raise ValueError(
                "CERS_RETIRED_KEY_PUBLISHED_S must be at least CERS_ACCESS_TOKEN_TTL_S "
                f"({self.retired_key_published_s} < {self.access_token_ttl_s})"
            )
        return self

    @model_validator(mode="after")
    def _oidc_providers_are_configured(self) -> IdentitySettings:
        for provider in Provider:
            if self.provider_mode(provider) is ProviderMode.OIDC:
                missing = [
                    f"CERS_{provider.value.upper()}_OIDC_{name.upper()}"
                    for name in ("issuer", "client_id", "redirect_uri")
                    if not self.oidc_setting(provider, name)
                ]
                if missing:
                    raise ValueError(f"{provider.value} is in oidc mode; set {', '.join(missing)}")
        return self
