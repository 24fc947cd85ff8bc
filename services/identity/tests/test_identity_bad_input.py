"""Malformed, oversized or unstorable input is refused with a 4xx that names the field and the
rule (never a 500), and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from services.identity.tests.identity_harness import (
    PASSWORD,
    RECOVERY,
    codes,
    count_rows,
    new_user,
    session_headers,
)

pytestmark = pytest.mark.integration
LONG_NAME = "a" * 300  # longer than any username, and than the columns a failed attempt fills


def rows_written(url: str) -> list[int]:
    """How many rows the tables a request could write to hold (the audit rows of requests:
    the key-rotation worker audits too, whenever it likes)."""
    return [
        count_rows(url, "credentials"),
        count_rows(url, "sign_in_failures"),
        count_rows(url, "audit_log", where="action <> 'keys_rotated'"),
    ]


def sign_up_form(**changes: Any) -> dict[str, Any]:
    form = {
        "username": "abcdefgh_01",
        "password": PASSWORD,
        "password_confirmation": PASSWORD,
        "recovery": RECOVERY,
    }
    return form | changes


@pytest.mark.parametrize(
    ("path", "body", "problem"),
    [
        (
            "/v1/providers/gckey/sign-in",
            {"username": LONG_NAME, "password": PASSWORD},
            ("/username", "field.string_too_long"),
        ),
        (
            "/v1/providers/gckey/sign-in",
            {"username": "abcd\x00efgh", "password": PASSWORD},
            ("/username", "field.string_nul"),
        ),
        (
            "/v1/providers/gckey/recovery-questions",
            {"username": "abcd\x00efgh"},
            ("/username", "field.string_nul"),
        ),
        (
            "/v1/providers/gckey/password-reset",
            {"username": LONG_NAME, "answers": ["a", "b", "c"]},
            ("/username", "field.string_too_long"),
        ),
        (
            "/v1/providers/gckey/sign-up",
            sign_up_form(recovery=[RECOVERY[0] | {"question": "Pet\x00?"}, *RECOVERY[1:]]),
            ("/recovery/0/question", "field.string_nul"),
        ),
        (
            "/v1/providers/gckey/sign-up",
            sign_up_form(recovery=[*RECOVERY[:2], RECOVERY[2] | {"question": "Bell\x07?"}]),
            ("/recovery/2/question", "identity.recovery.question_invalid_characters"),
        ),
        (
            "/v1/providers/gckey/sign-up",
            sign_up_form(username=["abcdefgh"]),
            ("/username", "field.string_type"),
        ),
        ("/v1/email-confirmations", {"token": 12345}, ("/token", "field.string_type")),
        (
            "/v1/providers/gckey/oidc/callback",
            {"state": "st\x00te", "code": "c"},
            ("/state", "field.string_nul"),
        ),
    ],
)
def test_a_malformed_request_is_refused_naming_the_field_and_writes_nothing(
    client: TestClient,
    identity_database: str,
    path: str,
    body: dict[str, Any],
    problem: tuple[str, str],
) -> None:
    before = rows_written(identity_database)
    response = client.post(path, json=body)
    assert response.status_code == 422, response.text
    assert problem in codes(response)
    assert rows_written(identity_database) == before


def test_a_body_that_is_not_a_json_object_is_refused(client: TestClient) -> None:
    for content in (b"not json", b"[]", b"null"):
        response = client.post(
            "/v1/providers/gckey/sign-in",
            content=content,
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 422, content


def test_a_refused_profile_edit_changes_nothing(client: TestClient) -> None:
    _, user = new_user(client)
    headers = session_headers(user["session_id"])
    too_long = client.patch(
        "/v1/profile",
        json={"telephone": "613" + "-" * 30 + "555-0199", "first_name": "Marie"},
        headers=headers,
    )
    assert too_long.status_code == 422
    assert codes(too_long) == {("/telephone", "identity.telephone.too_long")}
    profile = client.get("/v1/profile", headers=headers).json()
    assert (profile["first_name"], profile["telephone"]) == ("Jeanne", "+1 613 555 0199")


def test_session_routes_refuse_malformed_parameters(client: TestClient) -> None:
    _, user = new_user(client)
    headers = session_headers(user["session_id"])
    reference = client.delete("/v1/sessions/not-a-reference", headers=headers)
    assert reference.status_code == 422
    assert codes(reference) == {("/reference", "field.uuid_parsing")}
    version = client.post(
        "/v1/session/terms-acceptance", json={"version": "latest"}, headers=headers
    )
    assert version.status_code == 422
    assert codes(version) == {("/version", "field.int_parsing")}


def test_the_gateway_finds_the_french_text_of_a_refusal(client: TestClient) -> None:
    refused = client.post(
        "/v1/providers/gckey/sign-up", json=sign_up_form(username="short", password="short")
    )
    catalog = client.get("/v1/messages").json()["messages"]
    for problem in refused.json()["errors"]:
        texts = catalog[problem["code"]]
        assert texts["en"].format(**problem["params"]) == problem["message"]
        assert texts["fr"].format(**problem["params"])
    assert catalog["identity.username.too_short"]["fr"] == (
        "Le nom d'utilisateur doit compter au moins {min} caractères."
    )
