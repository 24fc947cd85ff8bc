"""The JWKS other services verify identity's tokens with."""

from typing import Any

from fastapi import APIRouter, Response

from cers_identity.entrypoints.api_dependencies import CONTEXT
from cers_identity.service_layer import tokens
from cers_identity.service_layer.context import IdentityContext

router = APIRouter(tags=["keys"])


@router.get("/.well-known/jwks.json")
async def jwks(response: Response, context: IdentityContext = CONTEXT) -> dict[str, Any]:
    """The public signing keys: the active one and retired ones still verifying tokens.

    ``no-cache``: a new key signs tokens as soon as it is made, and a verifier that meets its
    ``kid`` refetches this document; a stale copy from a cache would refuse those tokens.
    """
    response.headers["Cache-Control"] = "no-cache"
    return await tokens.published_keys(context)
