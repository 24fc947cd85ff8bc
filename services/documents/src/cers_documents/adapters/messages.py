"""Translators from the documents domain to the contract events of ``documents.declaration.v1``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cers_contracts.documents import DeclarationEvent, DeclarationVersion, DraftExpiring
from cers_documents.domain.drafts import Draft
from cers_documents.domain.lifecycle import Declaration


def declaration_event(
    kind: type[DeclarationEvent],
    declaration: Declaration,
    version: DeclarationVersion,
    *,
    actor_user_id: str,
    at: datetime,
    **extra: Any,
) -> DeclarationEvent:
    """An event about ``declaration``, carrying ``version`` with the declaration's status now."""
    return kind(
        business_account_id=declaration.business_account_id,
        declaration_id=declaration.declaration_id,
        proof_of_report=declaration.proof_of_report,
        declaration=declaration.shown_now(version),
        actor_user_id=actor_user_id,
        occurred_at=at,
        **extra,
    )


def draft_expiring(draft: Draft, at: datetime) -> DraftExpiring:
    """The warning that ``draft`` will be deleted at its expiry unless extended."""
    return DraftExpiring(
        business_account_id=draft.business_account_id,
        draft_id=draft.draft_id,
        author_user_id=draft.author_user_id,
        exporter_reference_numbers=list(draft.content.exporter_reference_numbers),
        expires_at=draft.expires_at,
        occurred_at=at,
    )
