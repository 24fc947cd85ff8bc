"""Signing in through OIDC (the Sign-In Partner here) against a provider started in the test,
and credential transfers where one side is an OIDC credential; never the network."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.identity.tests.identity_harness import (
    PASSWORD,
    MovableClock,
    audit_actions,
    codes,
    create_user_account,
    event_types,
    has_types,
    new_user,
    session_headers,
    sign_in,
    sign_up,
    unique_username,
    user_events,
)
from services.identity.tests.oidc_provider import OidcProvider, running_oidc_provider
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration
CLIENT_ID, CLIENT_SECRET = "cers-identity", "partner-secret"
REDIRECT_URI = "https://cers.test/sign-in/sign_in_partner/callback"
OIDC = "/v1/providers/sign_in_partner/oidc"


@pytest.fixture(scope="module")
def provider() -> Iterator[OidcProvider]:
    with running_oidc_provider(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, redirect_uri=REDIRECT_URI
    ) as running:
        yield running


@pytest.fixture(scope="module")
def app_overrides(provider: OidcProvider) -> dict[str, Any]:
    """GCKey local, the Sign-In Partner through OIDC to the in-test provider."""
    return {
        "sign_in_partner_mode": "oidc",
        "sign_in_partner_oidc_issuer": provider.issuer,
        "sign_in_partner_oidc_client_id": CLIENT_ID,
        "sign_in_partner_oidc_client_secret": CLIENT_SECRET,
        "sign_in_partner_oidc_scopes": "openid email",
        "sign_in_partner_oidc_redirect_uri": REDIRECT_URI,
    }


def begin(
    client: TestClient, purpose: str = "sign_in", session_id: str | None = None
) -> dict[str, Any]:
    headers = session_headers(session_id) if session_id else {}
    response = client.post(f"{OIDC}/authorizations", json={"purpose": purpose}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def at_provider(provider: OidcProvider, subject: str, authorization_url: str) -> tuple[str, str]:
    """The browser at the provider, signed in as ``subject``: the (code, state) it returns."""
    provider.sign_in_as(subject, email=f"{subject}@partner.example")
    return asyncio.run(provider.follow(authorization_url))


def oidc_sign_in(client: TestClient, provider: OidcProvider, subject: str) -> dict[str, Any]:
    code, state = at_provider(provider, subject, begin(client)["authorization_url"])
    response = client.post(f"{OIDC}/callback", json={"state": state, "code": code})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_an_oidc_sign_in_leads_to_a_user_account_and_back_to_it(
    client: TestClient, provider: OidcProvider
) -> None:
    subject = f"partner-{uuid.uuid4().hex[:8]}"
    first = oidc_sign_in(client, provider, subject)
    assert (first["state"], first["provider"]) == ("needs_terms", "sign_in_partner")
    created = create_user_account(client, first["session_id"])
    client.delete("/v1/session", headers=session_headers(first["session_id"]))

    again = oidc_sign_in(client, provider, subject)
    assert again["state"] == "active"
    assert again["user"]["urn"] == created["user"]["urn"]


def test_a_state_works_once(client: TestClient, provider: OidcProvider) -> None:
    code, state = at_provider(provider, "someone", begin(client)["authorization_url"])
    assert client.post(f"{OIDC}/callback", json={"state": state, "code": code}).is_success
    replayed = client.post(f"{OIDC}/callback", json={"state": state, "code": code})
    assert replayed.status_code == 410
    assert codes(replayed) == {("/state", "identity.oidc.state_unknown")}


def test_a_state_expires_after_ten_minutes(
    client: TestClient, provider: OidcProvider, clock: MovableClock
) -> None:
    code, state = at_provider(provider, "slowpoke", begin(client)["authorization_url"])
    clock.advance(minutes=10)
    late = client.post(f"{OIDC}/callback", json={"state": state, "code": code})
    assert codes(late) == {("/state", "identity.oidc.state_unknown")}


def test_an_id_token_the_client_cannot_trust_is_a_failed_sign_in(
    client: TestClient, provider: OidcProvider, identity_database: str
) -> None:
    subject = f"victim-{uuid.uuid4().hex[:8]}"
    code, state = at_provider(provider, subject, begin(client)["authorization_url"])
    provider.tamper_next_id_token(unpublished_key=True)
    refused = client.post(f"{OIDC}/callback", json={"state": state, "code": code})
    assert refused.status_code == 401
    assert codes(refused) == {("/code", "identity.oidc.failed")}
    assert "sign_in_failed" in audit_actions(identity_database, provider="sign_in_partner")


def test_local_journeys_are_refused_for_an_oidc_provider_and_the_reverse(
    client: TestClient,
) -> None:
    local = client.post(
        "/v1/providers/sign_in_partner/sign-in", json={"username": "abcdefgh", "password": "x"}
    )
    assert local.status_code == 422
    assert codes(local) == {("/provider", "identity.provider.not_local")}
    oidc = client.post("/v1/providers/gckey/oidc/authorizations", json={"purpose": "sign_in"})
    assert codes(oidc) == {("/provider", "identity.provider.not_oidc")}
    purpose = client.post(f"{OIDC}/authorizations", json={"purpose": "impersonate"})
    assert codes(purpose) == {("/purpose", "identity.oidc.purpose_invalid")}


def test_transfer_gckey_to_the_partner_from_the_sign_in_page(
    client: TestClient, provider: OidcProvider, kafka: KafkaRuntime
) -> None:
    gckey_name, user = new_user(client, "gckey")
    partner = oidc_sign_in(client, provider, f"new-{uuid.uuid4().hex[:8]}")
    moved = client.post(
        "/v1/session/transfer",
        json={"provider": "gckey", "username": gckey_name, "password": PASSWORD},
        headers=session_headers(partner["session_id"]),
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["provider"], moved.json()["user"]["urn"]) == (
        "sign_in_partner",
        user["user"]["urn"],
    )
    old = client.post(
        "/v1/providers/gckey/sign-in", json={"username": gckey_name, "password": PASSWORD}
    )
    assert codes(old) == {("", "identity.credential.disabled")}
    records = user_events(
        kafka.bootstrap, user["user"]["user_id"], has_types("credential-transferred")
    )
    assert event_types(records)[-1] == "credential-transferred"


def test_transfer_from_the_partner_to_gckey_proving_the_partner_credential(
    client: TestClient, provider: OidcProvider
) -> None:
    old_subject = f"old-{uuid.uuid4().hex[:8]}"
    first = oidc_sign_in(client, provider, old_subject)
    headers = session_headers(first["session_id"])
    urn = create_user_account(client, first["session_id"])["user"]["urn"]

    # Signed in with a new GCKey credential, prove the partner credential at the provider.
    gckey_name = unique_username("gck")
    sign_up(client, "gckey", gckey_name)
    new_session = sign_in(client, "gckey", gckey_name)["session_id"]
    started = begin(client, "transfer", new_session)
    code, state = at_provider(provider, old_subject, started["authorization_url"])
    stolen = client.post(f"{OIDC}/callback", json={"state": state, "code": code})
    assert codes(stolen) == {("", "identity.session.required")}  # the state is bound to a session

    started = begin(client, "transfer", new_session)
    code, state = at_provider(provider, old_subject, started["authorization_url"])
    moved = client.post(
        f"{OIDC}/callback",
        json={"state": state, "code": code},
        headers=session_headers(new_session),
    )
    assert moved.status_code == 200, moved.text
    assert (moved.json()["provider"], moved.json()["user"]["urn"]) == ("gckey", urn)
    assert client.get("/v1/session", headers=headers).status_code == 401

    # The partner credential no longer signs in: its next sign-in is refused.
    code, state = at_provider(provider, old_subject, begin(client)["authorization_url"])
    refused = client.post(f"{OIDC}/callback", json={"state": state, "code": code})
    assert codes(refused) == {("", "identity.credential.disabled")}


def test_change_credential_provider_to_the_partner_from_my_profile(
    client: TestClient, provider: OidcProvider
) -> None:
    _, user = new_user(client, "gckey")
    started = begin(client, "change_provider", user["session_id"])
    code, state = at_provider(
        provider, f"next-{uuid.uuid4().hex[:8]}", started["authorization_url"]
    )
    changed = client.post(
        f"{OIDC}/callback",
        json={"state": state, "code": code},
        headers=session_headers(user["session_id"]),
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["provider"] == "sign_in_partner"
    profile = client.get("/v1/profile", headers=session_headers(user["session_id"])).json()
    assert (profile["provider"], profile["urn"]) == ("sign_in_partner", user["user"]["urn"])

    # Already on the partner: changing to it again is refused before anyone is sent there.
    again = client.post(
        f"{OIDC}/authorizations",
        json={"purpose": "change_provider"},
        headers=session_headers(user["session_id"]),
    )
    assert again.status_code == 409
    assert codes(again) == {("/provider", "identity.transfer.same_provider")}


def test_the_providers_say_how_each_is_reached(client: TestClient) -> None:
    listed = client.get("/v1/providers")
    assert listed.status_code == 200
    assert listed.json() == {
        "providers": [
            {"provider": "gckey", "mode": "local"},
            {"provider": "sign_in_partner", "mode": "oidc"},
        ]
    }
