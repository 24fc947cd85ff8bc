"""The identity service's background work: a housekeeping pass at a fixed interval."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from cers_chassis.loops import repeat
from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.throttling import forget_stale_failures
from cers_identity.service_layer.tokens import rotate_signing_key

log = logging.getLogger(__name__)


async def _rotate_old_signing_key(context: IdentityContext) -> None:
    kid = await rotate_signing_key(context, older_than=context.policies.signing_key_max_age)
    if kid:
        log.info("token-signing key rotated; active key %s", kid)


JOBS: tuple[tuple[str, Callable[[IdentityContext], Awaitable[None]]], ...] = (
    ("signing-key rotation", _rotate_old_signing_key),
    ("sign-in failure pruning", forget_stale_failures),
)


async def housekeeping(context: IdentityContext, interval_s: float) -> None:
    """Every ``interval_s``: rotate the signing key if it is older than the policy allows (the
    first pass also makes the first key, so the JWKS is never empty for long), and forget the
    sign-in failures too old to count. A failed job (database away) is logged and tried again
    at the next pass; one job's failure does not keep the other from running.
    """

    async def one_pass() -> None:
        for name, job in JOBS:
            try:
                await job(context)
            except Exception:
                log.exception("%s failed; trying again in %.0fs", name, interval_s)

    await repeat(one_pass, interval_s=interval_s, what="identity housekeeping")
