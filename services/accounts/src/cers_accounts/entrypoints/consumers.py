"""Kafka consumers: identity's users feed the replica that "add user by URN" reads."""

from sqlalchemy.ext.asyncio import AsyncSession

from cers_accounts.domain.users import KnownUser, normalize_urn
from cers_accounts.service_layer.users import remember_user
from cers_chassis.inbox import Handler, InboxConsumer
from cers_chassis.service import ServiceRuntime
from cers_contracts.envelope import Envelope
from cers_contracts.identity import USER_EVENTS, UserEvent
from cers_contracts.message import Message
from cers_contracts.topics import REGISTRY


async def on_user_event(session: AsyncSession, envelope: Envelope, event: UserEvent) -> None:
    """Keep the user's latest state (every identity event carries all of it)."""
    user = event.user
    known = KnownUser(
        user_id=user.user_id,
        urn=normalize_urn(user.urn),  # as ``by_urn`` looks it up
        first_name=user.first_name,
        last_name=user.last_name,
        email=str(user.email),
        language=user.language,
        officer=user.officer,
        disabled=user.disabled,
    )
    await remember_user(session, known, event.occurred_at)


def consumers(runtime: ServiceRuntime) -> list[InboxConsumer]:
    """The service's consumers."""
    handlers: dict[type[Message], Handler] = {model: on_user_event for model in USER_EVENTS}
    return [runtime.inbox_consumer("user-replica", REGISTRY.topic("identity.user.v1"), handlers)]
