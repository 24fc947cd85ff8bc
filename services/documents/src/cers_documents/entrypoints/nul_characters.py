"""PostgreSQL text and JSONB cannot hold U+0000: a request carrying it is a 422, never a 500."""

from __future__ import annotations

import json
import re

from fastapi import Request

from cers_chassis.errors import ApiError, FieldProblem
from cers_documents.domain.nul_characters import CODE, field_name, nul_message, nul_paths, pointer

# ``\u0000`` in a JSON text, unless its backslash is itself escaped (``\\u0000`` is plain text).
_ESCAPED_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def _problem(pointer: str, name: str) -> FieldProblem:
    return FieldProblem(pointer, CODE, nul_message(name), {"field": name})


def refuse_nul_in_body(body: bytes) -> None:
    """422 with a pointer to each string of the JSON ``body`` that holds a NUL character.

    Called once the body has validated, so it is JSON with only known field names.
    """
    if not _ESCAPED_NUL.search(body):
        return
    paths = nul_paths(json.loads(body))
    if paths:
        raise ApiError(422, [_problem(pointer(p), field_name(p)) for p in paths])


async def refuse_nul_in_url(request: Request) -> None:
    """Router dependency: 422 when a path or query parameter holds a NUL character."""
    named = [*request.path_params.items(), *request.query_params.multi_items()]
    problems = [_problem(f"/{name}", name) for name, value in named if "\x00" in value]
    if problems:
        raise ApiError(422, problems)
