"""The development SMTP sink: the service's own e-mails land in it and /sink shows them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import aiosmtplib
import pytest

from cers_contracts.accounts import ActivationCodeExpiring
from cers_notifications.config import NotificationsSettings
from services.notifications.tests.notifications_testkit import (
    Tokens,
    app_settings,
    free_port,
    running,
    unique,
)
from tests.fixtures.messaging import Events, eventually
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration
LINK = re.compile(r'<a href="(/sink/\d+)">([^<]+)</a>')


@pytest.fixture
def sink_settings(notifications_database: str, kafka: KafkaRuntime) -> NotificationsSettings:
    return app_settings(
        notifications_database, kafka.bootstrap, free_port(), smtp_sink_enabled=True
    )


async def test_the_sink_keeps_what_the_service_sends_and_shows_it(
    sink_settings: NotificationsSettings, kafka: KafkaRuntime
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
    async with running(sink_settings, Tokens()) as (_, client), Events(kafka.bootstrap) as events:
        await events.publish(event, source="/cers/accounts")

        async def listed() -> str | None:
            page = (await client.get("/sink")).text
            return page if address in page else None

        index = await eventually(listed, timeout_s=20)
        assert index is not None, "the e-mail never reached the sink"
        assert "Development only" in index
        assert '<html lang="en">' in index
        assert "<caption>" in index
        assert index.count('<th scope="col">') == 3
        link = LINK.search(index)
        assert link is not None
        assert "activation code for 123456782RM0001 expires soon" in link.group(2)
        shown = await client.get(link.group(1))
        assert shown.status_code == 200
        assert "expires on" in shown.text
        assert '<pre lang="en">' in shown.text
        assert (await client.get("/sink/999999")).status_code == 404


async def test_the_sink_shows_markup_in_a_message_as_text(
    sink_settings: NotificationsSettings,
) -> None:
    """Anyone on the machine can send to the sink: what it shows is escaped, never run."""
    message = EmailMessage()
    message["From"] = "mallory@example.com"
    message["To"] = "victim@example.com"
    message["Subject"] = "<img src=x onerror=alert(1)>"
    message["Content-Language"] = 'fr" onmouseover="alert(2)'
    message.set_content('<script>alert("body")</script>')
    async with running(sink_settings, Tokens()) as (_, client):

        async def listed() -> str | None:
            page = (await client.get("/sink")).text
            return page if "victim@example.com" in page else None

        async def delivered() -> bool:
            try:
                await aiosmtplib.send(message, hostname="127.0.0.1", port=sink_settings.smtp_port)
            except (aiosmtplib.SMTPException, OSError):
                return False  # the sink is still starting
            return True

        assert await eventually(delivered, timeout_s=10)
        index = await eventually(listed, timeout_s=10)
        assert index is not None
        link = LINK.search(index)
        assert link is not None
        shown = (await client.get(link.group(1))).text
        await aiosmtplib.send(
            b"Subject: odd charset\r\n"
            b"Content-Type: text/plain; charset=x-klingon\r\n\r\nQapla'\r\n",
            sender="mallory@example.com",
            recipients=["victim@example.com"],
            hostname="127.0.0.1",
            port=sink_settings.smtp_port,
        )
        odd = LINK.search((await client.get("/sink")).text)
        assert odd is not None and odd.group(2) == "odd charset"
        odd_page = await client.get(odd.group(1))
        assert odd_page.status_code == 200
        assert "Qapla&#39;" in odd_page.text
    for page in (index, shown):
        assert "<img" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>" not in shown
    assert "&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt;" in shown
    assert 'onmouseover="' not in shown
