"""Reported declarations: read them, amend them, ask for and process their void."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from cers_contracts.codes import AMENDMENT_REASONS
from cers_contracts.documents import (
    DeclarationAmended,
    DeclarationContent,
    DeclarationVersion,
    DeclarationVoided,
    DeclarationVoidRequested,
)
from cers_documents.adapters.messages import declaration_event
from cers_documents.domain.changes import field_changes
from cers_documents.domain.errors import InvalidRequestError, NotFoundError
from cers_documents.domain.lifecycle import (
    Declaration,
    StatusChange,
    ensure_amendable,
    ensure_voidable,
)
from cers_documents.service_layer.access import Actor
from cers_documents.service_layer.submission import Confirmation, approved_findings
from cers_documents.service_layer.unit_of_work import Store
from cers_documents.service_layer.validation import Validator


async def get(
    store: Store, account_id: str, declaration_id: str, *, for_update: bool = False
) -> Declaration:
    """The account's declaration; NotFoundError when it has none with this id."""
    found = await store.declarations.get(account_id, declaration_id, for_update=for_update)
    if found is None:
        raise NotFoundError("declaration", declaration_id)
    return found


async def version(store: Store, declaration: Declaration, number: int) -> DeclarationVersion:
    """One version of the declaration, as it was reported."""
    found = await store.declarations.version(declaration, number)
    if found is None:
        raise NotFoundError("declaration version", f"{declaration.declaration_id}/{number}")
    return found


async def amend(
    store: Store,
    actor: Actor,
    declaration_id: str,
    *,
    reason_code: str,
    content: DeclarationContent,
    now: datetime,
    validator: Validator,
) -> Confirmation:
    """Report a new version with a reason: same POR, version + 1, status Amended, diff kept."""
    if reason_code not in AMENDMENT_REASONS:
        raise InvalidRequestError(
            "/reason_code",
            "documents.amendment_reason.invalid",
            f"Amendment reason {reason_code} is not in the amendment reasons table.",
            {"value": reason_code},
        )
    declaration = await get(store, actor.account_id, declaration_id, for_update=True)
    ensure_amendable(declaration)
    findings = approved_findings(validator, content, now)
    previous = await version(store, declaration, declaration.current_version)
    changes = field_changes(previous.content, content)
    if not changes:
        raise InvalidRequestError(
            "/content",
            "documents.amendment.no_changes",
            "The amendment changes nothing in the declaration.",
        )
    amended = replace(
        declaration,
        status="amended",
        current_version=declaration.current_version + 1,
        updated_at=now,
    )
    new_version = DeclarationVersion(
        declaration_id=declaration.declaration_id,
        proof_of_report=declaration.proof_of_report,
        version=amended.current_version,
        status="amended",
        exporter=declaration.exporter,
        filer=actor.filer(),
        content=content,
        findings=findings,
        reported_at=now,
        amendment_reason=reason_code,
        changes=changes,
    )
    await store.declarations.add_version(new_version)
    await store.declarations.change(amended, content)
    await store.declarations.record_status(
        declaration.declaration_id,
        StatusChange("amended", amended.current_version, now, actor.user_id, reason_code),
    )
    await store.emit(
        declaration_event(
            DeclarationAmended, amended, new_version, actor_user_id=actor.user_id, at=now
        )
    )
    return Confirmation.of(new_version, "amended")


async def request_void(
    store: Store, actor: Actor, declaration_id: str, *, reason: str | None, now: datetime
) -> Declaration:
    """Status Void requested and ``DeclarationVoidRequested``; the consumer does the rest."""
    declaration = await get(store, actor.account_id, declaration_id, for_update=True)
    ensure_voidable(declaration, now)
    requested = replace(declaration, status="void_requested", updated_at=now)
    await store.declarations.change(requested, None)
    await store.declarations.record_status(
        declaration_id,
        StatusChange("void_requested", declaration.current_version, now, actor.user_id, reason),
    )
    current = await version(store, requested, requested.current_version)
    await store.emit(
        declaration_event(
            DeclarationVoidRequested,
            requested,
            current,
            actor_user_id=actor.user_id,
            at=now,
            reason=reason,
        )
    )
    return requested


async def process_void(store: Store, request: DeclarationVoidRequested, now: datetime) -> bool:
    """Void the declaration a request names, if it is still waiting; True when it was voided."""
    declaration = await store.declarations.get(
        request.business_account_id, request.declaration_id, for_update=True
    )
    if declaration is None or declaration.status != "void_requested":
        return False  # already processed, or not ours
    voided = replace(declaration, status="voided", updated_at=now)
    await store.declarations.change(voided, None)
    await store.declarations.record_status(
        declaration.declaration_id,
        StatusChange(
            "voided", declaration.current_version, now, request.actor_user_id, request.reason
        ),
    )
    current = await version(store, voided, voided.current_version)
    await store.emit(
        declaration_event(
            DeclarationVoided, voided, current, actor_user_id=request.actor_user_id, at=now
        )
    )
    return True
