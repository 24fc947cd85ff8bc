"""``GET /v1/messages``: the English and French text of every message key a service answers with.

A service keeps its own keys (``<service>.<field>.<rule>``) in its domain and serves them with
``messages_router``, which adds the chassis' (``common_messages``: ``field.*``, ``http.*``,
``auth.*``). The gateway fetches every service's catalog and renders a refusal in the user's
language with the params the response carries (``{name}`` in a text marks one).
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Response
from pydantic import BaseModel

from cers_chassis.common_messages import COMMON_MESSAGES

Texts = Mapping[str, tuple[str, str]]
"""``code: (English, French)``."""

CACHE_CONTROL = "public, max-age=86400"
"""The texts change only with a new release, so caches may keep them for a day."""


class MessageText(BaseModel):
    """A message key's texts; ``{name}`` marks a param."""

    en: str
    fr: str


class MessageCatalog(BaseModel):
    """Every message key with its English and French text."""

    messages: dict[str, MessageText]


def message_catalog(texts: Texts) -> MessageCatalog:
    """The service's ``texts`` and the chassis' (a key of both is a mistake: ValueError)."""
    clashes = sorted(set(texts) & set(COMMON_MESSAGES))
    if clashes:
        raise ValueError(f"the chassis already has texts for {', '.join(clashes)}")
    merged = {**COMMON_MESSAGES, **texts}
    return MessageCatalog(
        messages={code: MessageText(en=en, fr=fr) for code, (en, fr) in merged.items()}
    )


def messages_router(texts: Texts) -> APIRouter:
    """A router answering ``GET /v1/messages`` with ``message_catalog(texts)``."""
    catalog = message_catalog(texts)
    router = APIRouter(prefix="/v1", tags=["messages"])

    @router.get("/messages")
    async def messages(response: Response) -> MessageCatalog:
        """Every message key of the service (and the chassis') with its texts."""
        response.headers["Cache-Control"] = CACHE_CONTROL
        return catalog

    return router
