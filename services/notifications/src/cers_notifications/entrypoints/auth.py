"""Who is calling: the bearer token's principal; officers for the CBSA-only routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from cers_chassis.auth import JwksTokenVerifier, Principal, bearer_principal
from cers_chassis.errors import ApiError, FieldProblem


def token_verifier(request: Request) -> JwksTokenVerifier:
    """The app's verifier: the one given to ``create_app``, else the runtime's (identity JWKS)."""
    verifier: JwksTokenVerifier | None = getattr(request.app.state, "token_verifier", None)
    return verifier or request.app.state.runtime.verifier


async def signed_in(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Principal:
    """The caller (401 without a valid bearer token)."""
    return await bearer_principal(token_verifier(request))(authorization)


async def officer(principal: Annotated[Principal, Depends(signed_in)]) -> Principal:
    """The caller, who must be a CBSA officer (403 otherwise)."""
    if not principal.officer:
        raise ApiError(
            403,
            [FieldProblem("", "notifications.officer_required", "Only CBSA officers may do this.")],
        )
    return principal


SignedIn = Annotated[Principal, Depends(signed_in)]
Officer = Annotated[Principal, Depends(officer)]
