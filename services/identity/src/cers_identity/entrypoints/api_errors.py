"""Identity's refusals rendered in the one error format (chassis), with the HTTP status of each
kind of refusal."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from cers_chassis.errors import FieldProblem, error_response
from cers_identity.domain.errors import (
    ConflictError,
    GoneError,
    InvalidInputError,
    LockedOutError,
    NotAllowedNowError,
    NotFoundError,
    RefusedError,
    UnauthenticatedError,
    UnavailableError,
)

STATUS: dict[type[RefusedError], int] = {
    InvalidInputError: 422,
    UnauthenticatedError: 401,
    NotAllowedNowError: 403,
    NotFoundError: 404,
    ConflictError: 409,
    GoneError: 410,
    LockedOutError: 429,
    UnavailableError: 502,
}


def status_of(error: RefusedError) -> int:
    """The HTTP status of a refusal."""
    return next(status for kind, status in STATUS.items() if isinstance(error, kind))


def install_refusal_handler(app: FastAPI) -> None:
    """Answer every RefusedError with its status and problems."""

    async def on_refused(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RefusedError)
        problems = [FieldProblem(p.pointer, p.code, p.message, p.params) for p in error.problems]
        return error_response(status_of(error), problems)

    app.add_exception_handler(RefusedError, on_refused)
