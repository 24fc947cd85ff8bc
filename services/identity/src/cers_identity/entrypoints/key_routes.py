"""The JWKS other services verify identity's tokens with."""

from typing import Any

from fastapi import APIRouter

from cers_identity.entrypoints.api_dependencies import CONTEXT
from cers_identity.service_layer import tokens
from cers_identity.service_layer.context import IdentityContext

router = APIRouter(tags=["keys"])


@router.get("/.well-known/jwks.json")
async def jwks(context: IdentityContext = CONTEXT) -> dict[str, Any]:
    """The public signing keys: the active one and retired ones still verifying tokens.

    Not cacheable by intermediaries: a new key signs tokens as soon as it is made, and verifiers
    refetch this document when they meet its ``kid``.
    """
    return await tokens.published_keys(context)
