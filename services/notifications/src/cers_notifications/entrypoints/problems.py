"""Domain errors as HTTP errors in the one format (pointer, ``notifications.<field>.<rule>``)."""

from __future__ import annotations

from cers_chassis.errors import ApiError, FieldProblem
from cers_notifications.domain.errors import (
    ConflictError,
    NotFoundError,
    RulesBrokenError,
    RuleViolation,
)


def problem(violation: RuleViolation) -> FieldProblem:
    """The FieldProblem of a broken rule."""
    return FieldProblem(
        pointer="".join(f"/{part}" for part in violation.path),
        code=f"notifications.{violation.path[0]}.{violation.rule}",
        message=violation.message,
        params=dict(violation.params),
    )


def api_error(error: Exception) -> ApiError:
    """The HTTP error of a domain error (422, 404 or 409)."""
    if isinstance(error, RulesBrokenError):
        return ApiError(422, [problem(v) for v in error.violations])
    if isinstance(error, NotFoundError):
        return ApiError(
            404,
            [
                FieldProblem(
                    "",
                    f"notifications.{error.what}.not_found",
                    str(error),
                    {"id": error.identifier},
                )
            ],
        )
    if isinstance(error, ConflictError):
        return ApiError(409, [problem(error.violation)])
    raise TypeError(f"not a domain error: {error!r}")


DOMAIN_ERRORS = (RulesBrokenError, NotFoundError, ConflictError)
