"""Personal access tokens of the public API: made on an active session and shown once, kept only
as a hash, exchanged for an access token naming their scope, refused once revoked, expired or
their user disabled; at most 20 in use; bad requests refused with nothing stored."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient

from cers_chassis.migrations import alembic_config, upgrade
from services.identity.tests.identity_harness import (
    AdminCommand,
    MovableClock,
    codes,
    count_rows,
    new_user,
    query,
    session_headers,
    sign_in,
    sign_up,
    unique_username,
    verify_token,
)
from tests.fixtures.runtime import PostgresRuntime

pytestmark = pytest.mark.integration
PATH = "/v1/personal-access-tokens"
ACCOUNT = str(uuid.uuid4())
INVALID = {("/token", "identity.pat.invalid")}


def new_token(client: TestClient, session_id: str, **body: Any) -> dict[str, Any]:
    """Make a token on the session (read access to one account unless ``body`` says more)."""
    wanted = {"name": "Filing software", "business_account_ids": [ACCOUNT], "access": "read"}
    made = client.post(PATH, json=wanted | body, headers=session_headers(session_id))
    assert made.status_code == 201, made.text
    answer: dict[str, Any] = made.json()
    return answer


def my_tokens(client: TestClient, session_id: str) -> list[dict[str, Any]]:
    listed = client.get(PATH, headers=session_headers(session_id))
    assert listed.status_code == 200, listed.text
    found: list[dict[str, Any]] = listed.json()["tokens"]
    return found


def exchange(client: TestClient, token: str) -> Any:
    return client.post(f"{PATH}/exchange", json={"token": token})


def test_a_new_token_is_shown_once_and_listed_without_its_secret(client: TestClient) -> None:
    _, user = new_user(client)
    session = user["session_id"]
    made = new_token(
        client,
        session,
        name="  Filing \n software ",
        business_account_ids=[ACCOUNT, ACCOUNT],  # named twice, kept once
        access="write",
        expires_in_days=30,
    )
    secret = made["token"]
    assert secret.startswith("cers_pat_") and len(secret) == len("cers_pat_") + 43
    assert (made["name"], made["business_account_ids"], made["access"]) == (
        "Filing software",
        [ACCOUNT],
        "write",
    )
    lifetime = datetime.fromisoformat(made["expires_at"]) - datetime.fromisoformat(
        made["created_at"]
    )
    assert lifetime == timedelta(days=30)
    listed = client.get(PATH, headers=session_headers(session))
    assert secret not in listed.text
    [item] = listed.json()["tokens"]
    assert item == {
        "token_id": made["token_id"],
        "name": "Filing software",
        "prefix": secret[: len("cers_pat_") + 4],
        "business_account_ids": [ACCOUNT],
        "access": "write",
        "created_at": made["created_at"],
        "expires_at": made["expires_at"],
        "last_used_at": None,
        "revoked_at": None,
    }


def test_the_database_keeps_only_the_hash_of_a_token(
    client: TestClient, identity_database: str
) -> None:
    _, user = new_user(client)
    made = new_token(client, user["session_id"])
    [row] = query(
        identity_database, "SELECT * FROM personal_access_tokens WHERE id = $1", made["token_id"]
    )
    assert row["token_hash"] == hashlib.sha256(made["token"].encode()).hexdigest()
    random_part = made["token"].removeprefix("cers_pat_")
    for table in ("personal_access_tokens", "audit_log"):
        dumped = query(identity_database, f"SELECT string_agg(t::text, ' ') FROM {table} t")
        assert random_part not in str(dumped[0][0])


def test_an_exchange_gives_an_access_token_naming_the_user_and_the_scope(
    client: TestClient,
) -> None:
    _, user = new_user(client)
    accounts = [ACCOUNT, str(uuid.uuid4())]
    made = new_token(client, user["session_id"], business_account_ids=accounts, access="write")
    answer = exchange(client, made["token"])
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 300
    assert body["user_id"] == user["user"]["user_id"] and body["urn"] == user["user"]["urn"]
    assert (body["language"], body["token_id"]) == ("fr", made["token_id"])
    assert (body["business_account_ids"], body["access"]) == (accounts, "write")
    principal = verify_token(client, body["access_token"])
    assert (principal.user_id, principal.urn) == (body["user_id"], body["urn"])
    claims = principal.claims
    assert (claims["pat"], claims["pat_accounts"], claims["pat_access"]) == (
        made["token_id"],
        accounts,
        "write",
    )
    assert "sid" not in claims  # no session stands behind it
    [item] = my_tokens(client, user["session_id"])
    assert item["last_used_at"] is not None


def test_a_revoked_token_is_refused(client: TestClient, identity_database: str) -> None:
    _, user = new_user(client)
    session = user["session_id"]
    made = new_token(client, session)
    assert exchange(client, made["token"]).status_code == 200
    revoked = client.delete(f"{PATH}/{made['token_id']}", headers=session_headers(session))
    assert revoked.status_code == 204
    refused = exchange(client, made["token"])
    assert refused.status_code == 401 and codes(refused) == INVALID
    [item] = my_tokens(client, session)
    assert item["revoked_at"] is not None
    actions = query(
        identity_database,
        "SELECT action FROM audit_log WHERE detail->>'token_id' = $1 ORDER BY id",
        made["token_id"],
    )
    assert [row["action"] for row in actions] == ["pat_created", "pat_revoked"]


def test_a_token_expires_after_its_days(client: TestClient, clock: MovableClock) -> None:
    _, user = new_user(client)
    made = new_token(client, user["session_id"], expires_in_days=1)
    clock.advance(days=1, seconds=-120)
    late = exchange(client, made["token"])
    assert late.status_code == 200, late.text
    assert late.json()["expires_in"] == 120  # the access token never outlives the token
    clock.advance(seconds=120)
    refused = exchange(client, made["token"])
    assert refused.status_code == 401 and codes(refused) == INVALID


def test_unknown_tokens_get_the_same_refusal(client: TestClient) -> None:
    for token in ("", "cers_pat_" + "A" * 43, "not a token"):
        refused = exchange(client, token)
        assert refused.status_code == 401 and codes(refused) == INVALID


def test_only_the_owner_revokes_a_token(client: TestClient) -> None:
    _, owner = new_user(client)
    _, other = new_user(client)
    made = new_token(client, owner["session_id"])
    for token_id in (made["token_id"], str(uuid.uuid4())):
        refused = client.delete(f"{PATH}/{token_id}", headers=session_headers(other["session_id"]))
        assert refused.status_code == 404
        assert codes(refused) == {("/token_id", "identity.pat.unknown")}
    assert my_tokens(client, other["session_id"]) == []
    assert exchange(client, made["token"]).status_code == 200


def test_at_most_twenty_tokens_are_in_use(client: TestClient) -> None:
    _, user = new_user(client)
    session = user["session_id"]
    made = [new_token(client, session, name=f"Token {n}") for n in range(20)]
    refused = client.post(
        PATH,
        json={"name": "One more", "business_account_ids": [ACCOUNT], "access": "read"},
        headers=session_headers(session),
    )
    assert refused.status_code == 409
    assert codes(refused) == {("", "identity.pat.too_many")}
    assert len(my_tokens(client, session)) == 20
    client.delete(f"{PATH}/{made[0]['token_id']}", headers=session_headers(session))
    new_token(client, session, name="Instead of token 0")


def test_a_disabled_user_s_tokens_are_refused(
    client: TestClient, admin_command: AdminCommand
) -> None:
    _, user = new_user(client)
    made = new_token(client, user["session_id"])
    status, _ = admin_command(["disable-user", user["user"]["urn"], "--reason", "Left the firm"])
    assert status == 0
    refused = exchange(client, made["token"])
    assert refused.status_code == 401 and codes(refused) == INVALID


def test_tokens_are_managed_only_on_an_active_session(client: TestClient) -> None:
    for method in ("GET", "POST"):
        refused = client.request(method, PATH, json={})
        assert refused.status_code == 401
        assert codes(refused) == {("", "identity.session.required")}
    username = unique_username()
    sign_up(client, "gckey", username)
    before_terms = session_headers(sign_in(client, "gckey", username)["session_id"])
    refused = client.get(PATH, headers=before_terms)
    assert refused.status_code == 403
    assert codes(refused) == {("", "identity.session.needs_terms")}


BAD_BODIES: list[tuple[dict[str, Any], set[tuple[str, str]]]] = [
    (
        {},
        {
            ("/name", "identity.pat_name.required"),
            ("/business_account_ids", "identity.pat_accounts.required"),
            ("/access", "identity.pat_access.invalid"),
        },
    ),
    ({"name": "x" * 101}, {("/name", "identity.pat_name.too_long")}),
    ({"name": "Bell\u0007"}, {("/name", "identity.pat_name.invalid_characters")}),
    ({"name": "Nul\x00"}, {("/name", "field.string_nul")}),
    (
        {"business_account_ids": [str(n) for n in range(51)]},
        {("/business_account_ids", "identity.pat_accounts.too_many")},
    ),
    (
        {"business_account_ids": [ACCOUNT, "", "with space", "x" * 65]},
        {
            ("/business_account_ids/1", "identity.pat_accounts.invalid"),
            ("/business_account_ids/2", "identity.pat_accounts.invalid"),
            ("/business_account_ids/3", "identity.pat_accounts.invalid"),
        },
    ),
    ({"business_account_ids": ACCOUNT}, {("/business_account_ids", "field.list_type")}),
    ({"access": "admin"}, {("/access", "identity.pat_access.invalid")}),
    ({"expires_in_days": 0}, {("/expires_in_days", "identity.pat_expiry.out_of_range")}),
    ({"expires_in_days": 366}, {("/expires_in_days", "identity.pat_expiry.out_of_range")}),
    ({"expires_in_days": "90"}, {("/expires_in_days", "field.int_type")}),
    ({"owner": "me"}, {("/owner", "field.extra_forbidden")}),
]


@pytest.mark.parametrize(("changes", "expected"), BAD_BODIES)
def test_a_bad_request_is_refused_and_nothing_is_stored(
    client: TestClient,
    identity_database: str,
    changes: dict[str, Any],
    expected: set[tuple[str, str]],
) -> None:
    _, user = new_user(client)
    good = {"name": "Filing software", "business_account_ids": [ACCOUNT], "access": "read"}
    body = changes if changes == {} else good | changes
    refused = client.post(PATH, json=body, headers=session_headers(user["session_id"]))
    assert refused.status_code == 422, refused.text
    assert codes(refused) == expected
    user_id = user["user"]["user_id"]
    assert count_rows(identity_database, "personal_access_tokens", f"user_id = '{user_id}'") == 0


def test_the_migration_downgrades_and_upgrades_again(postgres: PostgresRuntime) -> None:
    name = f"t_identity_{uuid.uuid4().hex[:10]}"
    url = asyncio.run(postgres.create_database(name))
    try:
        upgrade("identity", url)
        command.downgrade(alembic_config("identity", url), "0002")
        assert count_rows(url, "pg_tables", "tablename = 'personal_access_tokens'") == 0
        upgrade("identity", url)
        assert count_rows(url, "pg_tables", "tablename = 'personal_access_tokens'") == 1
    finally:
        asyncio.run(postgres.drop_database(name))


def test_the_new_codes_are_in_the_message_catalog(client: TestClient) -> None:
    messages = client.get("/v1/messages").json()["messages"]
    for code in ("identity.pat.invalid", "identity.pat.unknown", "identity.pat.too_many"):
        assert messages[code]["en"] and messages[code]["fr"]
