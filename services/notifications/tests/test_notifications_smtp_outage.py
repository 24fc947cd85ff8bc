"""SMTP down for 30 seconds, then up: every notice is delivered, and only once."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest

from cers_contracts.accounts import ActivationCodeExpiring
from cers_contracts.identity import EmailConfirmationRequested
from services.notifications.tests.notifications_testkit import (
    SmtpServer,
    Tokens,
    app_settings,
    assert_language,
    bulletin_body,
    notices_to,
    registered,
    running,
    subscribe,
    unique,
    user_state,
    wait_for_notices,
)
from tests.fixtures.messaging import Events, eventually
from tests.fixtures.runtime import KafkaRuntime

pytestmark = [pytest.mark.integration, pytest.mark.slow]
DOWN_FOR_S = 30.0
SIGNATURE = {"en": "Canada Border Services Agency", "fr": "Agence des services frontaliers"}


async def test_notices_wait_out_an_smtp_outage_and_arrive_exactly_once(
    notifications_database: str, kafka: KafkaRuntime, smtp_server_down: SmtpServer
) -> None:
    smtp = smtp_server_down
    settings = app_settings(
        notifications_database,
        kafka.bootstrap,
        smtp.port,
        notice_retry_base_s=0.5,
        notice_retry_max_s=2.0,
        notice_max_attempts=1000,
    )
    tokens = Tokens()
    users = [user_state(language=lang) for lang in ("en", "fr", "en", "fr")]
    applicant = f"{unique('applicant')}@example.com"
    expected = {str(u.email): u.language for u in users} | {applicant: "fr"}
    recipients = [u.user_id for u in users] + [applicant]
    async with running(settings, tokens) as (_, client), Events(kafka.bootstrap) as events:
        for user in users:
            await events.publish(
                EmailConfirmationRequested(
                    user_id=user.user_id,
                    user=user,
                    occurred_at=datetime.now(UTC),
                    confirmation_token=unique("token-0123456789"),
                    expires_at=datetime.now(UTC) + timedelta(days=1),
                )
            )
        await events.publish(
            ActivationCodeExpiring(
                business_number="123456782RM0001",
                code_id=unique("code"),
                applicant_email=applicant,
                applicant_language="fr",
                expires_at=datetime.now(UTC) + timedelta(days=2),
                occurred_at=datetime.now(UTC),
            )
        )
        for user in users[:2]:  # two subscribers also get the bulletin
            await events.publish(registered(user))
            await subscribe(client, tokens, user.user_id, ["General"])
        published = await client.post(
            "/v1/bulletins",
            headers=tokens.headers(unique("officer"), officer=True),
            json=bulletin_body(category="General"),
        )
        assert published.status_code == 201, published.text
        went_down = time.monotonic()  # the server has been down all along; from here, 30 s more

        async def all_retrying() -> bool:
            states = [(n["status"], n["attempts"]) for n in await notices_to(settings, *recipients)]
            return len(states) == 7 and all(s == "pending" and n >= 2 for s, n in states)

        assert await eventually(all_retrying, timeout_s=20)
        await asyncio.sleep(max(0.0, DOWN_FOR_S - (time.monotonic() - went_down)))
        # Still retrying at the end of the outage (backoff capped at 2 s), none given up.
        waiting = await notices_to(settings, *recipients)
        assert {n["status"] for n in waiting} == {"pending"}
        assert min(n["attempts"] for n in waiting) >= 8, [n["attempts"] for n in waiting]
        smtp.start()
        sent = await wait_for_notices(settings, *recipients, status="sent", count=7)
        received = [m for m in smtp.messages if any(a in str(m["To"]) for a in expected)]
    assert len(received) == 7
    for address, language in expected.items():
        mine = [m for m in received if address in str(m["To"])]
        assert len(mine) == (2 if address in {str(u.email) for u in users[:2]} else 1)
        for message in mine:
            assert_language(message, language, body_has=SIGNATURE[language])
    assert {str(m["Message-ID"]).strip() for m in received} == {n["message_id"] for n in sent}
