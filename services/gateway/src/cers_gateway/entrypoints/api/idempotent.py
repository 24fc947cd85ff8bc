"""Creating calls with an ``Idempotency-Key``: required, passed to the service, and remembered
by the gateway for services that do not keep keys themselves (per token, per process)."""

import hashlib
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Header, Request
from fastapi.responses import JSONResponse

from cers_chassis.errors import ApiError, FieldProblem
from cers_gateway.domain.idempotency import KeyInFlightError, KeyReusedError, StoredAnswer
from cers_gateway.entrypoints.api.context import ApiCall

IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_MAX = 128

IdempotencyKey = Header(
    default=None,
    alias=IDEMPOTENCY_HEADER,
    description="Required on every create: a unique string (1-128 printable characters) per "
    "intended action; a retry with the same key gets the first answer.",
)


def _problem(status: int, code: str, message: str) -> ApiError:
    return ApiError(status, [FieldProblem("", code, message, {"header": IDEMPOTENCY_HEADER})])


def checked_key(key: str | None) -> str:
    """The key (400 when missing or not 1-128 printable ASCII characters)."""
    if key is None or not key.strip():
        raise _problem(
            400, "gateway.idempotency_key.required", "The Idempotency-Key header is required."
        )
    if len(key) > KEY_MAX or not all(" " < ch <= "~" for ch in key):
        raise _problem(
            400,
            "gateway.idempotency_key.invalid",
            "The Idempotency-Key header must be 1-128 printable characters without spaces.",
        )
    return key


async def create_once(
    call: ApiCall,
    request: Request,
    key: str | None,
    create: Callable[[str], Awaitable[Any]],
    status: int = 201,
) -> JSONResponse:
    """Run ``create(key)`` once per key; a retry gets the stored answer, marked by the header
    ``Idempotent-Replayed``."""
    key = checked_key(key)
    body = await request.body()
    fingerprint = hashlib.sha256(
        b"\n".join([request.method.encode(), request.url.path.encode(), body])
    ).hexdigest()
    memory = call.parts.idempotency
    owner = call.holder.key
    try:
        stored = memory.begin(owner, key, fingerprint)
    except KeyReusedError as error:
        raise _problem(
            422,
            "gateway.idempotency_key.reused",
            "This Idempotency-Key was already used for another request.",
        ) from error
    except KeyInFlightError as error:
        raise _problem(
            409,
            "gateway.idempotency_key.in_flight",
            "A request with this Idempotency-Key is still being processed.",
        ) from error
    if stored is not None:
        return JSONResponse(stored.body, stored.status, headers={REPLAYED_HEADER: "true"})
    try:
        answer = await create(key)
    except BaseException:
        memory.abandon(owner, key)
        raise
    memory.finish(owner, key, StoredAnswer(status, answer))
    return JSONResponse(answer, status)
