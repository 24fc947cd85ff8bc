"""Reference data for the portal: message texts (EN/FR), code tables, accounts one files for."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel

from cers_contracts.codes import CODE_TABLES, CodeEntry, CodeTable
from cers_documents.domain.messages import MESSAGES
from cers_documents.entrypoints.access import SignedIn
from cers_documents.entrypoints.wiring import wiring

router = APIRouter(prefix="/v1", tags=["reference"])
_DAY = "public, max-age=86400"


class MessageText(BaseModel):
    """A message key's texts; ``{name}`` marks a param."""

    en: str
    fr: str


class MessageCatalog(BaseModel):
    """Every ``documents.*`` key (and the lifecycle's) with its English and French text."""

    messages: dict[str, MessageText]


class CodeTables(BaseModel):
    """The contracts' versioned code tables, by name."""

    tables: dict[str, CodeTable[CodeEntry]]


class FilingAccount(BaseModel):
    """An exporter the caller may file declarations for."""

    business_account_id: str
    business_number: str
    authorization_id: str | None
    role: str
    through_account_id: str | None


class FilingAccounts(BaseModel):
    """The caller's own exporter accounts and those their CSP accounts file for."""

    items: list[FilingAccount]


_CATALOG = MessageCatalog(
    messages={code: MessageText(en=en, fr=fr) for code, (en, fr) in MESSAGES.items()}
)
_TABLES = CodeTables(tables=dict(CODE_TABLES))


@router.get("/messages")
async def messages(response: Response) -> MessageCatalog:
    """Every message key of the service with its texts (they change only with a release)."""
    response.headers["Cache-Control"] = _DAY
    return _CATALOG


@router.get("/code-tables")
async def code_tables(response: Response) -> CodeTables:
    """Modes of transport, units, export and amendment reasons, ports of exit (for selects)."""
    response.headers["Cache-Control"] = _DAY
    return _TABLES


@router.get("/me/filing-accounts")
async def filing_accounts(request: Request, principal: SignedIn) -> FilingAccounts:
    """The accounts the caller may file documents for (own roles and CSP associations)."""
    authorizer = wiring(request).authorizer(request.app.state.runtime)
    found = await authorizer.accounts_filable_by(principal.user_id)
    return FilingAccounts(
        items=[
            FilingAccount(
                business_account_id=way.account.business_account_id,
                business_number=way.account.business_number,
                authorization_id=way.account.authorization_id,
                role=way.role,
                through_account_id=way.through_account_id,
            )
            for way in found
        ]
    )
