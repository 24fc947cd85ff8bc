"""Bulletins, useful links and subscriptions over HTTP, on the real database, broker and SMTP."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer

from cers_contracts.envelope import headers_from_record
from cers_contracts.identity import ProfileUpdated
from cers_contracts.notifications import BulletinPublished
from cers_notifications.config import NotificationsSettings
from services.notifications.tests.notifications_testkit import (
    SmtpServer,
    Tokens,
    app_settings,
    assert_language,
    body_of,
    bulletin_body,
    bulletin_number,
    notices_to,
    query,
    registered,
    running,
    subscribe,
    unique,
    user_state,
    wait_for_notices,
)
from tests.fixtures.contracts import assert_matches_contract
from tests.fixtures.messaging import Events, eventually
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration


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
    notifications_settings: NotificationsSettings, kafka: KafkaRuntime
) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    starts_et = "2025-07-02T08:30:00-04:00"  # written in Eastern Time, kept in UTC
    async with running(notifications_settings, tokens) as (_, client):
        created = await client.post(
            "/v1/bulletins", json=bulletin_body(starts_at=starts_et), headers=officer
        )
        assert created.status_code == 201, created.text
        published = created.json()
        assert published["version"] == 1
        assert published["starts_at"] == "2025-07-02T12:30:00Z"
        fetched = await client.get(f"/v1/bulletins/{published['bulletin_id']}", headers=officer)
        assert fetched.json()["starts_at"] == published["starts_at"]
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
    first = BulletinPublished.model_validate_json(records[0].value)
    assert first.bulletin.starts_at == datetime(2025, 7, 2, 12, 30, tzinfo=UTC)
    assert first.bulletin.starts_at.utcoffset() == timedelta(0)


async def test_only_officers_change_bulletins_and_only_signed_in_users_read_them(
    notifications_settings: NotificationsSettings,
) -> None:
    tokens = Tokens()
    async with running(notifications_settings, tokens) as (_, client):
        exporter = tokens.headers(unique("user"))
        refused = await client.post("/v1/bulletins", json=bulletin_body(), headers=exporter)
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["code"] == "notifications.officer_required"
        assert (await client.get("/v1/bulletins")).status_code == 401
        assert (await client.get("/v1/bulletins", headers=exporter)).status_code == 200


async def test_bad_bulletins_are_refused_naming_each_field_and_rule(
    notifications_settings: NotificationsSettings,
) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    async with running(notifications_settings, tokens) as (_, client):
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


async def test_malformed_input_is_refused_with_422_never_500(
    notifications_settings: NotificationsSettings,
) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    malformed = {
        "/title/en": bulletin_body(title={"en": "a\u0000b", "fr": "x"}),
        "/starts_at": bulletin_body(starts_at="0001-01-01T00:00:00+05:00"),
        "/ends_at": bulletin_body(ends_at="9999-12-31T23:00:00-05:00"),
        "/topics/0": bulletin_body(topics=["x" * 65]),
    }
    async with running(notifications_settings, tokens) as (_, client):
        for pointer, body in malformed.items():
            response = await client.post("/v1/bulletins", json=body, headers=officer)
            assert response.status_code == 422, (pointer, response.text)
            assert [p["pointer"] for p in response.json()["errors"]] == [pointer]
        link = {"title": {"en": "a", "fr": "b"}, "url": {"en": "http://[::1", "fr": "https://x"}}
        response = await client.post("/v1/links", json=link, headers=officer)
        assert response.json()["errors"][0]["code"] == "notifications.url.invalid"
        paths = ("/v1/bulletins?topic=%00", "/v1/bulletins/%00", "/v1/links?topic=%00")
        for path in (*paths, f"/v1/bulletins?offset={10**19}", "/v1/bulletins?offset=10000001"):
            response = await client.get(path, headers=officer)
            assert response.status_code == 422, (path, response.text)
        response = await client.put(
            "/v1/me/subscriptions", json={"categories": ["x" * 1000]}, headers=officer
        )
        assert response.status_code == 422
        listed = await client.get("/v1/bulletins", headers=officer)
        assert listed.json() == []  # nothing half-written


async def test_the_bulletins_tab_lists_newest_first_by_topic_without_retired_ones(
    notifications_settings: NotificationsSettings,
) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    reader = tokens.headers(unique("user"))
    async with running(notifications_settings, tokens) as (_, client):
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
    notifications_settings: NotificationsSettings, kafka: KafkaRuntime, smtp_server: SmtpServer
) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    english = user_state(time_zone="America/Vancouver")
    french, other = user_state(language="fr"), user_state()
    async with (
        running(notifications_settings, tokens) as (_, client),
        Events(kafka.bootstrap) as events,
    ):
        for user in (english, french, other):
            await events.publish(registered(user))
        await subscribe(client, tokens, english.user_id, ["Exporter"])
        await subscribe(client, tokens, french.user_id, ["Exporter", "General"])
        await subscribe(client, tokens, other.user_id, ["General"])
        body = bulletin_body(starts_at="2025-01-15T14:00:00Z")
        published = await client.post("/v1/bulletins", json=body, headers=officer)
        edited = await client.put(
            f"/v1/bulletins/{published.json()['bulletin_id']}",
            json=body | {"description": {"en": "Edited.", "fr": "Modifié."}},
            headers=officer,
        )
        assert edited.status_code == 200
        (to_english,) = await smtp_server.wait_for(str(english.email))
        (to_french,) = await smtp_server.wait_for(str(french.email))
        # One notice per subscriber of the category, written at publication; the edit added none.
        stored = await notices_to(
            notifications_settings, english.user_id, french.user_id, other.user_id
        )
        assert sorted(n["recipient"] for n in stored) == sorted([english.user_id, french.user_id])
    assert_language(to_english, "en", body_has="published bulletin " + body["number"])
    assert_language(to_french, "fr", body_has="a publié le bulletin " + body["number"])
    assert str(to_french["Subject"]).strip().startswith(f"Bulletin du SCDE {body['number']} / ")
    # In Eastern Time, as CBSA states bulletin times, even for a reader in Vancouver.
    assert "Start: Wednesday, January 15, 2025, 9:00\u202fa.m. EST" in body_of(to_english)
    assert "Début : mercredi 15 janvier 2025, 09 h 00 HNE" in body_of(to_french)


async def test_a_bulletin_reaches_each_subscriber_once_whatever_they_change_before_it_is_sent(
    notifications_database: str, kafka: KafkaRuntime, smtp_server_down: SmtpServer
) -> None:
    smtp_server = smtp_server_down  # the e-mails wait while the subscribers change things
    settings = app_settings(notifications_database, kafka.bootstrap, smtp_server.port)
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    switching, resubscribing = user_state(), user_state(language="fr")
    async with running(settings, tokens) as (_, client), Events(kafka.bootstrap) as events:
        for user in (switching, resubscribing):
            await events.publish(registered(user))
            await subscribe(client, tokens, user.user_id, ["Exporter"])
        body = bulletin_body()
        published = (await client.post("/v1/bulletins", json=body, headers=officer)).json()

        async def both_tried() -> bool:
            found = await notices_to(settings, switching.user_id, resubscribing.user_id)
            return len(found) == 2 and all(n["attempts"] >= 1 for n in found)

        assert await eventually(both_tried, timeout_s=20)  # the server refused: pending
        now_french = switching.model_copy(update={"language": "fr"})
        await events.publish(
            ProfileUpdated(
                user_id=switching.user_id,
                user=now_french,
                occurred_at=datetime.now(UTC),
                changed_fields=["language"],
            )
        )
        await subscribe(client, tokens, switching.user_id, ["Exporter", "General"])
        await subscribe(client, tokens, resubscribing.user_id, [])
        await subscribe(client, tokens, resubscribing.user_id, ["Exporter"])
        corrected = {"en": "Corrected text.", "fr": "Texte corrigé."}
        edited = await client.put(
            f"/v1/bulletins/{published['bulletin_id']}",
            json=body | {"description": corrected},
            headers=officer,
        )
        assert edited.status_code == 200

        async def switched() -> bool:
            sql = "SELECT language FROM users WHERE user_id = $1"
            return await query(settings, sql, switching.user_id) == [{"language": "fr"}]

        assert await eventually(switched, timeout_s=20)
        smtp_server.start()
        await wait_for_notices(
            settings, switching.user_id, resubscribing.user_id, status="sent", count=2
        )
        to_switching = smtp_server.to(str(switching.email))
        to_resubscribing = smtp_server.to(str(resubscribing.email))
    assert len(to_switching) == len(to_resubscribing) == 1
    assert_language(to_switching[0], "fr", body_has="a publié le bulletin " + body["number"])
    assert_language(to_resubscribing[0], "fr", body_has="a publié le bulletin " + body["number"])
    assert "Texte corrigé." in body_of(to_switching[0])  # the text as it is when sent


async def test_subscriptions_accept_known_categories_only(
    notifications_settings: NotificationsSettings,
) -> None:
    tokens = Tokens()
    user = tokens.headers(unique("user"))
    async with running(notifications_settings, tokens) as (_, client):
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


async def test_officers_keep_the_useful_links(
    notifications_settings: NotificationsSettings,
) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    reader = tokens.headers(unique("user"))
    link = {
        "title": {"en": "CBSA", "fr": "ASFC"},
        "url": {"en": "https://www.cbsa-asfc.gc.ca/", "fr": "https://www.cbsa-asfc.gc.ca/fr"},
        "topics": ["Exports"],
    }
    async with running(notifications_settings, tokens) as (_, client):
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
