"""The life of a reported declaration: which status changes are allowed, and when.

Original → Amended (any number of times) → Void requested → Voided. A voided declaration, or one
whose void is pending, cannot be amended or voided again. Migrated CAED declarations are not
amended in CERS, and may be voided only within 90 days of their submission.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from cers_contracts.documents import DeclarationStatus, DeclarationVersion, Exporter
from cers_documents.domain.errors import ConflictError

Origin = Literal["cers", "caed"]
CAED_VOID_WINDOW = timedelta(days=90)


@dataclass(frozen=True)
class Declaration:
    """A reported declaration (its versions are ``DeclarationVersion``s of the contracts)."""

    declaration_id: str
    business_account_id: str
    origin: Origin
    proof_of_report: str
    status: DeclarationStatus
    current_version: int
    exporter: Exporter
    submitted_at: datetime
    updated_at: datetime

    def shown_now(self, version: DeclarationVersion) -> DeclarationVersion:
        """``version`` with the declaration's status now: how events and PDFs show a version.

        Its number says which version it is; the status says where the document stands (a
        voided declaration's first version is shown Voided, not Original). The stored version
        keeps the status it was reported with.
        """
        return version.model_copy(update={"status": self.status})


@dataclass(frozen=True)
class StatusChange:
    """One entry of a declaration's status history."""

    status: DeclarationStatus
    version: int
    at: datetime
    user_id: str
    reason: str | None


def _refuse_if_ended(state: Declaration) -> None:
    if state.status == "voided":
        raise ConflictError(
            "documents.declaration.voided",
            "The declaration is voided: it can no longer be amended or voided.",
            {"declaration_id": state.declaration_id},
        )
    if state.status == "void_requested":
        raise ConflictError(
            "documents.declaration.void_pending",
            "A request to void the declaration is being processed.",
            {"declaration_id": state.declaration_id},
        )


def ensure_amendable(state: Declaration) -> None:
    """Raise ConflictError unless a new version may be filed."""
    _refuse_if_ended(state)
    if state.origin == "caed":
        raise ConflictError(
            "documents.declaration.caed_not_amendable",
            "A declaration migrated from CAED cannot be amended; void it and report it again.",
            {"declaration_id": state.declaration_id},
        )


def ensure_voidable(state: Declaration, now: datetime) -> None:
    """Raise ConflictError unless a void may be requested now."""
    _refuse_if_ended(state)
    if state.origin == "caed" and now > state.submitted_at + CAED_VOID_WINDOW:
        raise ConflictError(
            "documents.declaration.caed_void_window_passed",
            "A declaration migrated from CAED may be voided only within 90 days of its submission.",
            {
                "declaration_id": state.declaration_id,
                "submitted_at": state.submitted_at.isoformat(),
            },
        )
