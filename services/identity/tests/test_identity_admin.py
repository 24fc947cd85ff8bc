"""The admin command: CBSA officers (never by sign-up) and disabling a user."""

from __future__ import annotations

import io
import json
from pathlib import Path
from unittest.mock import patch

import pytest
from fastapi.testclient import TestClient

from services.identity.tests.identity_harness import (
    PASSWORD,
    PROFILE,
    AdminCommand,
    accept_terms,
    codes,
    event_types,
    has_types,
    new_user,
    session_headers,
    sign_in,
    unique_username,
    user_events,
    verify_token,
)
from tests.fixtures.runtime import KafkaRuntime

pytestmark = pytest.mark.integration


def test_an_officer_is_created_by_the_admin_command_and_signs_in_as_one(
    client: TestClient, admin_command: AdminCommand, kafka: KafkaRuntime, tmp_path: Path
) -> None:
    username = unique_username("cbsa")
    secret = tmp_path / "password"
    secret.write_text(PASSWORD + "\n")
    argv = ["create-officer", "--username", username, "--password-from", str(secret)]
    argv += ["--first-name", "Omar", "--last-name", "Officer", "--email", "omar@cbsa.example"]
    argv += ["--telephone", "613-555-0123"]
    status, created = admin_command(argv)
    assert status == 0, created
    assert created["officer"] is True

    session = sign_in(client, "gckey", username)
    headers = session_headers(session["session_id"])
    active = accept_terms(client, session["session_id"])
    assert active["state"] == "active"
    assert active["user"]["officer"] is True
    token = client.post("/v1/session/token", headers=headers).json()["access_token"]
    principal = verify_token(client, token)
    assert (principal.urn, principal.officer) == (created["urn"], True)

    records = user_events(kafka.bootstrap, str(created["user_id"]), has_types("registered"))
    assert json.loads(records[0].value)["user"]["officer"] is True

    status, refused = admin_command(argv)
    assert status == 2
    assert refused["errors"][0]["code"] == "identity.username.taken"


def test_an_officer_has_no_recovery_questions(
    client: TestClient, admin_command: AdminCommand
) -> None:
    username = unique_username("cbsa")
    argv = ["create-officer", "--username", username, "--password-from", "-"]
    argv += ["--first-name", "Ada", "--last-name", "Officer", "--email", "ada@cbsa.example"]
    argv += ["--telephone", "613-555-0124"]
    with patch("sys.stdin", io.StringIO(PASSWORD + "\n")):
        status, created = admin_command(argv)
    assert status == 0, created
    assert sign_in(client, "gckey", username)["user"]["officer"] is True  # read from stdin
    reset = client.post(
        "/v1/providers/gckey/password-reset",
        json={
            "username": username,
            "answers": ["a", "b", "c"],
            "new_password": "Maple-Syrup-Harvest-42",
            "new_password_confirmation": "Maple-Syrup-Harvest-42",
        },
    )
    assert reset.status_code == 404
    assert codes(reset) == {("/username", "identity.recovery.unavailable")}


def test_sign_up_never_makes_an_officer(client: TestClient) -> None:
    _, user = new_user(client)
    assert user["user"]["officer"] is False
    forged = client.post(
        "/v1/session/user-account",
        json=PROFILE | {"officer": True},
        headers=session_headers(user["session_id"]),
    )
    assert forged.status_code == 422


def test_a_disabled_user_is_signed_out_and_refused(
    client: TestClient, admin_command: AdminCommand, kafka: KafkaRuntime
) -> None:
    username, user = new_user(client)
    urn = user["user"]["urn"]
    typed = f"{urn[:4].lower()}-{urn[4:]}"  # URNs may be typed in lower case with hyphens
    status, disabled = admin_command(["disable-user", typed, "--reason", "left the company"])
    assert status == 0, disabled
    assert client.get("/v1/session", headers=session_headers(user["session_id"])).status_code == 401
    refused = client.post(
        "/v1/providers/gckey/sign-in", json={"username": username, "password": PASSWORD}
    )
    assert codes(refused) == {("", "identity.user.disabled")}
    records = user_events(kafka.bootstrap, user["user"]["user_id"], has_types("disabled"))
    assert event_types(records)[-1] == "disabled"
    body = json.loads(records[-1].value)
    assert (body["reason"], body["user"]["disabled"]) == ("left the company", True)


def test_a_mistyped_urn_is_refused_by_its_check_character(
    client: TestClient, admin_command: AdminCommand
) -> None:
    _, user = new_user(client)
    urn = user["user"]["urn"]
    mistyped = urn[:-1] + ("A" if urn[-1] != "A" else "B")
    status, refused = admin_command(["disable-user", mistyped, "--reason", "x"])
    assert status == 2
    assert refused["errors"][0]["code"] == "identity.urn.invalid"
