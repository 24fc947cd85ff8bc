"""Access tokens and their keys: EdDSA tokens other services verify with identity's JWKS, and
key rotation (by command and by age) that never breaks a token in flight."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from joserfc import jws

from services.identity.tests.identity_harness import (
    AdminCommand,
    MovableClock,
    codes,
    new_user,
    session_headers,
    sign_in,
    sign_up,
    unique_username,
    verify_token,
    wait_until,
)

pytestmark = pytest.mark.integration
KEY_MAX_AGE_S = 3600


@pytest.fixture(scope="module")
def app_overrides() -> dict[str, Any]:
    """Check the key's age every 0.1 s; rotate it after an hour of the test clock."""
    return {"signing_key_max_age_s": KEY_MAX_AGE_S, "signing_key_check_interval_s": 0.1}


def kid_of(token: str) -> str:
    return str(jws.extract_compact(token.encode()).headers()["kid"])


def published_kids(client: TestClient) -> list[str]:
    return [key["kid"] for key in client.get("/.well-known/jwks.json").json()["keys"]]


def new_token(client: TestClient, session_id: str) -> str:
    response = client.post("/v1/session/token", headers=session_headers(session_id))
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["token_type"], body["expires_in"]) == ("Bearer", 300)
    return str(body["access_token"])


def test_a_token_names_the_user_for_five_minutes(client: TestClient) -> None:
    _, user = new_user(client)
    token = new_token(client, user["session_id"])
    principal = verify_token(client, token)
    assert principal.user_id == user["user"]["user_id"]
    assert principal.urn == user["user"]["urn"]
    assert principal.officer is False
    assert principal.claims["exp"] - principal.claims["iat"] == 300
    assert jws.extract_compact(token.encode()).headers()["alg"] == "Ed25519"


def test_only_an_active_session_gets_a_token(client: TestClient) -> None:
    assert client.post("/v1/session/token").status_code == 401
    username = unique_username()
    sign_up(client, "gckey", username)
    before_terms = session_headers(sign_in(client, "gckey", username)["session_id"])
    refused = client.post("/v1/session/token", headers=before_terms)
    assert refused.status_code == 403
    assert codes(refused) == {("", "identity.session.needs_terms")}


def test_a_rotation_keeps_tokens_in_flight_valid(
    client: TestClient, admin_command: AdminCommand, clock: MovableClock
) -> None:
    _, user = new_user(client)
    before = new_token(client, user["session_id"])
    status, rotated = admin_command(["rotate-keys"])
    assert status == 0, rotated
    after = new_token(client, user["session_id"])
    assert kid_of(after) != kid_of(before)
    assert published_kids(client)[:2] == [kid_of(after), kid_of(before)]
    assert verify_token(client, before).user_id == verify_token(client, after).user_id

    clock.advance(minutes=5)  # the last token the old key signed expires only now
    assert kid_of(before) in published_kids(client)
    clock.advance(minutes=6)  # past the 10 minutes a retired key stays published
    assert kid_of(before) not in published_kids(client)
    assert kid_of(after) in published_kids(client)


def test_the_key_rotates_by_itself_when_it_gets_old(
    client: TestClient, clock: MovableClock
) -> None:
    username, user = new_user(client)
    old_kid = kid_of(new_token(client, user["session_id"]))
    clock.advance(seconds=KEY_MAX_AGE_S + 1)
    assert wait_until(lambda: published_kids(client)[0] != old_kid)
    session_id = sign_in(client, "gckey", username)["session_id"]  # the first one timed out
    assert kid_of(new_token(client, session_id)) != old_kid
