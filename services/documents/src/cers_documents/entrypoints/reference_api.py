"""Reference data for the portal: code tables, accounts one files for (texts: message_routes)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, SerializeAsAny

from cers_contracts.codes import CODE_TABLES, CodeEntry, CodeTable
from cers_documents.entrypoints.access import SignedIn
from cers_documents.entrypoints.wiring import wiring

router = APIRouter(prefix="/v1", tags=["reference"])
_DAY = "public, max-age=86400"


class CodeTables(BaseModel):
    """The contracts' versioned code tables, by name; each entry with its table's own fields
    (a mode of transport's ``kind``, a port's ``modes``), not only code and labels."""

    tables: dict[str, CodeTable[SerializeAsAny[CodeEntry]]]


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


_TABLES = CodeTables(tables=dict(CODE_TABLES))


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
