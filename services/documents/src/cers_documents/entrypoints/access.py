"""The caller's right on the business account of the path (the role matrix, per route)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Header, Request

from cers_chassis.auth import Principal, request_principal
from cers_contracts.authorization import Action
from cers_documents.entrypoints.wiring import wiring
from cers_documents.service_layer.access import Actor, Caller, ReplicaVersions, authorize

SignedIn = Annotated[Principal, Depends(request_principal)]


def _actor(action: Action) -> Callable[..., Awaitable[Actor]]:
    async def dependency(
        request: Request,
        account_id: str,
        principal: SignedIn,
        x_membership_version: int | None = Header(default=None, ge=0),
        x_association_version: int | None = Header(default=None, ge=0),
    ) -> Actor:
        wired = wiring(request)
        return await authorize(
            wired.authorizer(request.app.state.runtime),
            Caller(principal.user_id, principal.urn, principal.officer),
            account_id,
            action,
            ReplicaVersions(x_membership_version, x_association_version),
        )

    return dependency


Viewer = Annotated[Actor, Depends(_actor(Action.VIEW_DOCUMENTS))]
"""A caller who may view the account's documents (any role, a CSP member, an officer)."""
Filer = Annotated[Actor, Depends(_actor(Action.FILE_DOCUMENTS))]
"""A caller who may file documents for the account (not a Browser, not an officer)."""
