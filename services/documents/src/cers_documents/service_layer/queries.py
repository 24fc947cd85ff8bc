"""The Submitted Documents tab: search declarations; a declaration's versions and history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from cers_contracts.documents import DeclarationStatus, DeclarationVersion
from cers_documents.adapters.declaration_repository import SearchCriteria
from cers_documents.domain.errors import InvalidRequestError
from cers_documents.domain.lifecycle import Declaration, StatusChange
from cers_documents.domain.proof_of_report import REPORTING_TIME_ZONE, normalized_search
from cers_documents.service_layer.declarations import get
from cers_documents.service_layer.unit_of_work import Store


@dataclass(frozen=True)
class Search:
    """A search as the filer asks it; dates are Eastern Time calendar days, both inclusive."""

    status: DeclarationStatus | None = None
    proof_of_report: str | None = None
    exporter_reference: str | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None


@dataclass(frozen=True)
class SearchPage:
    """One page of results and how many declarations match in all."""

    declarations: list[Declaration]
    total: int


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=REPORTING_TIME_ZONE)


async def search(
    store: Store, account_id: str, search: Search, *, page: int, size: int
) -> SearchPage:
    """The account's declarations matching ``search``, newest first."""
    if (
        search.submitted_from
        and search.submitted_to
        and search.submitted_from > search.submitted_to
    ):
        raise InvalidRequestError(
            "/submitted_to",
            "documents.search.date_range_inverted",
            "The end of the date range is before its start.",
        )
    criteria = SearchCriteria(
        business_account_id=account_id,
        status=search.status,
        proof_of_report=normalized_search(search.proof_of_report)
        if search.proof_of_report
        else None,
        exporter_reference=search.exporter_reference,
        submitted_from=_start_of(search.submitted_from) if search.submitted_from else None,
        submitted_before=_start_of(search.submitted_to + timedelta(days=1))
        if search.submitted_to
        else None,
    )
    found, total = await store.declarations.search(criteria, limit=size, offset=(page - 1) * size)
    return SearchPage(found, total)


@dataclass(frozen=True)
class DeclarationView:
    """A declaration with its current version (the Proof of Report view)."""

    declaration: Declaration
    current: DeclarationVersion


async def view(store: Store, account_id: str, declaration_id: str) -> DeclarationView:
    """The declaration and its current version."""
    declaration = await get(store, account_id, declaration_id)
    current = await store.declarations.version(declaration, declaration.current_version)
    assert current is not None  # every declaration is stored with its versions
    return DeclarationView(declaration, current)


async def versions(store: Store, account_id: str, declaration_id: str) -> list[DeclarationVersion]:
    """Every version of the declaration, oldest first."""
    return await store.declarations.versions(await get(store, account_id, declaration_id))


async def history(store: Store, account_id: str, declaration_id: str) -> list[StatusChange]:
    """Each status change of the declaration: when, who, why."""
    declaration = await get(store, account_id, declaration_id)
    return await store.declarations.history(declaration.declaration_id)
