"""How the portal answers when a page cannot be shown: redirects, refusals, limits, outages."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from cers_chassis.errors import FieldProblem, error_response, problems_from_validation
from cers_gateway.adapters.http import ServiceError
from cers_gateway.domain.web_session import WebSession
from cers_gateway.entrypoints.portal.context import NotAllowed, RedirectTo, Visit, portal_of, visit
from cers_gateway.entrypoints.portal.cookie_session import SCOPE_KEY
from cers_gateway.entrypoints.portal.i18n import N_
from cers_gateway.entrypoints.portal.security import CsrfRefused, TooManyAttempts

TITLES = {
    400: N_("Page address not valid"),
    403: N_("Request refused"),
    404: N_("Page not found"),
    405: N_("Page not found"),
    409: N_("Request refused"),
    410: N_("Link no longer valid"),
    429: N_("Too many attempts"),
    503: N_("Service unavailable"),
}
MESSAGES = {
    400: N_(
        "A part of this page's address is not valid. Check the address, or go back to the Business Accounts page."  # noqa: E501 - a catalog text stays whole
    ),
    403: N_(
        "You are not allowed to do this. If you think you should be, ask the owner of the business account."  # noqa: E501 - a catalog text stays whole
    ),
    404: N_(
        "We could not find this page. Check the address, or go back to the Business Accounts page."
    ),
    405: N_(
        "We could not find this page. Check the address, or go back to the Business Accounts page."
    ),
    409: N_(
        "This request conflicts with the current state. Go back, refresh the page and try again."
    ),
    410: N_("This link has expired or has already been used."),
    429: N_("There were too many attempts. Wait a few minutes and try again."),
    503: N_("A part of the system is not available right now. Try again in a few minutes."),
}
CSRF_MESSAGE = N_(
    "This form has expired or did not come from this site. Go back, refresh the page and try again."
)


async def _visit_for_error(request: Request) -> Visit:
    """The visit to render an error page with (the user shown when their session still holds)."""
    try:
        return await visit(request)
    except ServiceError:
        web: WebSession = request.scope[SCOPE_KEY]
        return Visit(request, portal_of(request), web)


async def error_page(
    request: Request,
    status: int,
    message: str | None = None,
    detail: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The error page for ``status`` in the user's language."""
    if SCOPE_KEY not in request.scope:  # outside the portal (e.g. /healthz): the service format
        problem = FieldProblem("", f"http.{status}", message or "")
        return error_response(status, [problem], headers)
    current = await _visit_for_error(request)
    status_key = status if status in TITLES else 503
    return await current.render(
        "error.html",
        status_code=status,
        headers=headers,
        title=current.t(TITLES[status_key]),
        message=current.t(message or MESSAGES[status_key]),
        detail=detail or [],
    )


def _outside_portal(request: Request) -> bool:
    """The public API and the paths without a portal session (health, metrics, static files)
    answer in the services' JSON format."""
    return request.url.path.startswith("/api/") or SCOPE_KEY not in request.scope


def install_portal_error_handlers(app: FastAPI) -> None:
    """Pages for the portal's exceptions and for services' refusals nobody handled."""

    async def on_redirect(request: Request, error: Exception) -> Response:
        assert isinstance(error, RedirectTo)
        return RedirectResponse(error.url, status_code=303)

    async def on_not_allowed(request: Request, error: Exception) -> Response:
        return await error_page(request, 403)

    async def on_csrf(request: Request, error: Exception) -> Response:
        return await error_page(request, 403, CSRF_MESSAGE)

    async def on_too_many(request: Request, error: Exception) -> Response:
        assert isinstance(error, TooManyAttempts)
        wait = str(max(1, round(error.retry_after_s)))
        return await error_page(request, 429, headers={"Retry-After": wait})

    async def on_service_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, ServiceError)
        if error.status == 401:
            web: WebSession | None = request.scope.get(SCOPE_KEY)
            if web is not None:
                web.end()
            return RedirectResponse("/sign-in", status_code=303)
        status = error.status if error.status in TITLES else 503
        current = await _visit_for_error(request)
        await current.portal.texts.refresh()
        detail = [current.describe(p) for p in error.problems] if status != 503 else []
        headers = {"Retry-After": error.retry_after} if error.retry_after else None
        return await error_page(request, status, detail=detail, headers=headers)

    async def on_http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if _outside_portal(request):
            problem = FieldProblem("", f"http.{error.status_code}", str(error.detail))
            return JSONResponse(
                {"errors": [problem.as_json()]}, error.status_code, headers=error.headers
            )
        return await error_page(request, error.status_code)

    async def on_validation_error(request: Request, error: Exception) -> Response:
        """A page's path or query parameter that does not parse (``?page=abc``,
        ``versions/abc``): the portal's page (400); the chassis' JSON 422 outside the portal."""
        assert isinstance(error, RequestValidationError)
        if _outside_portal(request):
            return error_response(422, problems_from_validation(error.errors()))
        return await error_page(request, 400)

    app.add_exception_handler(RedirectTo, on_redirect)
    app.add_exception_handler(NotAllowed, on_not_allowed)
    app.add_exception_handler(CsrfRefused, on_csrf)
    app.add_exception_handler(TooManyAttempts, on_too_many)
    app.add_exception_handler(ServiceError, on_service_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
