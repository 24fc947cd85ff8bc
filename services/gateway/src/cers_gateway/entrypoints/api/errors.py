"""The API's errors, all in the one format: its own refusals, request validation, and the
services' refusals passed through with their status and problems."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from cers_chassis.errors import FieldProblem, error_response, install_error_handlers
from cers_gateway.adapters.http import ServiceError
from cers_gateway.domain.forms import Problem


def _field_problem(problem: Problem) -> FieldProblem:
    return FieldProblem(problem.pointer, problem.code, problem.message, dict(problem.params))


def install_api_error_handlers(api: FastAPI) -> None:
    """Handlers of the chassis' errors, and of ``ServiceError`` (passed through)."""
    install_error_handlers(api)

    async def on_service_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, ServiceError)
        headers = {"Retry-After": error.retry_after} if error.retry_after else {}
        if error.status == 401:
            headers["WWW-Authenticate"] = 'Bearer realm="cers"'
        # A service's own failure is the gateway's "service unavailable", never a bare 500.
        status = 503 if error.status >= 500 else error.status
        return error_response(status, [_field_problem(p) for p in error.problems], headers)

    api.add_exception_handler(ServiceError, on_service_error)
