"""The texts of notifications' message keys, so that the gateway shows them in English or French.

``GET /v1/messages``: every ``notifications.*`` key (and the chassis' ``field.*``, ``http.*``,
``auth.*``) with its texts; ``{name}`` marks a param. Caches may keep it for a day.
"""

from cers_chassis.messages import messages_router
from cers_notifications.domain.catalog import CATALOG

router = messages_router(CATALOG)
