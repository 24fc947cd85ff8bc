"""The public API end to end, over the real identity, accounts, notifications and documents
services: a token made in My Profile calls the API within its scope until it is revoked;
creates need an Idempotency-Key and a retry gets the first answer; the rate limit per token."""

# ruff: noqa: F811 - the test kit's fixtures are imported and then named as parameters
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from services.documents.tests.documents_rules_examples import valid_data
from services.gateway.tests.gateway_testkit import (  # noqa: F401 (its fixtures, used by name)
    Backend,
    PortalBrowser,
    cers_backend,
    new_business_number,
    officer_login,
    served_gateway,
)
from services.gateway.tests.test_gateway_journey import activate, issue_code

pytestmark = pytest.mark.integration
_TOKEN = re.compile(r'id="personal-access-token">(cers_pat_[A-Za-z0-9_-]+)<')


@pytest.fixture(scope="module")
def api_gateway(cers_backend: Backend) -> Iterator[str]:
    with served_gateway(cers_backend) as url:
        yield url


@dataclass
class Exporter:
    """An exporter account's owner in the portal, and the account."""

    owner: PortalBrowser
    account_id: str
    business_number: str


def new_exporter(gateway: str, officer_login: dict[str, Any]) -> Exporter:
    owner = PortalBrowser(gateway)
    user = owner.new_user("Avery", "Tremblay")
    officer = PortalBrowser(gateway)
    officer.sign_in(officer_login["username"], officer_login["password"])
    if officer.h1 == "Terms and Conditions":
        officer.accept_terms()
    bn = new_business_number()
    code = issue_code(officer, bn, user["email"])
    return Exporter(owner, activate(owner, bn, code, "Harbour Freight Exports Ltd."), bn)


@pytest.fixture(scope="module")
def exporter(api_gateway: str, officer_login: dict[str, Any]) -> Exporter:
    return new_exporter(api_gateway, officer_login)


def make_token(owner: PortalBrowser, account_ids: list[str], access: str) -> str:
    """A personal access token made on My Profile → Personal access tokens."""
    owner.get("/profile")
    assert "/profile/tokens" in owner.page
    owner.get("/profile/tokens")
    assert owner.h1 == "Personal access tokens"
    fields = {
        "name": f"Filing software {access}",
        "business_account_ids": account_ids,
        "access": access,
        "expires_in_days": "30",
    }
    owner.submit("/profile/tokens", fields)
    assert owner.h1 == "Token created", owner.text
    found = _TOKEN.search(owner.page)
    assert found, owner.text
    return found.group(1)


