"""The public API ``/api/v1`` (JSON, for filing software), authenticated by personal access
tokens; a FastAPI app of its own, mounted in the gateway, with its own OpenAPI document."""

from fastapi import FastAPI

from cers_gateway.config import GatewaySettings
from cers_gateway.entrypoints.api import accounts, bulletins, declarations, drafts, me
from cers_gateway.entrypoints.api.context import ApiParts
from cers_gateway.entrypoints.api.errors import install_api_error_handlers
from cers_gateway.entrypoints.api.openapi import docs_router, install_openapi
from cers_gateway.entrypoints.portal.context import Portal

PREFIX = "/api/v1"


def install_api(app: FastAPI, settings: GatewaySettings, portal: Portal) -> ApiParts:
    """Mount the API on ``app`` at ``/api/v1``, sharing the portal's service clients."""
    parts = ApiParts.build(
        settings, portal.identity, portal.accounts, portal.notifications, portal.documents
    )
    api = FastAPI(
        title="CERS public API",
        version="1",
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    api.state.api = parts
    for router in (
        me.router,
        accounts.router,
        drafts.router,
        declarations.router,
        bulletins.router,
    ):
        api.include_router(router)
    api.include_router(docs_router)
    install_api_error_handlers(api)
    install_openapi(api)
    app.mount(PREFIX, api)
    app.state.api = parts
    return parts
