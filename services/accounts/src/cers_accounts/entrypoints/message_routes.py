"""The texts of accounts' message keys, so that the gateway shows refusals in English or French.

``GET /v1/messages``: every ``accounts.*`` key (and the chassis' ``field.*``, ``http.*``,
``auth.*``) with its texts; ``{name}`` marks a param. Caches may keep it for a day.
"""

from cers_accounts.domain.catalog import CATALOG
from cers_chassis.messages import messages_router

router = messages_router(CATALOG)
