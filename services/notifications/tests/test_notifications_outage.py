"""Outage bulletins: the banner from start to 24 hours after the end, and the follow-up e-mails."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from cers_notifications.config import NotificationsSettings
from services.notifications.tests.notifications_testkit import (
    Clock,
    SmtpServer,
    Tokens,
    assert_language,
    bulletin_body,
    registered,
    running,
    subscribe,
    unique,
    user_state,
)
from tests.fixtures.messaging import Events, eventually
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration


def outage(starts_at: datetime, ends_at: datetime | None = None) -> dict[str, Any]:
    return bulletin_body(
        title={"en": "CERS outage", "fr": "Panne du SCDE"},
        starts_at=starts_at.isoformat(),
        ends_at=ends_at.isoformat() if ends_at else None,
        clients_affected={"en": "All CERS clients", "fr": "Tous les clients du SCDE"},
        description={"en": "CERS is unavailable.", "fr": "Le SCDE est indisponible."},
        action_required={"en": "Follow the contingency.", "fr": "Suivez la procédure."},
        topics=["Exports"],
        outage=True,
    )


def at(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


async def banner(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/v1/outage")  # no token: shown on the sign-in page too
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


async def test_an_outage_drives_the_banner_and_its_end_tells_every_subscriber_once(
    notifications_settings: NotificationsSettings, kafka: KafkaRuntime, smtp_server: SmtpServer
) -> None:
    clock, tokens = Clock(), Tokens()
    start = clock.now.replace(microsecond=0) - timedelta(minutes=10)
    officer = tokens.headers(unique("officer"), officer=True)
    english, french = user_state(), user_state(language="fr")
    async with (
        running(notifications_settings, tokens, clock) as (_, client),
        Events(kafka.bootstrap) as events,
    ):
        for user in (english, french):
            await events.publish(registered(user))
            await subscribe(client, tokens, user.user_id, ["Exporter"])
        assert (await banner(client))["state"] == "none"
        assert (await banner(client))["contingency"]["form"] == "BSF844"

        body = outage(start)
        created = (await client.post("/v1/bulletins", json=body, headers=officer)).json()
        shown = await banner(client)
        assert (shown["state"], at(shown["started_at"])) == ("active", start)
        assert shown["bulletin"]["number"] == body["number"]
        (announced,) = await smtp_server.wait_for(str(french.email))
        assert_language(announced, "fr", body_has="au moyen du formulaire BSF844")

        end = clock.now + timedelta(hours=1)
        edited = await client.put(
            f"/v1/bulletins/{created['bulletin_id']}",
            json=outage(start, end) | {"number": body["number"]},
            headers=officer,
        )
        assert edited.status_code == 200, edited.text
        assert (await banner(client))["state"] == "active"
        follow_up_url = f"/v1/officer/outages/{created['bulletin_id']}/follow-up"
        before = (await client.get(follow_up_url, headers=officer)).json()
        assert (before["followed_up_at"], before["notices"]) == (None, [])

        clock.advance(timedelta(hours=2))  # the system resumed an hour ago
        shown = await banner(client)
        assert shown["state"] == "resumed"
        assert at(shown["resumed_at"]) == end
        assert at(shown["report_by"]) == end + timedelta(hours=24)
        to_english = await smtp_server.wait_for(str(english.email), 2)
        to_french = await smtp_server.wait_for(str(french.email), 2)

        async def all_sent() -> list[dict[str, Any]] | None:
            notices = (await client.get(follow_up_url, headers=officer)).json()["notices"]
            return notices if {n["status"] for n in notices} == {"sent"} else None

        notices = await eventually(all_sent, timeout_s=10)
        assert sorted(n["email"] for n in notices) == sorted([english.email, french.email])
        assert [n["attempts"] for n in notices] == [1, 1]
        received = {str(m["Message-ID"]).strip() for m in to_english + to_french}
        assert {n["message_id"] for n in notices} <= received
        exporter = tokens.headers(english.user_id)
        assert (await client.get(follow_up_url, headers=exporter)).status_code == 403
        assert (
            len(smtp_server.to(str(english.email))) == len(smtp_server.to(str(french.email))) == 2
        )
        clock.now = end + timedelta(hours=24) - timedelta(seconds=1)
        assert (await banner(client))["state"] == "resumed"  # until the deadline passes
        clock.now = end + timedelta(hours=24)
        assert (await banner(client))["state"] == "none"
    assert_language(to_english[1], "en", body_has="within 24 hours, that is by")
    assert_language(to_french[1], "fr", body_has="dans les 24 heures, soit au plus tard le")
    assert "Le SCDE est de nouveau disponible" in str(to_french[1]["Subject"])
    assert "CERS is available again" in str(to_english[1]["Subject"])


async def test_retiring_an_outage_ends_it_and_a_cancelled_one_tells_nobody(
    notifications_settings: NotificationsSettings, kafka: KafkaRuntime, smtp_server: SmtpServer
) -> None:
    clock, tokens = Clock(), Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    subscriber = user_state()
    async with (
        running(notifications_settings, tokens, clock) as (_, client),
        Events(kafka.bootstrap) as events,
    ):
        await events.publish(registered(subscriber))
        await subscribe(client, tokens, subscriber.user_id, ["Exporter"])
        running_now = outage(clock.now - timedelta(hours=1))
        planned = outage(clock.now + timedelta(days=1), clock.now + timedelta(days=1, hours=2))
        current = (await client.post("/v1/bulletins", json=running_now, headers=officer)).json()
        later = (await client.post("/v1/bulletins", json=planned, headers=officer)).json()
        await smtp_server.wait_for(str(subscriber.email), 2)  # both published to the subscriber

        retired = await client.post(
            f"/v1/bulletins/{current['bulletin_id']}/retire", headers=officer
        )
        assert at(retired.json()["ends_at"]) == clock.now
        await client.post(f"/v1/bulletins/{later['bulletin_id']}/retire", headers=officer)
        assert (await banner(client))["state"] == "resumed"
        (resumed,) = [
            m
            for m in await smtp_server.wait_for(str(subscriber.email), 3)
            if "available again" in str(m["Subject"])
        ]
        assert running_now["number"] in str(resumed["Subject"])

        clock.advance(timedelta(days=2))  # the cancelled outage's times come and go

        async def cancelled_outage_handled() -> dict[str, Any] | None:
            url = f"/v1/officer/outages/{later['bulletin_id']}/follow-up"
            follow_up: dict[str, Any] = (await client.get(url, headers=officer)).json()
            return follow_up if follow_up["followed_up_at"] else None

        follow_up = await eventually(cancelled_outage_handled, timeout_s=10)
        assert follow_up is not None
        assert follow_up["notices"] == []
        assert len(smtp_server.to(str(subscriber.email))) == 3
        assert (await banner(client))["state"] == "none"
        missing = await client.get("/v1/officer/outages/nope/follow-up", headers=officer)
        assert missing.status_code == 404
