"""What every use case needs: the database, the outbox, the clock, hashing, policies, providers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cers_chassis.outbox import Outbox
from cers_identity.adapters.hashing import Argon2Cost, SecretHasher
from cers_identity.adapters.oidc import (
    OidcClient,
    OidcConfig,
    OidcIdentity,
    PendingAuthorization,
)
from cers_identity.config import IdentitySettings
from cers_identity.domain.clock import Clock, utc_now
from cers_identity.domain.errors import InvalidInputError, problem
from cers_identity.domain.providers import Provider, ProviderMode
from cers_identity.domain.sessions import SessionPolicy
from cers_identity.domain.throttle import ThrottlePolicy
from cers_identity.service_layer.unit_of_work import UnitOfWork


class OidcFlow(Protocol):
    """The authorization-code flow with one provider (``adapters.oidc.OidcClient``)."""

    async def begin(self) -> PendingAuthorization: ...

    async def complete(
        self, pending: PendingAuthorization, *, code: str, state: str
    ) -> OidcIdentity: ...

    async def aclose(self) -> None: ...


@dataclass(frozen=True)
class Policies:
    """Timeouts and limits, from the settings."""

    session: SessionPolicy
    throttle: ThrottlePolicy
    access_token_ttl: timedelta
    signing_key_max_age: timedelta
    retired_key_published: timedelta
    oidc_authorization_ttl: timedelta
    token_issuer: str
    token_audience: str

    @classmethod
    def from_settings(cls, settings: IdentitySettings) -> Policies:
        """The policies ``settings`` describe."""

        def seconds(value: float) -> timedelta:
            return timedelta(seconds=value)

        return cls(
            session=SessionPolicy(
                idle=seconds(settings.session_idle_timeout_s),
                absolute=seconds(settings.session_absolute_timeout_s),
            ),
            throttle=ThrottlePolicy(
                max_failures=settings.sign_in_max_failures,
                window=seconds(settings.sign_in_failure_window_s),
                lockout=seconds(settings.sign_in_lockout_s),
            ),
            access_token_ttl=seconds(settings.access_token_ttl_s),
            signing_key_max_age=seconds(settings.signing_key_max_age_s),
            retired_key_published=seconds(settings.retired_key_published_s),
            oidc_authorization_ttl=seconds(settings.oidc_authorization_ttl_s),
            token_issuer=settings.token_issuer,
            token_audience=settings.token_audience,
        )


@dataclass
class IdentityContext:
    """The dependencies of the use cases, built once per running app."""

    sessions: async_sessionmaker[AsyncSession]
    outbox: Outbox
    hasher: SecretHasher
    policies: Policies
    clock: Clock = utc_now
    oidc: Mapping[Provider, OidcFlow] = field(default_factory=dict)

    def uow(self) -> UnitOfWork:
        """A new unit of work."""
        return UnitOfWork(self.sessions, self.outbox)

    def mode(self, provider: Provider) -> ProviderMode:
        """How ``provider`` is reached: providers with an OIDC client are OIDC, others local."""
        return ProviderMode.OIDC if provider in self.oidc else ProviderMode.LOCAL

    def require_local(self, provider: Provider, pointer: str = "/provider") -> None:
        """InvalidInputError unless ``provider`` is the built-in local provider here."""
        if self.mode(provider) is not ProviderMode.LOCAL:
            raise InvalidInputError(problem(pointer, "identity.provider.not_local"))

    def oidc_flow(self, provider: Provider, pointer: str = "/provider") -> OidcFlow:
        """The OIDC client of ``provider``; InvalidInputError when it is a local provider."""
        flow = self.oidc.get(provider)
        if flow is None:
            raise InvalidInputError(problem(pointer, "identity.provider.not_oidc"))
        return flow

    async def aclose(self) -> None:
        """Release the OIDC clients' connections."""
        for flow in self.oidc.values():
            await flow.aclose()


def build_context(
    settings: IdentitySettings,
    sessions: async_sessionmaker[AsyncSession],
    *,
    clock: Clock = utc_now,
    oidc_http: httpx.AsyncClient | None = None,
) -> IdentityContext:
    """The context of a running identity service, as ``settings`` describe it.

    ``oidc_http`` (tests) is the HTTP client the OIDC clients use to reach their providers.
    """
    oidc: dict[Provider, OidcFlow] = {}
    for provider in Provider:
        if settings.provider_mode(provider) is ProviderMode.OIDC:
            config = OidcConfig(
                issuer=settings.oidc_setting(provider, "issuer"),
                client_id=settings.oidc_setting(provider, "client_id"),
                client_secret=settings.oidc_setting(provider, "client_secret"),
                scopes=tuple(settings.oidc_setting(provider, "scopes").split()),
                redirect_uri=settings.oidc_setting(provider, "redirect_uri"),
            )
            oidc[provider] = OidcClient(config, oidc_http, clock=clock)
    cost = Argon2Cost(
        settings.argon2_time_cost, settings.argon2_memory_kib, settings.argon2_parallelism
    )
    return IdentityContext(
        sessions=sessions,
        outbox=Outbox(settings.source),
        hasher=SecretHasher(cost),
        clock=clock,
        policies=Policies.from_settings(settings),
        oidc=oidc,
    )
