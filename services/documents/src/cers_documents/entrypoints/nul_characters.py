"""PostgreSQL text and JSONB cannot hold U+0000: a request carrying it is a 422, never a 500."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import Request

from cers_chassis.errors import ApiError, FieldProblem, json_pointer

CODE = "documents.field.nul_character"
# ``\u0000`` in a JSON text, unless its backslash is itself escaped (``\\u0000`` is plain text).
_ESCAPED_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def _problem(pointer: str, name: str) -> FieldProblem:
    return FieldProblem(
        pointer, CODE, f"{name} may not contain the NUL character (U+0000).", {"field": name}
    )


def _pointers(value: Any, at: list[str | int]) -> list[str]:
    """The pointers of the strings under ``value`` that hold a NUL (names were validated)."""
    if isinstance(value, str):
        return [json_pointer(at)] if "\x00" in value else []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    return [pointer for key, item in items for pointer in _pointers(item, [*at, key])]


def refuse_nul_in_body(body: bytes) -> None:
    """422 with a pointer to each string of the JSON ``body`` that holds a NUL character.

    Called once the body has validated, so it is JSON with only known field names.
    """
    if not _ESCAPED_NUL.search(body):
        return
    pointers = _pointers(json.loads(body), [])
    if pointers:
        raise ApiError(422, [_problem(p, p.rsplit("/", 1)[-1] or "The body") for p in pointers])


async def refuse_nul_in_url(request: Request) -> None:
    """Router dependency: 422 when a path or query parameter holds a NUL character."""
    named = [*request.path_params.items(), *request.query_params.multi_items()]
    problems = [_problem(f"/{name}", name) for name, value in named if "\x00" in value]
    if problems:
        raise ApiError(422, problems)