def api(gateway: str, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=f"{gateway}/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


def codes(answer: httpx.Response) -> list[str]:
    return [e["code"] for e in answer.json()["errors"]]


def test_a_token_from_my_profile_works_within_its_scope_until_revoked(
    api_gateway: str, exporter: Exporter
) -> None:
    token = make_token(exporter.owner, [exporter.account_id], "write")
    assert token not in exporter.owner.get("/profile/tokens").text  # shown once only
    with api(api_gateway, token) as client:
        me = client.get("/me").json()
        assert me["token"] == {
            "token_id": me["token"]["token_id"],
            "business_account_ids": [exporter.account_id],
            "access": "write",
        }
        listed = client.get("/business-accounts").json()["accounts"]
        assert [a["business_account_id"] for a in listed] == [exporter.account_id]
        account = client.get(f"/business-accounts/{exporter.account_id}").json()
        assert account["business_number"] == exporter.business_number
        changed = client.patch(
            f"/business-accounts/{exporter.account_id}",
            json={"operating_name": "Harbour Freight"},
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["operating_name"] == "Harbour Freight"
        assert client.get("/outage").json()["state"] in {"none", "active", "resumed"}
        tables = client.get("/code-tables").json()["tables"]
        assert "modes_of_transport" in str(tables.keys()) or tables

        elsewhere = client.get("/business-accounts/not-my-account/members")
        assert elsewhere.status_code == 403
        assert codes(elsewhere) == ["gateway.pat.account_out_of_scope"]
        invalid = client.patch(f"/business-accounts/{exporter.account_id}", json={"legal_name": ""})
        assert invalid.status_code == 422  # accounts' own refusal, passed through
        assert invalid.json()["errors"][0]["pointer"] == "/legal_name"

        exporter.owner.get("/profile/tokens")
        token_id = me["token"]["token_id"]
        exporter.owner.submit(f"/profile/tokens/{token_id}/revoke")
        assert "Revoked" in exporter.owner.text
        refused = client.get("/me")
        assert refused.status_code == 401
        assert codes(refused) == ["identity.pat.invalid"]


def test_a_read_token_reads_but_changes_nothing(api_gateway: str, exporter: Exporter) -> None:
    token = make_token(exporter.owner, [exporter.account_id], "read")
    with api(api_gateway, token) as client:
        assert client.get(f"/business-accounts/{exporter.account_id}/members").status_code == 200
        for refused in (
            client.patch(f"/business-accounts/{exporter.account_id}", json={"legal_name": "X"}),
            client.post(
                f"/business-accounts/{exporter.account_id}/drafts",
                json={},
                headers={"Idempotency-Key": "k"},
            ),
        ):
            assert refused.status_code == 403
            assert codes(refused) == ["gateway.pat.read_only"]


def test_a_create_needs_an_idempotency_key_and_a_retry_gets_the_first_answer(
    api_gateway: str, exporter: Exporter
) -> None:
    token = make_token(exporter.owner, [exporter.account_id], "write")
    drafts = f"/business-accounts/{exporter.account_id}/drafts"
    content = valid_data(estimated_export_at=(datetime.now(UTC) + timedelta(days=5)).isoformat())
    with api(api_gateway, token) as client:
        missing = client.post(drafts, json=content)
        assert missing.status_code == 400
        assert codes(missing) == ["gateway.idempotency_key.required"]

        # Documents' replica of the new account's members may still be a moment behind.
        deadline = time.monotonic() + 20
        while True:
            first = client.post(drafts, json=content, headers={"Idempotency-Key": "draft-1"})
            if first.status_code != 403 or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert first.status_code == 201, first.text
        again = client.post(drafts, json=content, headers={"Idempotency-Key": "draft-1"})
        assert again.status_code == 201
        assert again.json() == first.json()
        assert again.headers["Idempotent-Replayed"] == "true"
        assert client.get(drafts).json()["total"] == 1
        other = client.post(
            drafts, json=content | {"carrier_name": "Other"}, headers={"Idempotency-Key": "draft-1"}
        )
        assert other.status_code == 422
        assert codes(other) == ["gateway.idempotency_key.reused"]

        declarations = f"/business-accounts/{exporter.account_id}/declarations"
        submitted = client.post(declarations, json=content, headers={"Idempotency-Key": "sub-1"})
        assert submitted.status_code == 201, submitted.text
        resent = client.post(declarations, json=content, headers={"Idempotency-Key": "sub-1"})
        assert resent.json()["proof_of_report"] == submitted.json()["proof_of_report"]
        assert client.get(declarations).json()["total"] == 1
        declaration_id = submitted.json()["declaration_id"]
        pdf = client.get(f"{declarations}/{declaration_id}/versions/1/pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        history = client.get(f"{declarations}/{declaration_id}/history").json()["items"]
        assert [h["status"] for h in history] == ["original"]


def test_the_rate_limit_per_token(cers_backend: Backend, exporter: Exporter) -> None:
    token = make_token(exporter.owner, [exporter.account_id], "read")
    with (
        served_gateway(cers_backend, api_rate_limit_per_token=3) as gateway,
        api(gateway, token) as client,
    ):
        assert [client.get("/me").status_code for _ in range(3)] == [200, 200, 200]
        limited = client.get("/me")
        assert limited.status_code == 429
        assert codes(limited) == ["gateway.rate_limited"]
        assert int(limited.headers["Retry-After"]) >= 1


def test_members_are_added_once_per_key(
    api_gateway: str, exporter: Exporter, officer_login: dict[str, Any]
) -> None:
    newcomer = PortalBrowser(api_gateway).new_user("Robin", "Gagnon")
    token = make_token(exporter.owner, [exporter.account_id], "write")
    members = f"/business-accounts/{exporter.account_id}/members"
    body = {
        "urn": newcomer["urn"],
        "last_name": newcomer["last_name"],
        "email": newcomer["email"],
        "role": "user",
    }
    with api(api_gateway, token) as client:
        deadline = time.monotonic() + 20
        while True:  # accounts learns of the new user through identity's events
            added = client.post(members, json=body, headers={"Idempotency-Key": "member-1"})
            if added.status_code not in (404, 422) or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert added.status_code == 201, added.text
        again = client.post(members, json=body, headers={"Idempotency-Key": "member-1"})
        assert again.status_code == 201 and again.json() == added.json()
        listed = client.get(members).json()
        urns = [m["urn"] for m in listed["members"]]
        assert urns.count(newcomer["urn"]) == 1
