"""Request bodies: size limit, JSON parsing with unknown fields refused, errors with pointers."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from cers_chassis.errors import ApiError, FieldProblem, json_pointer, problems_from_validation
from cers_documents.entrypoints.nul_characters import refuse_nul_in_body
from cers_documents.entrypoints.wiring import wiring

ModelT = TypeVar("ModelT", bound=BaseModel)
_UNKNOWN = re.compile(r"unknown field\(s\): (.+)$")


def _too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        [
            FieldProblem(
                "",
                "documents.body.too_large",
                f"The request body is larger than {limit} bytes.",
                {"limit": limit},
            )
        ],
    )


async def _read(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit)
    return bytes(body)


def _problems(error: ValidationError) -> list[FieldProblem]:
    """The errors, with each unknown field of a declaration named by its own pointer."""
    problems: list[FieldProblem] = []
    for item, problem in zip(error.errors(), problems_from_validation(error.errors()), strict=True):
        unknown = _UNKNOWN.search(str(item.get("msg", "")))
        if unknown is None and item.get("type") != "extra_forbidden":
            problems.append(problem)
            continue
        location: list[Any] = list(item.get("loc", ()))
        names = unknown.group(1).split(", ") if unknown else [str(location.pop())]
        problems.extend(
            FieldProblem(
                json_pointer([*location, name]),
                "documents.field.unknown",
                f"Unknown field {name}.",
                {"field": name},
            )
            for name in names
        )
    return problems


async def parse(request: Request, model: type[ModelT], *, optional: bool = False) -> ModelT:
    """The body as ``model``: 413 above the size limit, 422 with pointers when invalid or when a
    string holds a NUL character (which the database cannot store).

    ``optional``: an empty body means ``{}``.
    """
    body = await _read(request, wiring(request).settings.max_body_bytes)
    if optional and not body.strip():
        body = b"{}"
    try:
        parsed = model.model_validate_json(body, context={"reject_unknown_fields": True})
    except ValidationError as error:
        raise ApiError(422, _problems(error)) from error
    refuse_nul_in_body(body)
    return parsed
