"""Declarations, their versions and status history in the database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from cers_contracts.documents import (
    DeclarationContent,
    DeclarationStatus,
    DeclarationVersion,
    Exporter,
    FieldChange,
    Filer,
    Finding,
)
from cers_documents.adapters.tables import declaration_versions, declarations, status_history
from cers_documents.domain.lifecycle import Declaration, StatusChange


@dataclass(frozen=True)
class SearchCriteria:
    """What the Submitted Documents tab searches by (None: any); dates are inclusive instants."""

    business_account_id: str
    status: DeclarationStatus | None = None
    proof_of_report: str | None = None
    exporter_reference: str | None = None
    submitted_from: datetime | None = None
    submitted_before: datetime | None = None


def _declaration(row: Any) -> Declaration:
    return Declaration(
        declaration_id=row.declaration_id,
        business_account_id=row.business_account_id,
        origin=row.origin,
        proof_of_report=row.proof_of_report,
        status=row.status,
        current_version=row.current_version,
        exporter=Exporter.model_validate(row.exporter),
        submitted_at=row.submitted_at,
        updated_at=row.updated_at,
    )


def _version(declaration: Declaration, row: Any) -> DeclarationVersion:
    return DeclarationVersion(
        declaration_id=row.declaration_id,
        proof_of_report=declaration.proof_of_report,
        version=row.version,
        status=row.status,
        exporter=declaration.exporter,
        filer=Filer.model_validate(row.filer),
        content=DeclarationContent.model_validate(row.content),
        findings=[Finding.model_validate(f) for f in row.findings],
        reported_at=row.reported_at,
        amendment_reason=row.amendment_reason,
        changes=[FieldChange.model_validate(c) for c in row.changes],
    )


def _json_list(items: Sequence[Finding] | Sequence[FieldChange]) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json") for item in items]


class DeclarationRepository:
    """Reads and writes declarations in one transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, declaration: Declaration, first: DeclarationVersion) -> bool:
        """Store a new declaration with its first version; False if its POR exists already."""
        stored = await self._session.execute(
            pg_insert(declarations)
            .values(
                declaration_id=declaration.declaration_id,
                business_account_id=declaration.business_account_id,
                document_type="declaration",
                origin=declaration.origin,
                proof_of_report=declaration.proof_of_report,
                status=declaration.status,
                current_version=declaration.current_version,
                exporter=declaration.exporter.model_dump(mode="json"),
                exporter_reference_numbers=list(first.content.exporter_reference_numbers),
                submitted_at=declaration.submitted_at,
                updated_at=declaration.updated_at,
            )
            .on_conflict_do_nothing(index_elements=["proof_of_report"])
            .returning(declarations.c.declaration_id)
        )
        if stored.first() is None:
            return False
        await self.add_version(first)
        return True

    async def add_version(self, version: DeclarationVersion) -> None:
        """Store a version (the first, or an amendment's)."""
        await self._session.execute(
            insert(declaration_versions).values(
                declaration_id=version.declaration_id,
                version=version.version,
                status=version.status,
                content=version.content.model_dump(mode="json"),
                findings=_json_list(version.findings),
                changes=_json_list(version.changes),
                amendment_reason=version.amendment_reason,
                filer=version.filer.model_dump(mode="json"),
                reported_at=version.reported_at,
            )
        )

    async def change(self, declaration: Declaration, content: DeclarationContent | None) -> None:
        """Store the declaration's new status and version (and references, for a new content)."""
        values: dict[str, Any] = {
            "status": declaration.status,
            "current_version": declaration.current_version,
            "updated_at": declaration.updated_at,
        }
        if content is not None:
            values["exporter_reference_numbers"] = list(content.exporter_reference_numbers)
        await self._session.execute(
            update(declarations)
            .where(declarations.c.declaration_id == declaration.declaration_id)
            .values(**values)
        )

    async def record_status(self, declaration_id: str, change: StatusChange) -> None:
        """Append a status change to the declaration's history."""
        await self._session.execute(
            insert(status_history).values(
                declaration_id=declaration_id,
                status=change.status,
                version=change.version,
                at=change.at,
                user_id=change.user_id,
                reason=change.reason,
            )
        )

    async def get(
        self, account_id: str, declaration_id: str, *, for_update: bool = False
    ) -> Declaration | None:
        """The declaration of ``account_id``, locked when ``for_update``."""
        query = select(declarations).where(
            declarations.c.declaration_id == declaration_id,
            declarations.c.business_account_id == account_id,
        )
        row = (
            await self._session.execute(query.with_for_update() if for_update else query)
        ).first()
        return _declaration(row) if row else None

    async def version(self, declaration: Declaration, number: int) -> DeclarationVersion | None:
        """One version of the declaration."""
        row = (
            await self._session.execute(
                select(declaration_versions).where(
                    declaration_versions.c.declaration_id == declaration.declaration_id,
                    declaration_versions.c.version == number,
                )
            )
        ).first()
        return _version(declaration, row) if row else None

    async def versions(self, declaration: Declaration) -> list[DeclarationVersion]:
        """Every version of the declaration, oldest first."""
        rows = await self._session.execute(
            select(declaration_versions)
            .where(declaration_versions.c.declaration_id == declaration.declaration_id)
            .order_by(declaration_versions.c.version)
        )
        return [_version(declaration, row) for row in rows]

    async def history(self, declaration_id: str) -> list[StatusChange]:
        """The declaration's status changes, oldest first."""
        rows = await self._session.execute(
            select(status_history)
            .where(status_history.c.declaration_id == declaration_id)
            .order_by(status_history.c.id)
        )
        return [StatusChange(r.status, r.version, r.at, r.user_id, r.reason) for r in rows]

    async def search(
        self, criteria: SearchCriteria, *, limit: int, offset: int
    ) -> tuple[list[Declaration], int]:
        """A page of matching declarations, newest submission first, and how many match."""
        query = _matching(criteria)
        total = await self._session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await self._session.execute(
            query.order_by(declarations.c.submitted_at.desc(), declarations.c.declaration_id)
            .limit(limit)
            .offset(offset)
        )
        return [_declaration(row) for row in rows], int(total or 0)


def _matching(criteria: SearchCriteria) -> Select[Any]:
    query = select(declarations).where(
        declarations.c.business_account_id == criteria.business_account_id
    )
    if criteria.status is not None:
        query = query.where(declarations.c.status == criteria.status)
    if criteria.proof_of_report is not None:
        query = query.where(declarations.c.proof_of_report == criteria.proof_of_report)
    if criteria.exporter_reference is not None:
        query = query.where(
            declarations.c.exporter_reference_numbers.contains([criteria.exporter_reference])
        )
    if criteria.submitted_from is not None:
        query = query.where(declarations.c.submitted_at >= criteria.submitted_from)
    if criteria.submitted_before is not None:
        query = query.where(declarations.c.submitted_at < criteria.submitted_before)
    return query
