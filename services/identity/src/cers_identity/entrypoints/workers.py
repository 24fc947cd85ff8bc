"""The identity service's background work: rotating the token-signing key when it gets old."""

from __future__ import annotations

import asyncio
import logging

from cers_identity.service_layer.context import IdentityContext
from cers_identity.service_layer.tokens import rotate_signing_key

log = logging.getLogger(__name__)


async def keep_signing_key_fresh(context: IdentityContext, interval_s: float) -> None:
    """Every ``interval_s``, rotate the signing key if it is older than the policy allows.

    The first pass also makes the first key, so the JWKS is never empty for long. A failed
    pass (database away) is logged and retried at the next interval.
    """
    while True:
        try:
            kid = await rotate_signing_key(context, older_than=context.policies.signing_key_max_age)
            if kid:
                log.info("token-signing key rotated; active key %s", kid)
        except Exception:
            log.exception("signing-key rotation failed; retrying in %.0fs", interval_s)
        await asyncio.sleep(interval_s)
