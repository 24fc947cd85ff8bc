"""Bulletins, useful links and subscriptions over HTTP, on the real database, broker and SMTP."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer

from cers_contracts.envelope import headers_from_record
from cers_notifications.config import NotificationsSettings
from services.notifications.tests.notifications_testkit import (
    Events,
    SmtpServer,
    Tokens,
    app_settings,
    assert_language,
    bulletin_number,
    registered,
    running,
    unique,
    user_state,
)
from tests.fixtures.contracts import assert_matches_contract
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


def bulletin_body(number: str | None = None, **overrides: Any) -> dict[str, Any]:
    starts = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    body: dict[str, Any] = {
        "number": number or bulletin_number(),
        "title": {"en": "Release delays", "fr": "Retards de mainlevée"},
        "starts_at": starts.isoformat(),
        "clients_affected": {"en": "Exporters", "fr": "Exportateurs"},
        "description": {"en": "Releases are slow.", "fr": "Les mainlevées sont lentes."},
        "action_required": {"en": "None.", "fr": "Aucune."},
        "topics": ["Release"],
        "category": "Exporter",
        "outage": False,
    }
    return body | overrides


async def bulletin_events(bootstrap: str, bulletin_id: str, count: int) -> list[Any]:
    """The records of ``bulletin_id`` on notifications.bulletin.v1 (others' are skipped)."""
    consumer = AIOKafkaConsumer(
        "notifications.bulletin.v1",
        bootstrap_servers=bootstrap,
        group_id=unique("reader"),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    found: list[Any] = []
    try:
        async with asyncio.timeout(30):
            while len(found) < count:
                batch = await consumer.getmany(timeout_ms=500)
                for records in batch.values():
                    found += [
                        r
                        for r in records
                        if headers_from_record(r.headers).get("ce_subject") == bulletin_id
                    ]
    finally:
        await consumer.stop()
    return found


async def test_officers_publish_edit_and_retire_and_each_change_is_announced(
    settings: NotificationsSettings, kafka: KafkaRuntime
) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    async with running(settings, tokens) as (_, client):
        created = await client.post("/v1/bulletins", json=bulletin_body(), headers=officer)
        assert created.status_code == 201, created.text
        published = created.json()
        assert published["version"] == 1
        edited = await client.put(
            f"/v1/bulletins/{published['bulletin_id']}",
            json=bulletin_body(published["number"], title={"en": "Delays", "fr": "Retards"})
            | {"version": 1},
            headers=officer,
        )
        assert edited.status_code == 200, edited.text
        assert edited.json()["title"] == {"en": "Delays", "fr": "Retards"}
        stale = await client.put(
            f"/v1/bulletins/{published['bulletin_id']}",
            json=bulletin_body(published["number"]) | {"version": 1},
            headers=officer,
        )
        assert stale.status_code == 409
        assert stale.json()["errors"][0]["code"] == "notifications.version.stale"
        retired = await client.post(
            f"/v1/bulletins/{published['bulletin_id']}/retire", headers=officer
        )
        assert retired.status_code == 200
        assert retired.json()["retired"] is True

        records = await bulletin_events(kafka.bootstrap, published["bulletin_id"], 3)
    envelopes = [assert_matches_contract(r.headers, r.value) for r in records]
    assert [e.type.split(".")[-2] for e in envelopes] == ["published", "updated", "retired"]
    assert [r.key.decode() for r in records] == [published["bulletin_id"]] * 3


async def test_only_officers_change_bulletins_and_only_signed_in_users_read_them(
    settings: NotificationsSettings,
) -> None:
    tokens = Tokens()
    async with running(settings, tokens) as (_, client):
        exporter = tokens.headers(unique("user"))
        refused = await client.post("/v1/bulletins", json=bulletin_body(), headers=exporter)
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["code"] == "notifications.officer_required"
        assert (await client.get("/v1/bulletins")).status_code == 401
        assert (await client.get("/v1/bulletins", headers=exporter)).status_code == 200


async def test_bad_bulletins_are_refused_naming_each_field_and_rule(
    settings: NotificationsSettings,
) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    async with running(settings, tokens) as (_, client):
        starts = datetime.now(UTC)
        bad = bulletin_body(
            "TCC-12",
            title={"en": "Outage"},
            ends_at=(starts - timedelta(hours=2)).isoformat(),
        )
        response = await client.post("/v1/bulletins", json=bad, headers=officer)
        assert response.status_code == 422
        problems = {(p["pointer"], p["code"]) for p in response.json()["errors"]}
        assert problems == {
            ("/number", "notifications.number.pattern"),
            ("/title/fr", "notifications.title.required"),
            ("/ends_at", "notifications.ends_at.before_start"),
        }
        taken = bulletin_body()
        assert (await client.post("/v1/bulletins", json=taken, headers=officer)).status_code == 201
        again = await client.post("/v1/bulletins", json=taken, headers=officer)
        assert again.status_code == 409
        assert again.json()["errors"][0]["code"] == "notifications.number.taken"
        missing = await client.get("/v1/bulletins/nope", headers=officer)
        assert missing.status_code == 404
        listed = await client.get("/v1/bulletins", headers=officer)
        assert [b["number"] for b in listed.json()] == [taken["number"]]  # nothing half-written


async def test_the_bulletins_tab_lists_newest_first_by_topic_without_retired_ones(
    settings: NotificationsSettings,
) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    reader = tokens.headers(unique("user"))
    async with running(settings, tokens) as (_, client):
        ids = []
        for topics in (["Exports"], ["Release"], ["Exports", "Release"], ["Exports"]):
            body = bulletin_body(bulletin_number(), topics=topics)
            ids.append((await client.post("/v1/bulletins", json=body, headers=officer)).json())
        await client.post(f"/v1/bulletins/{ids[3]['bulletin_id']}/retire", headers=officer)
        exports = await client.get("/v1/bulletins", params={"topic": "Exports"}, headers=reader)
        assert [b["bulletin_id"] for b in exports.json()] == [
            ids[2]["bulletin_id"],
            ids[0]["bulletin_id"],
        ]
        everything = await client.get(
            "/v1/bulletins", params={"include_retired": "true"}, headers=officer
        )
        assert len(everything.json()) == 4


async def test_publishing_emails_each_subscriber_once_in_their_language(
    settings: NotificationsSettings, kafka: KafkaRuntime, smtp: SmtpServer
) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    english, french, other = user_state(), user_state(language="fr"), user_state()
    async with running(settings, tokens) as (_, client), Events(kafka.bootstrap) as events:
        for user in (english, french, other):
            await events.publish(registered(user))
        for user, categories in ((english, ["Exporter"]), (french, ["Exporter", "General"])):
            response = await client.put(
                "/v1/me/subscriptions",
                json={"categories": categories},
                headers=tokens.headers(user.user_id),
            )
            assert response.json() == {"categories": sorted(categories)}
        await client.put(
            "/v1/me/subscriptions",
            json={"categories": ["General"]},
            headers=tokens.headers(other.user_id),
        )
        body = bulletin_body()
        published = await client.post("/v1/bulletins", json=body, headers=officer)
        await client.put(
            f"/v1/bulletins/{published.json()['bulletin_id']}",
            json=body | {"description": {"en": "Edited.", "fr": "Modifié."}},
            headers=officer,
        )
        (to_english,) = await smtp.wait_for(str(english.email))
        (to_french,) = await smtp.wait_for(str(french.email))
        await asyncio.sleep(1.0)  # the edit must not send anything more
        assert len(smtp.to(str(english.email))) == len(smtp.to(str(french.email))) == 1
        assert smtp.to(str(other.email)) == []
    assert_language(to_english, "en", body_has="published bulletin " + body["number"])
    assert_language(to_french, "fr", body_has="a publié le bulletin " + body["number"])
    assert str(to_french["Subject"]).strip().startswith(f"Bulletin du SCDE {body['number']} / ")


async def test_subscriptions_accept_known_categories_only(settings: NotificationsSettings) -> None:
    tokens = Tokens()
    user = tokens.headers(unique("user"))
    async with running(settings, tokens) as (_, client):
        refused = await client.put(
            "/v1/me/subscriptions", json={"categories": ["Exporter", "Pirates"]}, headers=user
        )
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["pointer"] == "/categories/1"
        assert (await client.get("/v1/me/subscriptions", headers=user)).json() == {"categories": []}
        assert (await client.get("/sink")).status_code == 404  # the sink is off here
        categories = await client.get("/v1/bulletin-categories", headers=user)
        assert {"code": "Exporter", "label": {"en": "Exporter", "fr": "Exportateur"}} in (
            categories.json()
        )


async def test_officers_keep_the_useful_links(settings: NotificationsSettings) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    reader = tokens.headers(unique("user"))
    link = {
        "title": {"en": "CBSA", "fr": "ASFC"},
        "url": {"en": "https://www.cbsa-asfc.gc.ca/", "fr": "https://www.cbsa-asfc.gc.ca/fr"},
        "topics": ["Exports"],
    }
    async with running(settings, tokens) as (_, client):
        assert (await client.post("/v1/links", json=link, headers=reader)).status_code == 403
        bad = await client.post(
            "/v1/links", json=link | {"url": {"en": "nowhere", "fr": ""}}, headers=officer
        )
        assert {(p["pointer"], p["code"]) for p in bad.json()["errors"]} == {
            ("/url/en", "notifications.url.invalid"),
            ("/url/fr", "notifications.url.required"),
        }
        created = (await client.post("/v1/links", json=link, headers=officer)).json()
        renamed = link | {"title": {"en": "Border agency", "fr": "Agence frontalière"}}
        edited = await client.put(f"/v1/links/{created['link_id']}", json=renamed, headers=officer)
        assert edited.json()["version"] == 2
        listed = (await client.get("/v1/links", headers=reader)).json()
        assert [item["title"]["en"] for item in listed] == ["Border agency"]
        await client.post(f"/v1/links/{created['link_id']}/retire", headers=officer)
        assert (await client.get("/v1/links", headers=reader)).json() == []
