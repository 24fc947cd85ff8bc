"""The texts of identity's message keys, so that the gateway shows refusals in English or French."""

from fastapi import APIRouter, Response

from cers_identity.domain.catalog import CATALOG
from cers_identity.entrypoints.api_schemas import MessageCatalog, MessageText

router = APIRouter(prefix="/v1", tags=["messages"])
_CATALOG = MessageCatalog(
    messages={code: MessageText(en=en, fr=fr) for code, (en, fr) in CATALOG.items()}
)


@router.get("/messages")
async def messages(response: Response) -> MessageCatalog:
    """Every ``identity.<field>.<rule>`` key with its texts; ``{name}`` marks a param.

    The texts change only with a new release, so caches may keep them for a day.
    """
    response.headers["Cache-Control"] = "public, max-age=86400"
    return _CATALOG
