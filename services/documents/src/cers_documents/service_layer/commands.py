"""Commands from the bulk service: validate or submit one declaration, idempotent by key.

Each command is answered once with ``DeclarationCommandCompleted`` through the outbox, in the
consumer's transaction. A later command with the same key (per exporter account) gets the first
answer again, never a second Proof of Report; a key that answered another command (another type
or another declaration) is refused (``documents.idempotency_key.reused``), never answered with
that command's reply. A refusal is not kept under its key: nothing was done, and what refused the
command (the authorization or exporter replica, perhaps behind accounts) decides again when the
command is sent again. A command holding a NUL character (U+0000, which PostgreSQL cannot store)
is answered ``invalid``/``rejected`` with ``documents.field.nul_character`` before anything is
stored, its key included.
"""

from __future__ import annotations

from datetime import datetime

from cers_chassis.authorization import Authorizer
from cers_contracts.authorization import Action
from cers_contracts.documents import (
    CommandOutcome,
    DeclarationCommand,
    DeclarationCommandCompleted,
    Finding,
    SubmitDeclaration,
)
from cers_documents.domain.errors import (
    ConflictError,
    ForbiddenError,
    InvalidRequestError,
    NotFoundError,
    SubmissionRejectedError,
)
from cers_documents.domain.nul_characters import nul_finding, nul_findings, nul_paths
from cers_documents.domain.rules import has_errors
from cers_documents.domain.rules.engine import finding
from cers_documents.service_layer.access import Caller, authorize
from cers_documents.service_layer.submission import fingerprint, submit
from cers_documents.service_layer.unit_of_work import Store
from cers_documents.service_layer.validation import Validator


def _reply(
    command: DeclarationCommand,
    outcome: CommandOutcome,
    now: datetime,
    *,
    findings: list[Finding] | None = None,
    proof_of_report: str | None = None,
    declaration_id: str | None = None,
) -> DeclarationCommandCompleted:
    return DeclarationCommandCompleted(
        business_account_id=command.business_account_id,
        idempotency_key=command.idempotency_key,
        command_type=command.ce_type,
        outcome=outcome,
        proof_of_report=proof_of_report,
        declaration_id=declaration_id,
        findings=findings or [],
        correlation=command.correlation,
        occurred_at=now,
    )


def _refusal(code: str, message: str) -> list[Finding]:
    return [Finding(severity="error", code=code, pointer="", message=message)]


def _nul_findings(command: DeclarationCommand) -> list[Finding]:
    """Where the command holds a NUL character: at the declaration's fields, and for the
    command's own texts (its key, user, correlation) at the whole declaration."""
    found = nul_findings(command.content.model_dump(mode="json"))
    own = {
        "idempotency_key": command.idempotency_key,
        "user_id": command.user_id,
        "correlation": command.correlation,
    }
    return [*found, *(nul_finding("", name) for name, value in own.items() if nul_paths(value))]


async def _answer(
    store: Store,
    command: DeclarationCommand,
    *,
    authorizer: Authorizer,
    now: datetime,
    validator: Validator,
) -> DeclarationCommandCompleted:
    try:
        actor = await authorize(
            authorizer, Caller(command.user_id), command.business_account_id, Action.FILE_DOCUMENTS
        )
    except (ForbiddenError, NotFoundError) as error:
        return _reply(
            command, "refused", now, findings=_refusal("authorization.forbidden", str(error))
        )
    if not isinstance(command, SubmitDeclaration):
        findings = validator.findings(command.content, now)
        return _reply(
            command, "invalid" if has_errors(findings) else "valid", now, findings=findings
        )
    try:
        async with store.session.begin_nested():  # a refusal leaves nothing of the attempt
            confirmation = await submit(store, actor, command.content, now=now, validator=validator)
    except SubmissionRejectedError as rejected:
        return _reply(command, "rejected", now, findings=list(rejected.findings))
    except (ConflictError, InvalidRequestError) as refused:
        return _reply(command, "refused", now, findings=_refusal(refused.code, refused.message))
    return _reply(
        command,
        "reported",
        now,
        findings=confirmation.warnings + confirmation.infos,
        proof_of_report=confirmation.proof_of_report,
        declaration_id=confirmation.declaration_id,
    )


async def handle(
    store: Store,
    command: DeclarationCommand,
    *,
    authorizer: Authorizer,
    now: datetime,
    validator: Validator,
) -> DeclarationCommandCompleted:
    """Answer the command (or repeat the first answer to its key); the reply is emitted."""
    nul = _nul_findings(command)
    if nul:  # answered before anything is stored: the database cannot hold a NUL
        outcome: CommandOutcome = (
            "rejected" if isinstance(command, SubmitDeclaration) else "invalid"
        )
        reply = _reply(command, outcome, now, findings=nul)
        await store.emit(reply)
        return reply
    scope, key = f"command:{command.business_account_id}", command.idempotency_key
    digest = fingerprint(command.content, command.ce_type)
    earlier = await store.idempotency.claim(scope, key, digest, now)
    if earlier is not None and earlier.fingerprint != digest:
        reused = finding("error", "documents.idempotency_key.reused", "")
        reply = _reply(command, "refused", now, findings=[reused])
    elif earlier is not None:
        reply = DeclarationCommandCompleted.model_validate(earlier.result)
    else:
        reply = await _answer(store, command, authorizer=authorizer, now=now, validator=validator)
        if reply.outcome == "refused":  # perhaps only for now: a retry decides again
            await store.idempotency.release(scope, key)
        else:
            await store.idempotency.keep(scope, key, reply.model_dump(mode="json"))
    await store.emit(reply)
    return reply
