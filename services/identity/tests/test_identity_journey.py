"""The whole journey on the real database and broker: sign-up, terms, user account and URN,
e-mail confirmation, profile edit, transfer both ways, old credential refused, sign-out."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from cers_identity.domain.urn import parse_urn
from services.identity.tests.identity_harness import (
    PASSWORD,
    PROFILE,
    TOPIC,
    codes,
    event_types,
    has_types,
    session_headers,
    sign_in,
    sign_up,
    unique_username,
    user_events,
    verify_token,
)
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration


def test_the_whole_journey_of_a_user(client: TestClient, kafka: KafkaRuntime) -> None:
    gckey_name = unique_username("gck")
    sign_up(client, "gckey", gckey_name)
    first = sign_in(client, "gckey", gckey_name)
    assert first["state"] == "needs_terms" and first["user"] is None
    old_session = session_headers(first["session_id"])

    # The terms come first: no user account before they are accepted.
    refused = client.post("/v1/session/user-account", json=PROFILE, headers=old_session)
    assert refused.status_code == 403
    assert codes(refused) == {("", "identity.session.needs_terms")}
    terms = client.get("/v1/terms").json()
    assert terms["version"] >= 1 and "CERS" in terms["text_en"] and "SDEC" in terms["text_fr"]
    stale = client.post("/v1/session/terms-acceptance", json={"version": 0}, headers=old_session)
    assert codes(stale) == {("/version", "identity.terms.not_current")}
    accepted = client.post(
        "/v1/session/terms-acceptance", json={"version": terms["version"]}, headers=old_session
    )
    assert accepted.json()["state"] == "needs_user_account"

    # A bad profile writes nothing; a good one makes the user account with its URN.
    bad = client.post(
        "/v1/session/user-account",
        json=PROFILE | {"email": "not-an-address", "time_zone": "Mars/Olympus"},
        headers=old_session,
    )
    assert bad.status_code == 422
    assert codes(bad) == {
        ("/email", "identity.email.invalid"),
        ("/time_zone", "identity.time_zone.unknown"),
    }
    assert client.get("/v1/session", headers=old_session).json()["state"] == "needs_user_account"
    created = client.post("/v1/session/user-account", json=PROFILE, headers=old_session)
    assert created.status_code == 201, created.text
    user = created.json()["user"]
    assert created.json()["state"] == "active"
    assert parse_urn(user["urn"]) == user["urn"]
    again = client.post("/v1/session/user-account", json=PROFILE, headers=old_session)
    assert codes(again) == {("", "identity.session.has_user_account")}

    # Registration asks for the e-mail confirmation; the link works once.
    records = user_events(
        kafka.bootstrap, user["user_id"], has_types("registered", "email-confirmation-requested")
    )
    assert event_types(records) == ["registered", "email-confirmation-requested"]
    registered = json.loads(records[0].value)
    assert registered["user"]["urn"] == user["urn"]
    assert registered["user"]["email"] == PROFILE["email"]
    assert registered["user"]["provider"] == "gckey"
    assert records[0].topic == TOPIC and records[0].key == user["user_id"].encode()
    token = json.loads(records[1].value)["confirmation_token"]
    confirmed = client.post("/v1/email-confirmations", json={"token": token})
    assert confirmed.status_code == 200 and confirmed.json()["email_confirmed"] is True
    reused = client.post("/v1/email-confirmations", json={"token": token})
    assert reused.status_code == 410
    assert codes(reused) == {("/token", "identity.email_confirmation.used")}
    unknown = client.post("/v1/email-confirmations", json={"token": "x" * 43})
    assert codes(unknown) == {("/token", "identity.email_confirmation.unknown")}

    # My Profile: a change is an event; a new address must be confirmed again.
    edited = client.patch(
        "/v1/profile",
        json={"telephone": "613-555-0100", "email": "j.tremblay@example.ca"},
        headers=old_session,
    )
    assert edited.status_code == 200, edited.text
    assert edited.json()["email_confirmed"] is False
    assert edited.json()["urn"] == user["urn"]

    # Transfer GCKey -> Sign-In Partner from the sign-in page: sign in with the new credential,
    # prove the old one.
    partner_name = unique_username("sip")
    sign_up(client, "sign_in_partner", partner_name)
    new_session = session_headers(sign_in(client, "sign_in_partner", partner_name)["session_id"])
    same = client.post(
        "/v1/session/transfer",
        json={"provider": "sign_in_partner", "username": partner_name, "password": PASSWORD},
        headers=new_session,
    )
    assert same.status_code == 409
    assert codes(same) == {("/provider", "identity.transfer.same_provider")}
    unproven = client.post(
        "/v1/session/transfer",
        json={"provider": "gckey", "username": gckey_name, "password": "Wrong-" + PASSWORD},
        headers=new_session,
    )
    assert codes(unproven) == {("/username", "identity.sign_in.failed")}
    assert client.get("/v1/session", headers=old_session).status_code == 200  # nothing moved
    moved = client.post(
        "/v1/session/transfer",
        json={"provider": "gckey", "username": gckey_name, "password": PASSWORD},
        headers=new_session,
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["state"] == "active"
    assert moved.json()["user"]["urn"] == user["urn"]
    assert moved.json()["provider"] == "sign_in_partner"

    # The old credential and its sessions stop working at once.
    assert client.get("/v1/session", headers=old_session).status_code == 401
    old = client.post(
        "/v1/providers/gckey/sign-in", json={"username": gckey_name, "password": PASSWORD}
    )
    assert old.status_code == 401
    assert codes(old) == {("", "identity.credential.disabled")}

    # And back, from My Profile: "Change Credential Provider" to a new GCKey credential.
    gckey_again = unique_username("gck")
    sign_up(client, "gckey", gckey_again)
    in_use = client.post(
        "/v1/profile/credential-provider",
        json={"provider": "sign_in_partner", "username": partner_name, "password": PASSWORD},
        headers=new_session,
    )
    assert codes(in_use) == {("/provider", "identity.transfer.same_provider")}
    back = client.post(
        "/v1/profile/credential-provider",
        json={"provider": "gckey", "username": gckey_again, "password": PASSWORD},
        headers=new_session,
    )
    assert back.status_code == 200, back.text
    assert (back.json()["provider"], back.json()["urn"]) == ("gckey", user["urn"])
    partner = client.post(
        "/v1/providers/sign_in_partner/sign-in",
        json={"username": partner_name, "password": PASSWORD},
    )
    assert codes(partner) == {("", "identity.credential.disabled")}
    later = sign_in(client, "gckey", gckey_again)
    assert later["state"] == "active" and later["user"]["urn"] == user["urn"]

    # The session that changed provider goes on; its token names the same user.
    token_response = client.post("/v1/session/token", headers=new_session)
    assert token_response.status_code == 200
    principal = verify_token(client, token_response.json()["access_token"])
    assert (principal.user_id, principal.urn, principal.officer) == (
        user["user_id"],
        user["urn"],
        False,
    )

    # Sign-out ends the session at once.
    assert client.delete("/v1/session", headers=new_session).status_code == 204
    ended = client.get("/v1/session", headers=new_session)
    assert ended.status_code == 401
    assert codes(ended) == {("", "identity.session.invalid")}
    assert client.post("/v1/session/token", headers=new_session).status_code == 401

    # Every step was an event, in order, each valid against its contract.
    wanted = [
        "registered",
        "email-confirmation-requested",
        "email-confirmed",
        "profile-updated",
        "email-confirmation-requested",
        "credential-transferred",
        "credential-transferred",
    ]
    records = user_events(kafka.bootstrap, user["user_id"], has_types(*wanted))
    assert event_types(records) == wanted
    bodies = [json.loads(r.value) for r in records]
    assert bodies[3]["changed_fields"] == ["email", "telephone"]
    assert bodies[3]["user"]["email"] == "j.tremblay@example.ca"
    assert (bodies[5]["from_provider"], bodies[5]["to_provider"]) == ("gckey", "sign_in_partner")
    assert (bodies[6]["from_provider"], bodies[6]["to_provider"]) == ("sign_in_partner", "gckey")
    assert {b["user"]["urn"] for b in bodies} == {user["urn"]}
