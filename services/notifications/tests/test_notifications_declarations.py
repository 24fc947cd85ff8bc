"""E-mail notices from declaration events: a draft about to be deleted, a voided Proof of Report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cers_contracts.accounts import Address
from cers_contracts.documents import (
    DeclarationContent,
    DeclarationReported,
    DeclarationVersion,
    DeclarationVoided,
    DraftExpiring,
    Exporter,
    Filer,
)
from cers_notifications.config import NotificationsSettings
from services.notifications.tests.notifications_testkit import (
    SmtpServer,
    Tokens,
    assert_language,
    body_of,
    notices_to,
    registered,
    running,
    unique,
    user_state,
    wait_for_notices,
)
from tests.fixtures.messaging import Events
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration

SOURCE = "/cers/documents"


def draft_expiring(account_id: str, author: str, expires_at: datetime) -> DraftExpiring:
    return DraftExpiring(
        business_account_id=account_id,
        draft_id=unique("draft"),
        author_user_id=author,
        exporter_reference_numbers=["PO-7781", "INV-2025-0314"],
        expires_at=expires_at,
        occurred_at=datetime.now(UTC),
    )


def version(account_id: str, filer: str, por: str, status: str) -> DeclarationVersion:
    return DeclarationVersion(
        declaration_id=f"declaration-{por}",
        proof_of_report=por,
        version=1,
        status=status,
        exporter=Exporter(
            business_account_id=account_id,
            business_number="123456782RM0001",
            authorization_id="KQ1234",
            name="Érable Exports Inc.",
            address=Address(line1="1 Main St", city="Ottawa", country="CA"),
        ),
        filer=Filer(user_id=filer),
        content=DeclarationContent(exporter_reference_numbers=["PO-7781"]),
        reported_at=datetime.now(UTC) - timedelta(days=1),
    )


def por() -> str:
    return f"KQ1234{datetime.now(UTC):%Y%m%d}{unique('x')[-9:].upper()}"


def voided(
    account_id: str, filer: str, proof: str, occurred_at: datetime | None = None
) -> DeclarationVoided:
    return DeclarationVoided(
        business_account_id=account_id,
        declaration_id=f"declaration-{proof}",
        proof_of_report=proof,
        declaration=version(account_id, filer, proof, "voided"),
        actor_user_id=filer,
        occurred_at=occurred_at or datetime.now(UTC),
    )


async def test_a_drafts_author_is_reminded_once_before_it_is_deleted_in_their_language(
    notifications_settings: NotificationsSettings, kafka: KafkaRuntime, smtp_server: SmtpServer
) -> None:
    author, late = user_state(language="fr"), user_state()
    account_id = unique("account")
    expires_at = datetime(2031, 3, 19, 16, 0, tzinfo=UTC)
    event = draft_expiring(account_id, author.user_id, expires_at)
    already_deleted = draft_expiring(account_id, late.user_id, datetime.now(UTC))
    async with running(notifications_settings, Tokens()), Events(kafka.bootstrap) as events:
        for user in (author, late):
            await events.publish(registered(user))
        await events.publish(already_deleted, source=SOURCE)
        event_id = await events.publish(event, source=SOURCE)
        await events.publish(event, source=SOURCE, event_id=event_id)  # redelivered
        await wait_for_notices(notifications_settings, author.user_id, status="sent", count=1)
        skipped = await wait_for_notices(
            notifications_settings, late.user_id, status="skipped", count=1
        )
        # A later reminder on the same partition: once it is sent, a copy would have been too.
        second = draft_expiring(account_id, author.user_id, expires_at)
        await events.publish(second, source=SOURCE)
        messages = await smtp_server.wait_for(str(author.email), 2)
    assert len(messages) == 2
    assert [
        n["params"]["draft_id"] for n in await notices_to(notifications_settings, author.user_id)
    ] == [
        event.draft_id,
        second.draft_id,
    ]
    message = messages[0]
    assert_language(message, "fr", body_has="sera supprimée le mercredi 19 mars 2031, 12 h 00 HAE")
    assert "référence de l'exportateur PO-7781, INV-2025-0314" in body_of(message)
    assert str(message["Subject"]).strip() == (
        "SCDE : votre ébauche de déclaration d'exportation sera bientôt supprimée"
        " / CERS: your draft export declaration will be deleted soon"
    )
    assert skipped[0]["last_error"] == "expired before it could be sent"
    assert smtp_server.to(str(late.email)) == []


async def test_the_filer_hears_that_a_proof_of_report_is_voided_and_nothing_else(
    notifications_settings: NotificationsSettings, kafka: KafkaRuntime, smtp_server: SmtpServer
) -> None:
    filer, old_filer, reporter = user_state(), user_state(), user_state()
    account_id, proof = unique("account"), por()
    reported = DeclarationReported(
        business_account_id=account_id,
        declaration_id=f"declaration-{proof}",
        proof_of_report=proof,
        declaration=version(account_id, reporter.user_id, proof, "original"),
        actor_user_id=reporter.user_id,
        occurred_at=datetime.now(UTC),
    )
    replayed = voided(account_id, old_filer.user_id, por(), datetime.now(UTC) - timedelta(days=30))
    async with running(notifications_settings, Tokens()), Events(kafka.bootstrap) as events:
        for user in (filer, old_filer, reporter):
            await events.publish(registered(user))
        for event in (reported, replayed, voided(account_id, filer.user_id, proof)):
            await events.publish(event, source=SOURCE)  # one account: consumed in this order
        (message,) = await smtp_server.wait_for(str(filer.email))
        # The report and the old void were consumed before the void: no notice.
        assert await notices_to(notifications_settings, reporter.user_id, old_filer.user_id) == []
    assert_language(message, "en", body_has=f"Proof of Report {proof} for Érable Exports Inc.")
    assert "exporter reference PO-7781" in body_of(message)
    assert str(message["Subject"]).startswith(f"CERS: Proof of Report {proof} is voided / SCDE")
