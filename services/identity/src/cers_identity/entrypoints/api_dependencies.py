"""FastAPI dependencies of identity's routes: the context, the session secret, the provider."""

from __future__ import annotations

from fastapi import Depends, Header, Request

from cers_identity.domain.errors import InvalidInputError, NotFoundError, problem
from cers_identity.domain.providers import Provider
from cers_identity.service_layer.context import IdentityContext

SESSION_HEADER = "X-Session-Id"


def identity_context(request: Request) -> IdentityContext:
    """The running service's context (built when the app starts)."""
    context: IdentityContext = request.app.state.identity
    return context


def session_secret(x_session_id: str | None = Header(default=None)) -> str | None:
    """The session id the gateway keeps in its cookie (``X-Session-Id``), if sent."""
    return x_session_id


def provider_of(provider: str) -> Provider:
    """The ``{provider}`` path segment as a Provider; 404 for an unknown one."""
    try:
        return Provider(provider)
    except ValueError as error:
        raise NotFoundError(problem("/provider", "identity.provider.unknown")) from error


def provider_in_body(text: str, pointer: str = "/provider") -> Provider:
    """A provider named in a request body; 422 for an unknown one."""
    try:
        return Provider(text)
    except ValueError as error:
        raise InvalidInputError(problem(pointer, "identity.provider.unknown")) from error


# Module-level dependency markers for route signatures (FastAPI's default-value style).
CONTEXT = Depends(identity_context)
SESSION = Depends(session_secret)
PROVIDER = Depends(provider_of)
