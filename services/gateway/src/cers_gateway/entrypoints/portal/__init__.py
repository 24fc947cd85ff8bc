"""The web portal: server-rendered pages (Jinja2) in English and French."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from cers_gateway.config import GatewaySettings
from cers_gateway.entrypoints.portal import (
    access,
    accounts,
    auth,
    bulletins,
    declarations,
    drafts,
    officer,
    oidc,
    profile,
    tokens,
)
from cers_gateway.entrypoints.portal.context import Portal
from cers_gateway.entrypoints.portal.cookie_session import SessionCookieMiddleware
from cers_gateway.entrypoints.portal.errors import install_portal_error_handlers
from cers_gateway.entrypoints.portal.security import BodyLimitMiddleware, SecurityHeadersMiddleware

STATIC_DIR = __file__.rsplit("/", 1)[0] + "/static"


def install_portal(app: FastAPI, settings: GatewaySettings) -> Portal:
    """Add the portal's pages, middleware and error pages to ``app``; its HTTP client closes
    with the app."""
    portal = Portal.build(settings)
    app.state.portal = portal
    for router in (
        auth.router,
        oidc.router,
        access.router,
        bulletins.router,
        drafts.router,
        declarations.router,
        accounts.router,
        profile.router,
        tokens.router,
        officer.router,
    ):
        app.include_router(router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    install_portal_error_handlers(app)
    # Outermost last: headers on everything, then the size limit, then the session cookie.
    app.add_middleware(SessionCookieMiddleware, settings=settings, sealer=portal.sealer)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)

    service_lifespan = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with service_lifespan(app):
            try:
                yield
            finally:
                await portal.http.aclose()

    app.router.lifespan_context = lifespan
    return portal
