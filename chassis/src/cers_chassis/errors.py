"""One error format for every service's HTTP API: each problem names its field and its rule.

A response body is ``{"errors": [{"pointer": "/profile/email", "code": "identity.email.invalid",
"message": "...", "params": {...}}]}``. ``pointer`` is a JSON pointer into the request body (or
``""`` for the request as a whole); ``code`` is a stable message key the gateway translates with
its EN/FR catalogs; ``message`` is the English text for API clients and logs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException


@dataclass(frozen=True)
class FieldProblem:
    """One problem with the request: where, which rule, in words."""

    pointer: str
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The problem as it appears in a response body."""
        return {
            "pointer": self.pointer,
            "code": self.code,
            "message": self.message,
            "params": self.params,
        }


class ApiError(Exception):
    """A request the service refuses, with an HTTP status and the problems found.

    Services raise it (or map their domain errors to it) in their entrypoints; the handler
    installed by ``install_error_handlers`` renders it.
    """

    def __init__(
        self,
        status: int,
        problems: Sequence[FieldProblem],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__("; ".join(f"{p.pointer or '/'}: {p.code}" for p in problems))
        self.status = status
        self.problems = tuple(problems)
        self.headers = dict(headers or {})


def json_pointer(location: Iterable[str | int]) -> str:
    """The JSON pointer of a pydantic/FastAPI error location, without the ``body`` prefix."""
    parts = list(location)
    if parts and parts[0] in {"body", "query", "path", "header"}:
        parts = parts[1:]
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "".join("/" + p for p in escaped)


def problems_from_validation(errors: Iterable[Any]) -> list[FieldProblem]:
    """FieldProblems of pydantic validation errors: code ``field.<pydantic error type>``."""
    return [
        FieldProblem(
            pointer=json_pointer(error.get("loc", ())),
            code=f"field.{error.get('type', 'invalid')}",
            message=str(error.get("msg", "invalid value")),
            params={k: v for k, v in (error.get("ctx") or {}).items() if _is_json_scalar(v)},
        )
        for error in errors
    ]


def _is_json_scalar(value: object) -> bool:
    return isinstance(value, str | int | float | bool) or value is None


def error_response(
    status: int, problems: Iterable[FieldProblem], headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """The response for ``problems``."""
    return JSONResponse(
        status_code=status,
        content={"errors": [problem.as_json() for problem in problems]},
        headers=dict(headers or {}),
    )


def install_error_handlers(app: FastAPI) -> None:
    """Render ApiError, request validation failures (422) and the framework's own HTTP errors
    (an unknown path's 404, a wrong method's 405: code ``http.404`` etc.) in the one format.
    """

    async def on_api_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, ApiError)
        return error_response(error.status, error.problems, error.headers)

    async def on_validation_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        return error_response(422, problems_from_validation(error.errors()))

    async def on_http_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, HTTPException)
        problem = FieldProblem("", f"http.{error.status_code}", str(error.detail))
        return error_response(error.status_code, [problem], error.headers)

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
