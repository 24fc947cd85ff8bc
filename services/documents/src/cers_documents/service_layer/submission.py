"""Submission: the rules, then a Proof of Report, status Original and ``DeclarationReported``."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime

from pydantic import BaseModel

from cers_contracts.documents import (
    DeclarationContent,
    DeclarationReported,
    DeclarationStatus,
    DeclarationVersion,
    Finding,
)
from cers_documents.adapters.messages import declaration_event
from cers_documents.domain.errors import (
    ConflictError,
    InvalidRequestError,
    SubmissionRejectedError,
)
from cers_documents.domain.exporters import KnownAccount
from cers_documents.domain.lifecycle import Declaration, StatusChange
from cers_documents.domain.messages import english
from cers_documents.domain.proof_of_report import proof_of_report, reporting_date
from cers_documents.domain.rules import has_errors
from cers_documents.service_layer import drafts
from cers_documents.service_layer.access import Actor
from cers_documents.service_layer.unit_of_work import Store
from cers_documents.service_layer.validation import Validator


class Confirmation(BaseModel):
    """What a filer is told when a version is reported (also kept for idempotent replays)."""

    declaration_id: str
    proof_of_report: str
    status: DeclarationStatus
    version: int
    reported_at: datetime
    warnings: list[Finding]
    infos: list[Finding]

    @classmethod
    def of(cls, version: DeclarationVersion, status: DeclarationStatus) -> Confirmation:
        """The confirmation of a reported version."""
        return cls(
            declaration_id=version.declaration_id,
            proof_of_report=version.proof_of_report,
            status=status,
            version=version.version,
            reported_at=version.reported_at,
            warnings=[f for f in version.findings if f.severity == "warning"],
            infos=[f for f in version.findings if f.severity == "info"],
        )


def fingerprint(content: DeclarationContent, kind: str = "") -> str:
    """A digest of what was asked (``kind``: the command type), to tell a replay from a key
    reused for something else."""
    return hashlib.sha256(f"{kind}:{content.model_dump_json()}".encode()).hexdigest()


async def exporter_of(store: Store, account_id: str) -> KnownAccount:
    """The account as the replica knows it; refused while accounts has not described it."""
    account = await store.exporters.get(account_id)
    if account is None:
        raise ConflictError(
            "documents.exporter.unknown",
            "The business account is not known to the documents service yet; try again shortly.",
            {"business_account_id": account_id},
        )
    return account


def approved_findings(
    validator: Validator, content: DeclarationContent, now: datetime
) -> list[Finding]:
    """The findings of ``content``; SubmissionRejectedError when any is an error."""
    findings = validator.findings(content, now)
    if has_errors(findings):
        raise SubmissionRejectedError(findings)
    return findings


async def submit(
    store: Store,
    actor: Actor,
    content: DeclarationContent,
    *,
    now: datetime,
    validator: Validator,
    draft_id: str | None = None,
) -> Confirmation:
    """Report ``content`` (of the draft ``draft_id``, deleted with it, when given)."""
    exporter = (await exporter_of(store, actor.account_id)).as_exporter()
    findings = approved_findings(validator, content, now)
    if draft_id is not None:
        await store.drafts.remove(draft_id)
    sequence = await store.next_sequence(exporter.authorization_id, reporting_date(now))
    declaration = Declaration(
        declaration_id=uuid.uuid4().hex,
        business_account_id=actor.account_id,
        origin="cers",
        proof_of_report=proof_of_report(exporter.authorization_id, now, sequence),
        status="original",
        current_version=1,
        exporter=exporter,
        submitted_at=now,
        updated_at=now,
    )
    version = DeclarationVersion(
        declaration_id=declaration.declaration_id,
        proof_of_report=declaration.proof_of_report,
        version=1,
        status="original",
        exporter=exporter,
        filer=actor.filer(),
        content=content,
        findings=findings,
        reported_at=now,
    )
    await store.declarations.add(declaration, version)
    await store.declarations.record_status(
        declaration.declaration_id, StatusChange("original", 1, now, actor.user_id, None)
    )
    await store.emit(
        declaration_event(
            DeclarationReported, declaration, version, actor_user_id=actor.user_id, at=now
        )
    )
    return Confirmation.of(version, "original")


async def submit_draft(
    store: Store, actor: Actor, draft_id: str, *, now: datetime, validator: Validator
) -> Confirmation:
    """Submit the stored draft; it is deleted when the declaration is reported."""
    draft = await drafts.get(store, actor.account_id, draft_id, for_update=True)
    return await submit(
        store, actor, draft.content, now=now, validator=validator, draft_id=draft_id
    )


async def once(
    store: Store,
    actor: Actor,
    *,
    key: str,
    digest: str,
    now: datetime,
    attempt: Callable[[], Awaitable[Confirmation]],
) -> Confirmation:
    """``attempt`` a submission under the client's idempotency key: the key's first confirmation.

    The key (per user and account) is claimed first in the transaction, so a concurrent request
    with the same key waits for this one to end. A rejected submission rolls its claim back: the
    corrected declaration may be sent with the same key. ``digest`` tells a replay from a key
    reused for another declaration (refused).
    """
    scope = f"http:{actor.user_id}:{actor.account_id}"
    earlier = await store.idempotency.claim(scope, key, digest, now)
    if earlier is not None:
        if earlier.fingerprint != digest:
            code = "documents.idempotency_key.reused"
            raise InvalidRequestError("", code, english(code, {}), {"key": key})
        return Confirmation.model_validate(earlier.result)
    confirmation = await attempt()
    await store.idempotency.keep(scope, key, confirmation.model_dump(mode="json"))
    return confirmation
