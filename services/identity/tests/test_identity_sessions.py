"""Sessions (timeouts, seeing and ending one's sessions), new terms, My Profile and e-mail
confirmation links, on the real database and broker."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.identity.tests.identity_harness import (
    AdminCommand,
    MovableClock,
    codes,
    event_types,
    has_types,
    new_user,
    query,
    session_headers,
    sign_in,
    user_events,
)
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration


def test_identity_keeps_only_the_hash_of_a_session_id(
    client: TestClient, identity_database: str
) -> None:
    _, user = new_user(client)
    session_id = user["session_id"]
    reference = client.get("/v1/session", headers=session_headers(session_id)).json()["reference"]
    (row,) = query(identity_database, "SELECT * FROM sessions WHERE reference = $1", reference)
    assert row["secret_hash"] == hashlib.sha256(session_id.encode()).hexdigest()
    assert session_id not in {str(value) for value in row.values()}
    assert len(session_id) >= 43  # 256 random bits, URL-safe base64


def test_an_idle_session_ends_after_twenty_minutes(client: TestClient, clock: MovableClock) -> None:
    _, user = new_user(client)
    headers = session_headers(user["session_id"])
    clock.advance(minutes=19)
    assert client.get("/v1/session", headers=headers).status_code == 200  # used: idle restarts
    clock.advance(minutes=19)
    assert client.get("/v1/session", headers=headers).status_code == 200
    clock.advance(minutes=20)
    expired = client.get("/v1/session", headers=headers)
    assert expired.status_code == 401
    assert codes(expired) == {("", "identity.session.invalid")}


def test_a_busy_session_ends_after_eight_hours(client: TestClient, clock: MovableClock) -> None:
    _, user = new_user(client)
    headers = session_headers(user["session_id"])
    view = client.get("/v1/session", headers=headers).json()
    assert view["absolute_expires_at"] > view["idle_expires_at"]
    for _ in range(47):  # every 10 minutes for 7 h 50 min
        clock.advance(minutes=10)
        assert client.get("/v1/session", headers=headers).status_code == 200
    clock.advance(minutes=10)
    assert client.get("/v1/session", headers=headers).status_code == 401


def test_a_user_sees_and_ends_their_other_sessions(client: TestClient) -> None:
    username, user = new_user(client)
    here = session_headers(user["session_id"])
    laptop = session_headers(sign_in(client, "gckey", username)["session_id"])
    phone = session_headers(sign_in(client, "gckey", username)["session_id"])
    listed = client.get("/v1/sessions", headers=here).json()["sessions"]
    assert len(listed) == 3
    assert [s["current"] for s in listed].count(True) == 1
    phone_reference = client.get("/v1/session", headers=phone).json()["reference"]

    assert client.delete(f"/v1/sessions/{phone_reference}", headers=here).status_code == 204
    assert client.get("/v1/session", headers=phone).status_code == 401
    again = client.delete(f"/v1/sessions/{phone_reference}", headers=here)
    assert codes(again) == {("/reference", "identity.session.unknown")}

    ended = client.delete("/v1/sessions/others", headers=here).json()["ended"]
    assert len(ended) == 1
    assert client.get("/v1/session", headers=laptop).status_code == 401
    assert client.get("/v1/session", headers=here).status_code == 200


def test_one_cannot_end_the_session_of_someone_else(client: TestClient) -> None:
    _, mine = new_user(client)
    _, theirs = new_user(client)
    reference = client.get("/v1/session", headers=session_headers(theirs["session_id"])).json()[
        "reference"
    ]
    refused = client.delete(
        f"/v1/sessions/{reference}", headers=session_headers(mine["session_id"])
    )
    assert refused.status_code == 404
    assert client.get("/v1/session", headers=session_headers(theirs["session_id"])).is_success


def test_calls_without_a_session_are_refused(client: TestClient) -> None:
    missing = client.get("/v1/profile")
    assert missing.status_code == 401
    assert codes(missing) == {("", "identity.session.required")}
    forged = client.get("/v1/profile", headers=session_headers("not-a-session"))
    assert codes(forged) == {("", "identity.session.invalid")}


def test_a_new_version_of_the_terms_must_be_accepted_at_next_sign_in(
    client: TestClient, admin_command: AdminCommand, tmp_path: Path
) -> None:
    username, user = new_user(client)
    english, french = tmp_path / "en.txt", tmp_path / "fr.txt"
    english.write_text("New terms.")
    french.write_text("Nouvelles conditions.")
    status, published = admin_command(["publish-terms", "--en", str(english), "--fr", str(french)])
    assert status == 0, published

    session = sign_in(client, "gckey", username)
    assert session["state"] == "needs_terms"
    headers = session_headers(session["session_id"])
    refused = client.post("/v1/session/token", headers=headers)
    assert refused.status_code == 403
    assert codes(refused) == {("", "identity.session.needs_terms")}
    terms = client.get("/v1/terms").json()
    assert terms["text_fr"] == "Nouvelles conditions."
    accepted = client.post(
        "/v1/session/terms-acceptance", json={"version": terms["version"]}, headers=headers
    )
    assert accepted.json()["state"] == "active"
    assert accepted.json()["user"]["urn"] == user["user"]["urn"]
    assert client.post("/v1/session/token", headers=headers).status_code == 200


def test_profile_edits_are_checked_and_a_no_change_edit_emits_nothing(
    client: TestClient, kafka: KafkaRuntime
) -> None:
    _, user = new_user(client)
    headers = session_headers(user["session_id"])
    bad = client.patch(
        "/v1/profile", json={"language": "de", "telephone": "call me"}, headers=headers
    )
    assert bad.status_code == 422
    assert codes(bad) == {
        ("/language", "identity.language.invalid"),
        ("/telephone", "identity.telephone.invalid"),
    }
    empty = client.patch("/v1/profile", json={}, headers=headers)
    assert codes(empty) == {("", "identity.profile.no_change")}
    unchanged = client.patch("/v1/profile", json={"first_name": "Jeanne"}, headers=headers)
    assert unchanged.status_code == 200
    changed = client.patch(
        "/v1/profile", json={"time_zone": "America/Vancouver", "language": "en"}, headers=headers
    )
    assert (changed.json()["time_zone"], changed.json()["language"]) == ("America/Vancouver", "en")
    assert client.get("/v1/profile", headers=headers).json()["time_zone"] == "America/Vancouver"

    user_id = user["user"]["user_id"]
    records = user_events(kafka.bootstrap, user_id, has_types("profile-updated"))
    assert event_types(records) == ["registered", "email-confirmation-requested", "profile-updated"]
    updated = json.loads(records[-1].value)
    assert updated["changed_fields"] == ["language", "time_zone"]
    assert (updated["user"]["language"], updated["user"]["time_zone"]) == (
        "en",
        "America/Vancouver",
    )


def test_a_confirmation_link_expires_after_24_hours_and_a_new_one_can_be_asked(
    client: TestClient, clock: MovableClock, kafka: KafkaRuntime
) -> None:
    _, user = new_user(client)
    user_id = user["user"]["user_id"]
    first = user_events(kafka.bootstrap, user_id, has_types("email-confirmation-requested"))
    token = json.loads(first[-1].value)["confirmation_token"]
    clock.advance(hours=24)
    expired = client.post("/v1/email-confirmations", json={"token": token})
    assert expired.status_code == 410
    assert codes(expired) == {("/token", "identity.email_confirmation.expired")}

    clock.reset()
    headers = session_headers(user["session_id"])
    assert (
        client.post("/v1/profile/email-confirmation-requests", headers=headers).status_code == 202
    )
    records = user_events(
        kafka.bootstrap,
        user_id,
        has_types("email-confirmation-requested", "email-confirmation-requested"),
    )
    fresh = json.loads(records[-1].value)["confirmation_token"]
    assert client.post("/v1/email-confirmations", json={"token": fresh}).status_code == 200
    assert client.get("/v1/profile", headers=headers).json()["email_confirmed"] is True


def test_a_link_for_a_replaced_address_is_refused(client: TestClient, kafka: KafkaRuntime) -> None:
    _, user = new_user(client)
    user_id = user["user"]["user_id"]
    headers = session_headers(user["session_id"])
    first = user_events(kafka.bootstrap, user_id, has_types("email-confirmation-requested"))
    old_token = json.loads(first[-1].value)["confirmation_token"]
    client.patch("/v1/profile", json={"email": "other@example.ca"}, headers=headers)
    superseded = client.post("/v1/email-confirmations", json={"token": old_token})
    assert codes(superseded) == {("/token", "identity.email_confirmation.superseded")}
