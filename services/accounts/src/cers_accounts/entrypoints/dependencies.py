"""What every route needs: the caller (from the bearer token), the services, error rendering."""

from typing import Annotated

from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse

from cers_accounts.adapters.messages import account_state
from cers_accounts.domain.errors import (
    ActivationLockedError,
    ActivationRefusedError,
    ConflictError,
    DomainError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
)
from cers_accounts.domain.model import Actor, BusinessAccount
from cers_accounts.entrypoints.schemas import AccountOut
from cers_accounts.service_layer.unit_of_work import Services
from cers_chassis.auth import Principal, request_principal
from cers_chassis.errors import FieldProblem, error_response

MEMBERSHIP_VERSION_HEADER = "X-Membership-Version"
ASSOCIATION_VERSION_HEADER = "X-Association-Version"
STATUS_OF = {
    InvalidInputError: 422,
    ActivationRefusedError: 422,
    NotFoundError: 404,
    ConflictError: 409,
    ForbiddenError: 403,
    ActivationLockedError: 429,
}


async def actor(who: Principal = Depends(request_principal)) -> Actor:  # noqa: B008
    """The caller as the domain sees them (401 without a valid bearer token)."""
    return Actor(user_id=who.user_id, officer=who.officer)


def services(request: Request) -> Services:
    """The use cases' collaborators, built by ``create_app``."""
    found: Services = request.app.state.services
    return found


Caller = Annotated[Actor, Depends(actor)]
PrincipalDep = Annotated[Principal, Depends(request_principal)]
ServicesDep = Annotated[Services, Depends(services)]


def account_out(account: BusinessAccount, caller: Actor) -> AccountOut:
    """The response body of an account, with the caller's role in it."""
    return AccountOut(
        **account_state(account).model_dump(),
        my_role=account.role_of(caller.user_id),
        membership_version=account.membership_version,
        association_version=account.association_version,
        activated_at=account.activated_at.isoformat(),
    )


def with_membership_version(response: Response, account: BusinessAccount) -> None:
    """Tell the gateway which membership version this change produced (read-your-writes)."""
    response.headers[MEMBERSHIP_VERSION_HEADER] = str(account.membership_version)


def with_association_version(response: Response, exporter: BusinessAccount) -> None:
    """Tell the gateway which association version of the exporter this change produced."""
    response.headers[ASSOCIATION_VERSION_HEADER] = str(exporter.association_version)


def install_domain_error_handler(app: FastAPI) -> None:
    """Render domain errors in the one error format, with their HTTP status."""

    async def on_domain_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, DomainError)
        status = next((s for kind, s in STATUS_OF.items() if isinstance(error, kind)), 400)
        problem = FieldProblem(error.pointer, error.code, error.message, error.params)
        response = error_response(status, [problem])
        if isinstance(error, ActivationLockedError):
            response.headers["Retry-After"] = str(error.retry_after_s)
        return response

    app.add_exception_handler(DomainError, on_domain_error)
