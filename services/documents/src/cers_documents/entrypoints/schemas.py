"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cers_contracts.documents import (
    DeclarationContent,
    DeclarationStatus,
    DeclarationVersion,
    Exporter,
    Finding,
)
from cers_documents.domain.deadlines import Cutoff
from cers_documents.domain.drafts import Draft
from cers_documents.domain.lifecycle import Declaration, StatusChange
from cers_documents.domain.proof_of_report import hyphenated_caed

_STRICT = ConfigDict(extra="forbid")


class AmendmentRequest(BaseModel):
    """``POST .../declarations/{id}/amendments``."""

    model_config = _STRICT

    reason_code: str = Field(min_length=1, max_length=16)
    content: DeclarationContent


class VoidRequest(BaseModel):
    """``POST .../declarations/{id}/void-request`` (the body may be ``{}``)."""

    model_config = _STRICT

    reason: str | None = Field(default=None, max_length=500)


class FindingsSummary(BaseModel):
    """How many findings of each severity."""

    errors: int
    warnings: int
    infos: int

    @classmethod
    def of(cls, findings: list[Finding]) -> FindingsSummary:
        """The counts of ``findings``."""
        count = [f.severity for f in findings].count
        return cls(errors=count("error"), warnings=count("warning"), infos=count("info"))


class CutoffView(BaseModel):
    """The reporting cut-off of a draft, for the portal's countdown."""

    at: datetime
    remaining_seconds: int = Field(description="Negative once the cut-off has passed.")
    late: bool
    rule: str = Field(description="Message key of the mode's timeframe rule.")

    @classmethod
    def of(cls, cutoff: Cutoff | None) -> CutoffView | None:
        """The view of a cut-off (None without one)."""
        if cutoff is None:
            return None
        return cls(
            at=cutoff.at,
            remaining_seconds=int(cutoff.remaining.total_seconds()),
            late=cutoff.late,
            rule=cutoff.rule_key,
        )


class DraftView(BaseModel):
    """A draft with its findings and its deadline countdown."""

    draft_id: str
    business_account_id: str
    author_user_id: str
    content: DeclarationContent
    created_at: datetime
    updated_at: datetime
    expires_at: datetime
    findings: list[Finding]
    summary: FindingsSummary
    cutoff: CutoffView | None

    @classmethod
    def of(cls, draft: Draft, findings: list[Finding], cutoff: Cutoff | None) -> DraftView:
        """The view of a draft."""
        return cls(
            draft_id=draft.draft_id,
            business_account_id=draft.business_account_id,
            author_user_id=draft.author_user_id,
            content=draft.content,
            created_at=draft.created_at,
            updated_at=draft.updated_at,
            expires_at=draft.expires_at,
            findings=findings,
            summary=FindingsSummary.of(findings),
            cutoff=CutoffView.of(cutoff),
        )


class CheckResult(BaseModel):
    """The answer of "check for errors"."""

    findings: list[Finding]
    summary: FindingsSummary
    cutoff: CutoffView | None


class Page(BaseModel):
    """Where a page is in the whole list."""

    total: int
    page: int
    size: int


class DraftList(Page):
    """The Draft Documents tab."""

    items: list[DraftView]


class DeclarationSummary(BaseModel):
    """A reported declaration in the Submitted Documents tab."""

    declaration_id: str
    business_account_id: str
    document_type: Literal["declaration"] = "declaration"
    origin: Literal["cers", "caed"]
    proof_of_report: str
    proof_of_report_display: str = Field(description="As shown to users (CAED: hyphenated).")
    status: DeclarationStatus
    version: int
    exporter: Exporter
    submitted_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, declaration: Declaration) -> DeclarationSummary:
        """The summary of a declaration."""
        proof = declaration.proof_of_report
        return cls(
            declaration_id=declaration.declaration_id,
            business_account_id=declaration.business_account_id,
            origin=declaration.origin,
            proof_of_report=proof,
            proof_of_report_display=hyphenated_caed(proof)
            if declaration.origin == "caed"
            else proof,
            status=declaration.status,
            version=declaration.current_version,
            exporter=declaration.exporter,
            submitted_at=declaration.submitted_at,
            updated_at=declaration.updated_at,
        )


class DeclarationDetail(DeclarationSummary):
    """A declaration with its current version."""

    current: DeclarationVersion


class DeclarationList(Page):
    """A page of search results."""

    items: list[DeclarationSummary]


class VersionList(BaseModel):
    """Every version of a declaration, oldest first."""

    items: list[DeclarationVersion]


class HistoryEntry(BaseModel):
    """One status change."""

    status: DeclarationStatus
    version: int
    at: datetime
    user_id: str
    reason: str | None

    @classmethod
    def of(cls, change: StatusChange) -> HistoryEntry:
        """The entry of a change."""
        return cls(
            status=change.status,
            version=change.version,
            at=change.at,
            user_id=change.user_id,
            reason=change.reason,
        )


class History(BaseModel):
    """A declaration's status history, oldest first."""

    items: list[HistoryEntry]


class VoidRequested(BaseModel):
    """The answer to a void request."""

    declaration_id: str
    proof_of_report: str
    status: DeclarationStatus
    message: str = "Request to Void Sent"
    message_key: str = "documents.void.request_sent"
