"""What every public API call works with: the API's parts, and the calling token (``ApiCall``).

``api_call`` is the one dependency of every route: it reads the bearer personal access token,
counts the call against the token's rate limit, exchanges the token at identity (cached) and
refuses anything outside the token's scope (the path's ``account_id``; read tokens only GET).
"""

import hashlib
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from cers_chassis.errors import ApiError, FieldProblem
from cers_gateway.adapters.accounts import AccountsClient
from cers_gateway.adapters.documents import DocumentsClient
from cers_gateway.adapters.http import Caller
from cers_gateway.adapters.identity import IdentityClient
from cers_gateway.adapters.notifications import NotificationsClient
from cers_gateway.config import GatewaySettings
from cers_gateway.domain.api_scope import OUT_OF_SCOPE, READ_ONLY, TokenScope
from cers_gateway.domain.idempotency import IdempotencyMemory
from cers_gateway.domain.rate_limit import SlidingWindowLimiter
from cers_gateway.service_layer.personal_tokens import PersonalTokens, TokenHolder

TOKEN_SHAPE = re.compile(r"cers_pat_[A-Za-z0-9_-]{20,100}")
bearer = HTTPBearer(
    auto_error=False,
    bearerFormat="cers_pat_…",
    description="A personal access token made in My Profile (Personal access tokens).",
)


@dataclass
class ApiParts:
    """The API's long-lived parts, built once per app."""

    settings: GatewaySettings
    identity: IdentityClient
    accounts: AccountsClient
    notifications: NotificationsClient
    documents: DocumentsClient
    tokens: PersonalTokens
    limiter: SlidingWindowLimiter
    idempotency: IdempotencyMemory

    @classmethod
    def build(
        cls,
        settings: GatewaySettings,
        identity: IdentityClient,
        accounts: AccountsClient,
        notifications: NotificationsClient,
        documents: DocumentsClient,
    ) -> "ApiParts":
        return cls(
            settings=settings,
            identity=identity,
            accounts=accounts,
            notifications=notifications,
            documents=documents,
            tokens=PersonalTokens(
                identity,
                lambda: datetime.now(UTC),
                settings.token_refresh_margin_s,
                settings.api_token_cache_s,
            ),
            limiter=SlidingWindowLimiter(
                settings.api_rate_limit_per_token, settings.api_rate_limit_window_s, time.monotonic
            ),
            idempotency=IdempotencyMemory(time.monotonic, settings.api_idempotency_ttl_s),
        )


@dataclass
class ApiCall:
    """One API call: the parts, and the token's holder."""

    parts: ApiParts
    holder: TokenHolder

    @property
    def scope(self) -> TokenScope:
        return self.holder.scope

    @property
    def caller(self) -> Caller:
        return self.holder.caller


def parts_of(request: Request) -> ApiParts:
    parts: ApiParts = request.app.state.api
    return parts


MESSAGES = {
    "gateway.pat.required": "A personal access token is required (Authorization: Bearer).",
    "gateway.pat.malformed": "The Authorization header does not hold a personal access token.",
    "gateway.rate_limited": "Too many calls with this token; retry after {retry_after} seconds.",
    READ_ONLY: "This token is read-only: it may only read (GET).",
    OUT_OF_SCOPE: "This token does not give access to business account {business_account_id}.",
}
"""The API's own message keys and English texts (``params`` fill the ``{names}``)."""


def refusal(
    status: int, code: str, headers: dict[str, str] | None = None, **params: str
) -> ApiError:
    """An ApiError with one of the API's own problems."""
    problem = FieldProblem("", code, MESSAGES[code].format(**params), dict(params))
    return ApiError(status, [problem], headers=headers)


UNAUTHENTICATED = {"WWW-Authenticate": 'Bearer realm="cers"'}


async def api_call(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> ApiCall:
    """The calling token, within its rate limit and scope (401, 429 or 403 otherwise)."""
    if credentials is None:
        raise refusal(401, "gateway.pat.required", UNAUTHENTICATED)
    token = credentials.credentials.strip()
    if not TOKEN_SHAPE.fullmatch(token):
        raise refusal(401, "gateway.pat.malformed", UNAUTHENTICATED)
    parts = parts_of(request)
    # Counted before the exchange, so a flood of wrong tokens does not reach identity either.
    wait = parts.limiter.attempt(hashlib.sha256(token.encode()).hexdigest())
    if wait is not None:
        seconds = str(max(1, round(wait)))
        raise refusal(429, "gateway.rate_limited", {"Retry-After": seconds}, retry_after=seconds)
    holder = await parts.tokens.holder(token)
    account_id = request.path_params.get("account_id")
    code = holder.scope.refusal(request.method, account_id)
    if code == READ_ONLY:
        raise refusal(403, READ_ONLY)
    if code == OUT_OF_SCOPE:
        raise refusal(403, OUT_OF_SCOPE, business_account_id=str(account_id))
    return ApiCall(parts, holder)


Call = Annotated[ApiCall, Depends(api_call)]
"""The calling token, for a route's signature."""
