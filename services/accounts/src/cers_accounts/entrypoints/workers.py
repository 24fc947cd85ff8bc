"""Background work: announce activation codes that will expire soon."""

import logging

from cers_accounts.service_layer.activation import announce_expiring_codes
from cers_accounts.service_layer.unit_of_work import Services
from cers_chassis.loops import repeat

log = logging.getLogger(__name__)


async def sweep_expiring_codes(services: Services, interval_s: float) -> None:
    """Every ``interval_s``: one ``ActivationCodeExpiring`` per code within 14 days of expiry."""

    async def sweep() -> None:
        announced = await announce_expiring_codes(services)
        if announced:
            log.info("announced %d activation code(s) expiring soon", announced)

    await repeat(sweep, interval_s=interval_s, what="activation code expiry sweep")
