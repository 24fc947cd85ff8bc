"""The accounts service's ASGI app: HTTP API, user replica consumer, expiry sweep, relay."""

from collections.abc import Iterable

from fastapi import FastAPI

from cers_accounts.adapters.code_hasher import Argon2CodeHasher
from cers_accounts.config import AccountsSettings
from cers_accounts.domain.activation import CodeHasher
from cers_accounts.domain.clock import Clock, utc_now
from cers_accounts.domain.identifiers import SYSTEM_RANDOM, Chooser
from cers_accounts.entrypoints import account_routes, message_routes, officer_routes
from cers_accounts.entrypoints.consumers import consumers
from cers_accounts.entrypoints.dependencies import install_domain_error_handler
from cers_accounts.entrypoints.workers import sweep_expiring_codes
from cers_accounts.service_layer.unit_of_work import Services
from cers_chassis.auth import JwksTokenVerifier
from cers_chassis.inbox import InboxConsumer
from cers_chassis.outbox import Outbox
from cers_chassis.service import BackgroundWork, ServiceRuntime, create_service_app


def create_app(
    settings: AccountsSettings,
    *,
    clock: Clock = utc_now,
    verifier: JwksTokenVerifier | None = None,
    hasher: CodeHasher | None = None,
    rng: Chooser = SYSTEM_RANDOM,
) -> FastAPI:
    """The app; tests may pass a clock, a token verifier, a code hasher and a random source."""
    built: list[Services] = []

    def assemble(runtime: ServiceRuntime) -> Iterable[InboxConsumer]:
        if runtime.sessions is None:
            raise RuntimeError("the accounts service needs its database (CERS_DATABASE_URL)")
        built.append(
            Services(
                sessions=runtime.sessions,
                outbox=Outbox(settings.source),
                clock=clock,
                hasher=hasher or Argon2CodeHasher(),
                rng=rng,
            )
        )
        return consumers(runtime)

    def workers(runtime: ServiceRuntime) -> list[tuple[str, BackgroundWork]]:
        async def sweep() -> None:
            await sweep_expiring_codes(built[0], settings.expiry_sweep_interval_s)

        return [("activation-code-expiry-sweep", sweep)]

    app = create_service_app(
        settings,
        title="CERS accounts service",
        routers=[officer_routes.router, account_routes.router, message_routes.router],
        consumers=assemble,
        workers=workers,
        verifier=verifier,
    )
    app.state.services = built[0]
    install_domain_error_handler(app)
    return app


settings = AccountsSettings()
app = create_app(settings)
