"""E-mail notices from identity and accounts events: each lands once, in the right language."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest
from stdnum.ca import bn

from cers_chassis.db import asyncpg_dsn
from cers_contracts.accounts import (
    ActivationCodeExpiring,
    Address,
    BusinessAccountActivated,
    BusinessAccountState,
    Contact,
    Member,
    MemberAdded,
    MemberRoleChanged,
)
from cers_contracts.identity import EmailConfirmationRequested, UserState
from cers_notifications.config import NotificationsSettings
from services.notifications.tests.notifications_testkit import (
    Events,
    SmtpServer,
    Tokens,
    app_settings,
    assert_language,
    body_of,
    registered,
    running,
    unique,
    user_state,
)
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(
    service_database: Callable[[str], str], kafka: KafkaRuntime, smtp: SmtpServer
) -> NotificationsSettings:
    return app_settings(service_database("notifications"), kafka.bootstrap, smtp.port)


def business_number() -> str:
    """A valid, random Business Number (BN9 with its check digit, program RM, reference)."""
    stem = f"{random.randint(10_000_000, 99_999_999)}"
    check = next(d for d in "0123456789" if bn.is_valid(stem + d))
    return f"{stem}{check}RM0001"


def activated(account_id: str, number: str, owner: str) -> BusinessAccountActivated:
    return BusinessAccountActivated(
        business_account_id=account_id,
        account=BusinessAccountState(
            business_account_id=account_id,
            business_number=number,
            authorization_id="KQ1234",
            business_type="exporter",
            legal_name="Maple Exports Ltd",
            address=Address(line1="1 Main St", city="Ottawa", country="CA"),
            contact=Contact(name="Pat", telephone="613-555-0100", email="pat@example.com"),
            owner_user_id=owner,
        ),
        actor_user_id=owner,
        occurred_at=datetime.now(UTC),
    )


def membership(
    model: type[MemberAdded] | type[MemberRoleChanged],
    account_id: str,
    number: str,
    member: UserState,
    actor: str,
    **extra: str,
) -> MemberAdded | MemberRoleChanged:
    return model(
        business_account_id=account_id,
        business_number=number,
        authorization_id="KQ1234",
        business_type="exporter",
        version=2,
        members=[Member(user_id=member.user_id, urn=member.urn, role=extra["role"])],
        user_id=member.user_id,
        actor_user_id=actor,
        occurred_at=datetime.now(UTC),
        **extra,
    )


async def stored_params(settings: NotificationsSettings, user_id: str) -> list[dict[str, str]]:
    assert settings.database_url
    connection = await asyncpg.connect(asyncpg_dsn(settings.database_url))
    try:
        rows = await connection.fetch("SELECT params FROM notices WHERE user_id = $1", user_id)
    finally:
        await connection.close()
    return [json.loads(row["params"]) for row in rows]


async def test_a_confirmation_link_is_sent_once_even_when_the_event_is_redelivered(
    settings: NotificationsSettings, kafka: KafkaRuntime, smtp: SmtpServer
) -> None:
    user = user_state(language="fr", email_confirmed=False)
    token = unique("secret-token")
    event = EmailConfirmationRequested(
        user_id=user.user_id,
        user=user,
        occurred_at=datetime.now(UTC),
        confirmation_token=token,
        expires_at=datetime.now(UTC) + timedelta(hours=24),
    )
    async with running(settings, Tokens()) as _, Events(kafka.bootstrap) as events:
        event_id = await events.publish(event, source="/cers/identity")
        await events.publish(event, source="/cers/identity", event_id=event_id)  # redelivered
        (message,) = await smtp.wait_for(str(user.email))
        await asyncio.sleep(1.0)
        assert len(smtp.to(str(user.email))) == 1
        assert await stored_params(settings, user.user_id) == [
            {"expires_at": event.expires_at.isoformat()}  # the link is erased once sent
        ]
    assert_language(message, "fr", body_has="Pour confirmer que cette adresse courriel")
    assert f"http://127.0.0.1:8000/confirm-email?token={token}" in body_of(message)
    assert str(message["Subject"]).strip() == (
        "SCDE : confirmez votre adresse courriel / CERS: confirm your e-mail address"
    )


async def test_members_hear_of_their_access_and_role_changes_in_their_language(
    settings: NotificationsSettings, kafka: KafkaRuntime, smtp: SmtpServer
) -> None:
    owner, added, changed = user_state(), user_state(), user_state(language="fr")
    account_id, number = unique("account"), business_number()
    async with running(settings, Tokens()) as _, Events(kafka.bootstrap) as events:
        await events.publish(activated(account_id, number, owner.user_id))
        for user in (owner, added, changed):
            await events.publish(registered(user))
        await asyncio.sleep(1.0)  # the account's name is in the replica before the notices
        await events.publish(
            membership(MemberAdded, account_id, number, owner, owner.user_id, role="owner")
        )
        await events.publish(
            membership(MemberAdded, account_id, number, added, owner.user_id, role="proxy_owner")
        )
        await events.publish(
            membership(
                MemberRoleChanged,
                account_id,
                number,
                changed,
                owner.user_id,
                role="user",
                previous_role="browser",
            )
        )
        (to_added,) = await smtp.wait_for(str(added.email))
        (to_changed,) = await smtp.wait_for(str(changed.email))
        await asyncio.sleep(0.5)
        assert smtp.to(str(owner.email)) == []  # the owner added themselves: no e-mail
    assert_language(to_added, "en", body_has="Your role: Proxy owner.")
    assert "Maple Exports Ltd" in body_of(to_added)
    assert_language(to_changed, "fr", body_has="est passé de Lecteur à Utilisateur")
    assert number in to_changed["Subject"]


async def test_a_member_unknown_to_the_replica_gets_the_notice_once_they_arrive(
    settings: NotificationsSettings, kafka: KafkaRuntime, smtp: SmtpServer
) -> None:
    owner, late = user_state(), user_state(language="fr")
    account_id, number = unique("account"), business_number()
    async with running(settings, Tokens()) as _, Events(kafka.bootstrap) as events:
        await events.publish(
            membership(MemberAdded, account_id, number, late, owner.user_id, role="user")
        )
        await asyncio.sleep(2.0)
        assert smtp.to(str(late.email)) == []  # waiting for identity to tell us who they are
        await events.publish(registered(late))
        (message,) = await smtp.wait_for(str(late.email))
    assert_language(message, "fr", body_has="Votre rôle : Utilisateur.")


async def test_an_expiring_activation_code_warns_the_applicant_without_the_code(
    settings: NotificationsSettings, kafka: KafkaRuntime, smtp: SmtpServer
) -> None:
    address = f"{unique('applicant')}@example.com"
    number = business_number()
    event = ActivationCodeExpiring(
        business_number=number,
        code_id=unique("code"),
        applicant_email=address,
        applicant_language="fr",
        expires_at=datetime(2030, 1, 15, 17, 0, tzinfo=UTC),
        occurred_at=datetime.now(UTC),
    )
    async with running(settings, Tokens()) as _, Events(kafka.bootstrap) as events:
        await events.publish(event, source="/cers/accounts")
        (message,) = await smtp.wait_for(address)
    assert_language(message, "fr", body_has=f"numéro d'entreprise {number}")
    assert "mardi 15 janvier 2030, 12 h 00 HNE" in body_of(message)
    assert event.code_id not in message.as_string()
