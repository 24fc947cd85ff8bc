"""E-mail notices from identity and accounts events: each lands once, in the right language."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from stdnum.ca import bn

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
    SmtpServer,
    Tokens,
    assert_language,
    body_of,
    notices_to,
    query,
    registered,
    running,
    unique,
    user_state,
    wait_for_notices,
)
from tests.fixtures.messaging import Events, eventually
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration


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


def confirmation(user: UserState, token: str) -> EmailConfirmationRequested:
    return EmailConfirmationRequested(
        user_id=user.user_id,
        user=user,
        occurred_at=datetime.now(UTC),
        confirmation_token=token,
        expires_at=datetime.now(UTC) + timedelta(hours=24),
    )


def code_expiring(address: str, number: str, expires_at: datetime) -> ActivationCodeExpiring:
    return ActivationCodeExpiring(
        business_number=number,
        code_id=unique("code"),
        applicant_email=address,
        applicant_language="fr",
        expires_at=expires_at,
        occurred_at=datetime.now(UTC),
    )


async def test_a_confirmation_link_is_sent_once_even_when_the_event_is_redelivered(
    notifications_settings: NotificationsSettings, kafka: KafkaRuntime, smtp_server: SmtpServer
) -> None:
    user = user_state(language="fr", email_confirmed=False)
    first, second = unique("secret-token"), unique("secret-token")
    event = confirmation(user, first)
    async with running(notifications_settings, Tokens()), Events(kafka.bootstrap) as events:
        event_id = await events.publish(event, source="/cers/identity")
        await events.publish(event, source="/cers/identity", event_id=event_id)  # redelivered
        # A later request for the same user (same partition, so consumed after the redelivery):
        # once its link arrives, a copy of the first one would have arrived before it.
        await events.publish(confirmation(user, second), source="/cers/identity")
        messages = await smtp_server.wait_for(str(user.email), 2)
        stored = await wait_for_notices(
            notifications_settings, user.user_id, status="sent", count=2
        )
    assert [first in body_of(m) for m in messages] == [True, False]
    assert second in body_of(messages[1])
    assert stored[0]["params"] == {"expires_at": event.expires_at.isoformat()}
    assert "confirmation_url" not in stored[1]["params"]  # links are erased once sent
    message = messages[0]
    assert_language(message, "fr", body_has="Pour confirmer que cette adresse courriel")
    assert f"http://127.0.0.1:8000/confirm-email?token={first}" in body_of(message)
    assert str(message["Subject"]).strip() == (
        "SCDE : confirmez votre adresse courriel / CERS: confirm your e-mail address"
    )
    assert str(message["Message-ID"]).strip() == stored[0]["message_id"]


async def test_members_hear_of_their_access_and_role_changes_in_their_language(
    notifications_settings: NotificationsSettings, kafka: KafkaRuntime, smtp_server: SmtpServer
) -> None:
    owner, added, changed = user_state(), user_state(), user_state(language="fr")
    long_ago = user_state()
    account_id, number = unique("account"), business_number()
    replayed = membership(MemberAdded, account_id, number, long_ago, owner.user_id, role="user")
    replayed = replayed.model_copy(update={"occurred_at": datetime.now(UTC) - timedelta(days=30)})
    async with running(notifications_settings, Tokens()), Events(kafka.bootstrap) as events:
        await events.publish(activated(account_id, number, owner.user_id))
        for user in (owner, added, changed, long_ago):
            await events.publish(registered(user))

        async def account_known() -> bool:
            sql = "SELECT 1 FROM business_accounts WHERE business_account_id = $1"
            return bool(await query(notifications_settings, sql, account_id))

        assert await eventually(account_known, timeout_s=20)  # its name goes into the notices
        for event in (
            replayed,  # history (a replayed topic), not news
            membership(MemberAdded, account_id, number, owner, owner.user_id, role="owner"),
            membership(MemberAdded, account_id, number, added, owner.user_id, role="proxy_owner"),
            membership(
                MemberRoleChanged,
                account_id,
                number,
                changed,
                owner.user_id,
                role="user",
                previous_role="browser",
            ),
        ):
            await events.publish(event)  # one account: one partition, consumed in this order
        (to_added,) = await smtp_server.wait_for(str(added.email))
        (to_changed,) = await smtp_server.wait_for(str(changed.email))
        # The owner's own event and the old one were consumed before these: no notice.
        assert await notices_to(notifications_settings, owner.user_id, long_ago.user_id) == []
    assert_language(to_added, "en", body_has="Your role: Proxy owner.")
    assert "Maple Exports Ltd" in body_of(to_added)
    assert_language(to_changed, "fr", body_has="est passé de Lecteur à Utilisateur")
    assert number in to_changed["Subject"]


async def test_a_member_unknown_to_the_replica_gets_the_notice_once_they_arrive(
    notifications_settings: NotificationsSettings, kafka: KafkaRuntime, smtp_server: SmtpServer
) -> None:
    owner, late = user_state(), user_state(language="fr")
    account_id, number = unique("account"), business_number()
    other = f"{unique('applicant')}@example.com"
    async with running(notifications_settings, Tokens()), Events(kafka.bootstrap) as events:
        await events.publish(
            membership(MemberAdded, account_id, number, late, owner.user_id, role="user")
        )
        await wait_for_notices(notifications_settings, late.user_id, status="pending", count=1)
        # A notice written after it goes out: the sender went past the one it cannot address.
        await events.publish(code_expiring(other, number, datetime.now(UTC) + timedelta(days=3)))
        await smtp_server.wait_for(other)
        (waiting,) = await notices_to(notifications_settings, late.user_id)
        assert (waiting["status"], waiting["attempts"]) == ("pending", 0)
        assert smtp_server.to(str(late.email)) == []
        await events.publish(registered(late))
        (message,) = await smtp_server.wait_for(str(late.email))
    assert_language(message, "fr", body_has="Votre rôle : Utilisateur.")


async def test_an_expiring_activation_code_warns_the_applicant_without_the_code(
    notifications_settings: NotificationsSettings, kafka: KafkaRuntime, smtp_server: SmtpServer
) -> None:
    address, too_late = (f"{unique('applicant')}@example.com" for _ in range(2))
    number = business_number()
    event = code_expiring(address, number, datetime(2030, 1, 15, 17, 0, tzinfo=UTC))
    async with running(notifications_settings, Tokens()), Events(kafka.bootstrap) as events:
        # Keyed by the BN: consumed in this order, so the expired one is dealt with first.
        gone = datetime.now(UTC) - timedelta(hours=1)
        await events.publish(code_expiring(too_late, number, gone))
        await events.publish(event, source="/cers/accounts")
        (message,) = await smtp_server.wait_for(address)
        (expired,) = await notices_to(notifications_settings, too_late)
    assert_language(message, "fr", body_has=f"numéro d'entreprise {number}")
    assert "mardi 15 janvier 2030, 12 h 00 HNE" in body_of(message)
    assert event.code_id not in message.as_string()
    assert (expired["status"], expired["last_error"]) == (
        "skipped",
        "expired before it could be sent",
    )
    assert smtp_server.to(too_late) == []
