"""Migrated CAED declarations: legacy records loaded as reported declarations (status Original).

The input is JSON lines, one record per line (see ``CaedRecord`` and the service README). Each
record is stored in its own transaction; a POR already stored is skipped, so an import can be
run again. A record that cannot be stored (a NUL character, which PostgreSQL cannot hold, or
any database error of its own) fails alone, with the reason; the others load. Nothing is
published: CAED reported these declarations already.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.exc import DBAPIError

from cers_contracts.accounts import Address
from cers_contracts.documents import DeclarationContent, DeclarationVersion, Exporter, Filer
from cers_documents.domain.lifecycle import Declaration, StatusChange
from cers_documents.domain.nul_characters import field_name, nul_message, nul_paths, pointer
from cers_documents.domain.proof_of_report import caed_authorization_id, caed_proof_of_report
from cers_documents.service_layer.unit_of_work import UnitOfWork

IMPORT_USER = "caed-import"


class CaedRecord(BaseModel):
    """One legacy CAED declaration."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    proof_of_report: str = Field(description="23 characters, hyphenated or not.")
    business_number: str = Field(pattern=r"^\d{9}RM\d{4}$")
    exporter_name: str = Field(min_length=1, max_length=200)
    exporter_address: Address | None = None
    business_account_id: str | None = Field(
        default=None,
        max_length=64,
        description="The CERS account; found by Business Number in the replica when absent.",
    )
    submitted_at: AwareDatetime
    content: DeclarationContent


@dataclass
class ImportReport:
    """What an import did, line by line."""

    imported: int = 0
    already_present: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)


def _parse(line: str) -> tuple[CaedRecord, str]:
    record = CaedRecord.model_validate_json(line, context={"reject_unknown_fields": True})
    proof = caed_proof_of_report(record.proof_of_report)
    if proof is None:
        raise ValueError(f"{record.proof_of_report!r} is not a 23-character CAED Proof of Report")
    return record, proof


async def import_records(uow: UnitOfWork, lines: Iterable[str], now: datetime) -> ImportReport:
    """Store each record of ``lines`` (blank lines skipped); the report says what became of it."""
    report = ImportReport()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record, proof = _parse(line)
        except (ValidationError, ValueError) as error:
            report.failures.append((number, str(error)))
            continue
        try:
            stored = await _store(uow, record, proof, now)
        except _NotStoredError as error:
            report.failures.append((number, str(error)))
            continue
        except DBAPIError as error:  # this record only: the others still load
            if error.connection_invalidated:
                raise
            reason = str(error.orig).splitlines()[0] if error.orig else str(error)
            report.failures.append((number, f"not stored, the database refused it: {reason}"))
            continue
        if stored:
            report.imported += 1
        else:
            report.already_present += 1
    return report


class _NotStoredError(Exception):
    """Why a record is not stored."""


async def _store(uow: UnitOfWork, record: CaedRecord, proof: str, now: datetime) -> bool:
    """Store one record in its own transaction; False when its POR is stored already."""
    nul = nul_paths(record.model_dump(mode="json"))
    if nul:  # PostgreSQL cannot store it: said here, rather than by a database error
        raise _NotStoredError(
            "; ".join(f"{pointer(path)}: {nul_message(field_name(path))}" for path in nul)
        )
    async with uow() as store:
        account_id = record.business_account_id
        if account_id is None:
            known = await store.exporters.by_business_number(record.business_number)
            account_id = known.business_account_id if known else None
        if account_id is None:
            raise _NotStoredError(
                f"no business account with Business Number {record.business_number}"
            )
        exporter = Exporter(
            business_account_id=account_id,
            business_number=record.business_number,
            authorization_id=caed_authorization_id(proof),
            name=record.exporter_name,
            address=record.exporter_address,
        )
        declaration = Declaration(
            declaration_id=uuid.uuid4().hex,
            business_account_id=account_id,
            origin="caed",
            proof_of_report=proof,
            status="original",
            current_version=1,
            exporter=exporter,
            submitted_at=record.submitted_at,
            updated_at=now,
        )
        version = DeclarationVersion(
            declaration_id=declaration.declaration_id,
            proof_of_report=proof,
            version=1,
            status="original",
            exporter=exporter,
            filer=Filer(user_id=IMPORT_USER),
            content=record.content,
            reported_at=record.submitted_at,
        )
        if not await store.declarations.add(declaration, version):
            return False
        await store.declarations.record_status(
            declaration.declaration_id,
            StatusChange("original", 1, record.submitted_at, IMPORT_USER, "Migrated from CAED"),
        )
    return True
