"""Request bodies and path ids of the API.

Bodies are passed to the services as sent (the service validates them and names each problem
with its pointer, as it does for the portal); the OpenAPI document still describes them, from
the models registered here. Path ids are checked before they become part of a service's URL.
"""

import json
from typing import Annotated, Any

from fastapi import Path, Request
from pydantic import BaseModel

from cers_chassis.errors import ApiError, FieldProblem

ID_PATTERN = r"^[A-Za-z0-9_:-][A-Za-z0-9._:-]{0,63}$"
"""Letters, digits and ``. _ : -``, not first a dot: no ``..`` segment reaches a service."""

AccountId = Annotated[str, Path(pattern=ID_PATTERN, max_length=64)]
ItemId = Annotated[str, Path(pattern=ID_PATTERN, max_length=64)]
VersionNumber = Annotated[int, Path(ge=1, le=1_000_000)]

BODY_MODELS: dict[str, type[BaseModel]] = {}
"""The models named by ``body(...)``, added to the OpenAPI components."""


def body(model: type[BaseModel], *, required: bool = True) -> dict[str, Any]:
    """``openapi_extra`` describing a JSON body of ``model``."""
    BODY_MODELS[model.__name__] = model
    schema = {"$ref": f"#/components/schemas/{model.__name__}"}
    return {
        "requestBody": {"required": required, "content": {"application/json": {"schema": schema}}}
    }


async def json_body(request: Request, *, optional: bool = False) -> Any:
    """The JSON body as sent (``None`` when optional and empty); 422 when it is not JSON."""
    raw = await request.body()
    if optional and not raw.strip():
        return None
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        problem = FieldProblem(
            "", "gateway.body.invalid_json", f"The request body is not valid JSON: {error}."
        )
        raise ApiError(422, [problem]) from error
