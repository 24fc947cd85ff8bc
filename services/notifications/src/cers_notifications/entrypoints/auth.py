"""Who is calling: the bearer token's principal; officers for the CBSA-only routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from cers_chassis.auth import Principal, request_principal
from cers_chassis.errors import ApiError, FieldProblem


async def officer(principal: Annotated[Principal, Depends(request_principal)]) -> Principal:
    """The caller, who must be a CBSA officer (403 otherwise)."""
    if not principal.officer:
        raise ApiError(
            403,
            [FieldProblem("", "notifications.officer_required", "Only CBSA officers may do this.")],
        )
    return principal


SignedIn = Annotated[Principal, Depends(request_principal)]
Officer = Annotated[Principal, Depends(officer)]
