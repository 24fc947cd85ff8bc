"""Draft expiry: a draft lives 30 days after its last change; its author is warned 5 days before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cers_contracts.documents import DeclarationContent

DRAFT_LIFETIME = timedelta(days=30)
EXPIRY_WARNING = timedelta(days=5)


def expiry_after_change(changed_at: datetime) -> datetime:
    """When a draft changed (or extended) at ``changed_at`` will be deleted."""
    return changed_at + DRAFT_LIFETIME


def warning_due_before(now: datetime) -> datetime:
    """Drafts expiring before this instant are due their warning."""
    return now + EXPIRY_WARNING


@dataclass(frozen=True)
class Draft:
    """A declaration being written: any content, no status, deleted when it expires."""

    draft_id: str
    business_account_id: str
    author_user_id: str
    content: DeclarationContent
    created_at: datetime
    updated_at: datetime
    expires_at: datetime
