"""The texts of the documents service's message keys, so that the gateway shows them in EN/FR.

``GET /v1/messages``: every ``documents.*`` key (and the chassis' ``field.*``, ``http.*``,
``auth.*``) with its texts; ``{name}`` marks a param. Caches may keep it for a day.
"""

from cers_chassis.messages import messages_router
from cers_documents.domain.messages import MESSAGES

router = messages_router(MESSAGES)
