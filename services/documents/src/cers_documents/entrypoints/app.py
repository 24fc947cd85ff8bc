"""The documents service's ASGI app: drafts, declarations, reference data, consumers, workers."""

from __future__ import annotations

from fastapi import FastAPI

from cers_chassis.auth import JwksTokenVerifier
from cers_chassis.service import create_service_app
from cers_documents.adapters.exchange_rates import DEFAULT_EXCHANGE_RATES_FILE, load_currency_rates
from cers_documents.adapters.export_classification import load_export_classification
from cers_documents.config import DocumentsSettings
from cers_documents.entrypoints import (
    declarations_api,
    drafts_api,
    message_routes,
    reference_api,
)
from cers_documents.entrypoints.consumers import document_consumers
from cers_documents.entrypoints.problems import install_domain_error_handlers
from cers_documents.entrypoints.wiring import Wiring
from cers_documents.entrypoints.workers import document_workers
from cers_documents.service_layer.clock import Clock, utc_now
from cers_documents.service_layer.validation import Validator


def validator_of(settings: DocumentsSettings) -> Validator:
    """The rule engine's inputs as the settings name them (rates; the CEC when configured)."""
    rates = load_currency_rates(settings.exchange_rates_file or DEFAULT_EXCHANGE_RATES_FILE)
    cec = settings.export_classification_file
    return Validator(rates, load_export_classification(cec) if cec else None)


def create_app(
    settings: DocumentsSettings,
    *,
    clock: Clock = utc_now,
    verifier: JwksTokenVerifier | None = None,
) -> FastAPI:
    """The app; ``clock`` and ``verifier`` (instead of identity's JWKS) are for tests."""
    wiring = Wiring(settings=settings, clock=clock, validator=validator_of(settings))
    app = create_service_app(
        settings,
        title="CERS documents service",
        routers=[
            drafts_api.router,
            declarations_api.router,
            reference_api.router,
            message_routes.router,
        ],
        consumers=document_consumers(wiring),
        workers=document_workers(wiring),
        verifier=verifier,
    )
    app.state.wiring = wiring
    install_domain_error_handlers(app)
    return app


settings = DocumentsSettings()
app = create_app(settings)
