"""Drafts (user guide §6): create, save, check for errors, extend, delete, list; expiry."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from cers_contracts.documents import DeclarationContent
from cers_documents.adapters.messages import draft_expiring
from cers_documents.domain.drafts import Draft, expiry_after_change, warning_due_before
from cers_documents.domain.errors import NotFoundError
from cers_documents.service_layer.access import Actor
from cers_documents.service_layer.unit_of_work import Store, UnitOfWork

EXPIRY_BATCH = 200


async def create(store: Store, actor: Actor, content: DeclarationContent, now: datetime) -> Draft:
    """A new draft of the actor's account, authored by the actor."""
    draft = Draft(
        draft_id=uuid.uuid4().hex,
        business_account_id=actor.account_id,
        author_user_id=actor.user_id,
        content=content,
        created_at=now,
        updated_at=now,
        expires_at=expiry_after_change(now),
    )
    await store.drafts.add(draft)
    return draft


async def get(store: Store, account_id: str, draft_id: str, *, for_update: bool = False) -> Draft:
    """The account's draft; NotFoundError when it has none with this id."""
    draft = await store.drafts.get(account_id, draft_id, for_update=for_update)
    if draft is None:
        raise NotFoundError("draft", draft_id)
    return draft


async def save(
    store: Store, actor: Actor, draft_id: str, content: DeclarationContent, now: datetime
) -> Draft:
    """Replace the draft's content ("save and continue", "save and finish later")."""
    draft = await get(store, actor.account_id, draft_id, for_update=True)
    saved = replace(draft, content=content, updated_at=now, expires_at=expiry_after_change(now))
    await store.drafts.save(saved)
    return saved


async def extend(store: Store, actor: Actor, draft_id: str, now: datetime) -> Draft:
    """Give the draft another 30 days from now, content unchanged."""
    draft = await get(store, actor.account_id, draft_id, for_update=True)
    extended = replace(draft, updated_at=now, expires_at=expiry_after_change(now))
    await store.drafts.save(extended)
    return extended


async def delete(store: Store, actor: Actor, draft_id: str) -> None:
    """Delete the draft."""
    await get(store, actor.account_id, draft_id, for_update=True)
    await store.drafts.remove(draft_id)


@dataclass(frozen=True)
class DraftPage:
    """A page of the Draft Documents tab."""

    drafts: list[Draft]
    total: int


async def list_page(store: Store, account_id: str, *, page: int, size: int) -> DraftPage:
    """The account's drafts, most recently changed first."""
    drafts = await store.drafts.of_account(account_id, limit=size, offset=(page - 1) * size)
    return DraftPage(list(drafts), await store.drafts.count_of_account(account_id))


async def warn_and_expire(uow: UnitOfWork, now: datetime) -> tuple[int, int]:
    """Warn (once) the authors of drafts expiring within 5 days; delete expired drafts.

    Returns (warned, deleted). Each batch is one transaction, so a warning is published exactly
    when its draft is marked warned; SKIP LOCKED lets several instances share the work.
    """
    warned = 0
    while True:
        async with uow() as store:
            due = await store.drafts.due_warning(now, warning_due_before(now), EXPIRY_BATCH)
            for draft in due:
                await store.emit(draft_expiring(draft, now))
            await store.drafts.mark_warned([d.draft_id for d in due], now)
        warned += len(due)
        if len(due) < EXPIRY_BATCH:
            break
    async with uow() as store:
        deleted = await store.drafts.delete_expired(now)
    return warned, deleted
