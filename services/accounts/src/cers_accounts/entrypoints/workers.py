"""Background work: announce activation codes that will expire soon."""

import asyncio
import logging

from cers_accounts.service_layer.activation import announce_expiring_codes
from cers_accounts.service_layer.unit_of_work import Services

log = logging.getLogger(__name__)


async def sweep_expiring_codes(services: Services, interval_s: float) -> None:
    """Every ``interval_s``: one ``ActivationCodeExpiring`` per code within 14 days of expiry."""
    while True:
        try:
            announced = await announce_expiring_codes(services)
            if announced:
                log.info("announced %d activation code(s) expiring soon", announced)
        except Exception:  # the next sweep retries; the loop must outlive a database outage
            log.exception("activation code expiry sweep failed")
        await asyncio.sleep(interval_s)
