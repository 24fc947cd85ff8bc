"""Kafka consumers (inbox, exactly-once effects): the authorization replica, the exporter
replica, the void processor and the bulk service's declaration commands."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cers_chassis.authorization import authorization_consumers
from cers_chassis.inbox import Handler, InboxConsumer
from cers_chassis.service import ServiceRuntime
from cers_contracts.documents import (
    DeclarationVoidRequested,
    SubmitDeclaration,
    ValidateDeclaration,
)
from cers_contracts.envelope import Envelope
from cers_contracts.message import Message
from cers_contracts.topics import REGISTRY
from cers_documents.entrypoints.wiring import Wiring
from cers_documents.service_layer import commands, declarations, exporters

BUSINESS_ACCOUNTS = "accounts.business-account.v1"
DECLARATIONS = "documents.declaration.v1"
COMMANDS = "documents.declaration-command.v1"


def document_consumers(wiring: Wiring) -> Callable[[ServiceRuntime], list[InboxConsumer]]:
    """The consumer factory for ``create_service_app``."""

    def build(runtime: ServiceRuntime) -> list[InboxConsumer]:
        uow = wiring.unit_of_work(runtime)
        authorizer = wiring.authorizer(runtime)

        async def remember_account(session: AsyncSession, envelope: Envelope, event: Any) -> None:
            await exporters.remember(uow.bind(session), event, wiring.clock())

        async def process_void(session: AsyncSession, envelope: Envelope, event: Any) -> None:
            await declarations.process_void(uow.bind(session), event, wiring.clock())

        async def command(session: AsyncSession, envelope: Envelope, event: Any) -> None:
            await commands.handle(
                uow.bind(session),
                event,
                authorizer=authorizer,
                now=wiring.clock(),
                validator=wiring.validator,
            )

        accounts_topic = REGISTRY.topic(BUSINESS_ACCOUNTS)
        account_handlers: Mapping[type[Message], Handler] = {
            model: remember_account for model in accounts_topic.messages
        }
        return [
            *authorization_consumers(runtime),
            runtime.inbox_consumer("exporters", accounts_topic, account_handlers),
            runtime.inbox_consumer(
                "void-processor",
                REGISTRY.topic(DECLARATIONS),
                {DeclarationVoidRequested: process_void},
            ),
            runtime.inbox_consumer(
                "declaration-commands",
                REGISTRY.topic(COMMANDS),
                {ValidateDeclaration: command, SubmitDeclaration: command},
            ),
        ]

    return build
