"""Kafka consumers: identity, accounts and documents events become replicas and notices (once)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cers_chassis.inbox import Handler, InboxConsumer
from cers_chassis.service import ServiceRuntime
from cers_contracts import accounts, documents, identity
from cers_contracts.envelope import Envelope
from cers_contracts.topics import REGISTRY
from cers_notifications.entrypoints.wiring import Wiring
from cers_notifications.service_layer import event_notices
from cers_notifications.service_layer.unit_of_work import Store, UnitOfWork

StoreHandler = Callable[[Store, Envelope, Any], Awaitable[None]]

# Each consumer's purpose (its consumer group is ``<prefix>.<purpose>``) and the topic it reads.
CONSUMED_TOPICS: Mapping[str, str] = {
    "users": "identity.user.v1",
    "business-accounts": "accounts.business-account.v1",
    "memberships": "accounts.membership.v1",
    "activation-codes": "accounts.activation-code.v1",
    "declarations": "documents.declaration.v1",
}


def _on_store(uow: UnitOfWork, handle: StoreHandler) -> Handler:
    """An inbox handler that runs ``handle`` on a store over the inbox's transaction."""

    async def handler(session: AsyncSession, envelope: Envelope, event: Any) -> None:
        await handle(uow.bind(session), envelope, event)

    return handler


def notification_consumers(wiring: Wiring) -> Callable[[ServiceRuntime], list[InboxConsumer]]:
    """The consumer factory for ``create_service_app``."""
    settings, clock = wiring.settings, wiring.clock

    def build(runtime: ServiceRuntime) -> list[InboxConsumer]:
        uow = wiring.unit_of_work(runtime)

        async def remember_user(store: Store, envelope: Envelope, event: Any) -> None:
            await event_notices.remember_user(store, event)

        async def confirmation(store: Store, envelope: Envelope, event: Any) -> None:
            await event_notices.request_email_confirmation(
                store, envelope, event, clock=clock, portal_base_url=settings.portal_base_url
            )

        async def account(store: Store, envelope: Envelope, event: Any) -> None:
            await event_notices.remember_account(store, event)

        async def membership(store: Store, envelope: Envelope, event: Any) -> None:
            await event_notices.tell_member_of_change(store, envelope, event, clock=clock)

        async def code_expiring(store: Store, envelope: Envelope, event: Any) -> None:
            await event_notices.warn_activation_code_expiring(store, envelope, event, clock=clock)

        async def draft_expiring(store: Store, envelope: Envelope, event: Any) -> None:
            await event_notices.remind_draft_author(store, envelope, event, clock=clock)

        async def voided(store: Store, envelope: Envelope, event: Any) -> None:
            await event_notices.tell_filer_of_void(store, envelope, event, clock=clock)

        user_handlers: dict[type[Any], Handler] = {
            model: _on_store(uow, remember_user) for model in identity.USER_EVENTS
        }
        user_handlers[identity.EmailConfirmationRequested] = _on_store(uow, confirmation)
        handlers: dict[str, Mapping[type[Any], Handler]] = {
            "users": user_handlers,
            "business-accounts": {
                model: _on_store(uow, account)
                for model in REGISTRY.topic(CONSUMED_TOPICS["business-accounts"]).messages
            },
            "memberships": {
                accounts.MemberAdded: _on_store(uow, membership),
                accounts.MemberRoleChanged: _on_store(uow, membership),
            },
            "activation-codes": {accounts.ActivationCodeExpiring: _on_store(uow, code_expiring)},
            "declarations": {
                documents.DraftExpiring: _on_store(uow, draft_expiring),
                documents.DeclarationVoided: _on_store(uow, voided),
            },
        }
        return [
            runtime.inbox_consumer(purpose, REGISTRY.topic(topic), handlers[purpose])
            for purpose, topic in CONSUMED_TOPICS.items()
        ]

    return build
