"""Domain errors as HTTP answers in the one error format (a rejected submission adds findings)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from cers_chassis.errors import FieldProblem, error_response
from cers_documents.domain.errors import (
    ConflictError,
    ForbiddenError,
    InvalidRequestError,
    NotFoundError,
    SubmissionRejectedError,
)
from cers_documents.domain.proof_of_report import SequenceExhaustedError


def _rejected(error: SubmissionRejectedError) -> JSONResponse:
    """422 with the blocking findings as errors, and every finding (all severities) beside."""
    problems = [FieldProblem(f.pointer, f.code, f.message, dict(f.params)) for f in error.errors]
    body = {
        "errors": [problem.as_json() for problem in problems],
        "findings": [finding.model_dump(mode="json") for finding in error.findings],
    }
    return JSONResponse(status_code=422, content=body)


async def _on_domain_error(request: Request, error: Exception) -> JSONResponse:
    if isinstance(error, SubmissionRejectedError):
        return _rejected(error)
    if isinstance(error, NotFoundError):
        what = error.what.replace(" ", "_")
        problem = FieldProblem(
            "", f"documents.{what}.not_found", str(error), {"id": error.identifier}
        )
        return error_response(404, [problem])
    if isinstance(error, ForbiddenError):
        params = {"action": error.action, "business_account_id": error.business_account_id}
        return error_response(
            403, [FieldProblem("", "authorization.forbidden", str(error), params)]
        )
    if isinstance(error, ConflictError):
        return error_response(
            409, [FieldProblem("", error.code, error.message, dict(error.params))]
        )
    if isinstance(error, InvalidRequestError):
        problem = FieldProblem(error.pointer, error.code, error.message, dict(error.params))
        return error_response(422, [problem])
    if isinstance(error, SequenceExhaustedError):
        problem = FieldProblem("", "documents.proof_of_report.exhausted", str(error))
        return error_response(409, [problem])
    raise TypeError(f"not a domain error: {error!r}")


DOMAIN_ERRORS = (
    SubmissionRejectedError,
    NotFoundError,
    ForbiddenError,
    ConflictError,
    InvalidRequestError,
    SequenceExhaustedError,
)


def install_domain_error_handlers(app: FastAPI) -> None:
    """Answer every domain error in the one format."""
    for error_type in DOMAIN_ERRORS:
        app.add_exception_handler(error_type, _on_domain_error)
