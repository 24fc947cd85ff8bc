"""The development SMTP sink: the service's own e-mails land in it and /sink shows them."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from cers_contracts.accounts import ActivationCodeExpiring
from cers_notifications.config import NotificationsSettings
from services.notifications.tests.notifications_testkit import (
    Events,
    Tokens,
    app_settings,
    free_port,
    running,
    unique,
)
from tests.fixtures.messaging import eventually
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration


@pytest.fixture
def settings(service_database: Callable[[str], str], kafka: KafkaRuntime) -> NotificationsSettings:
    return app_settings(
        service_database("notifications"),
        kafka.bootstrap,
        free_port(),
        smtp_sink_enabled=True,
    )


async def test_the_sink_keeps_what_the_service_sends_and_shows_it(
    settings: NotificationsSettings, kafka: KafkaRuntime
) -> None:
    address = f"{unique('applicant')}@example.com"
    event = ActivationCodeExpiring(
        business_number="123456782RM0001",
        code_id=unique("code"),
        applicant_email=address,
        applicant_language="en",
        expires_at=datetime.now(UTC) + timedelta(days=3),
        occurred_at=datetime.now(UTC),
    )
    async with running(settings, Tokens()) as (_, client), Events(kafka.bootstrap) as events:
        await events.publish(event, source="/cers/accounts")

        async def listed() -> str | None:
            page = (await client.get("/sink")).text
            return page if address in page else None

        index = await eventually(listed, timeout_s=20)
        assert index is not None, "the e-mail never reached the sink"
        assert "Development only" in index
        link = re.search(r'<a href="(/sink/\d+)">([^<]+)</a>', index)
        assert link is not None
        assert "activation code for 123456782RM0001 expires soon" in link.group(2)
        shown = await client.get(link.group(1))
        assert shown.status_code == 200
        assert "expires on" in shown.text
        assert 'lang="en"' in shown.text
        assert (await client.get("/sink/999999")).status_code == 404
