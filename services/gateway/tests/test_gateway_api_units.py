"""The public API's parts without I/O: a token's scope, the idempotency memory, the cache of
exchanged tokens, and the API's edge (OpenAPI document, refusals before any service call)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from cers_gateway.adapters.identity import IdentityClient
from cers_gateway.config import GatewaySettings
from cers_gateway.domain.api_scope import OUT_OF_SCOPE, READ_ONLY, TokenScope
from cers_gateway.domain.idempotency import (
    IdempotencyMemory,
    KeyInFlightError,
    KeyReusedError,
    StoredAnswer,
)
from cers_gateway.entrypoints.app import create_app
from cers_gateway.service_layer.personal_tokens import PersonalTokens

NOWHERE = "http://127.0.0.1:9"
TOKEN = "cers_pat_" + "a" * 43


def scope(access: str) -> TokenScope:
    return TokenScope("t1", "u1", "U0000000001", "en", frozenset({"acct-a"}), access)


@pytest.mark.parametrize(
    ("access", "method", "account", "expected"),
    [
        ("read", "GET", "acct-a", None),
        ("read", "GET", None, None),
        ("read", "POST", "acct-a", READ_ONLY),
        ("read", "DELETE", None, READ_ONLY),
        ("read", "GET", "acct-b", OUT_OF_SCOPE),
        ("write", "PATCH", "acct-a", None),
        ("write", "POST", "acct-b", OUT_OF_SCOPE),
        ("write", "get", "acct-b", OUT_OF_SCOPE),
    ],
)
def test_a_token_reaches_only_its_accounts_and_a_read_token_only_reads(
    access: str, method: str, account: str | None, expected: str | None
) -> None:
    assert scope(access).refusal(method, account) == expected


def test_the_idempotency_memory_replays_refuses_reuse_and_forgets() -> None:
    now = [0.0]
    memory = IdempotencyMemory(lambda: now[0], ttl_s=100)
    assert memory.begin("pat", "k1", "request-1") is None
    with pytest.raises(KeyInFlightError):
        memory.begin("pat", "k1", "request-1")
    memory.finish("pat", "k1", StoredAnswer(201, {"id": 1}))
    assert memory.begin("pat", "k1", "request-1") == StoredAnswer(201, {"id": 1})
    with pytest.raises(KeyReusedError):
        memory.begin("pat", "k1", "request-2")
    assert memory.begin("other-pat", "k1", "request-2") is None  # keys belong to one token
    now[0] = 100.0
    assert memory.begin("pat", "k1", "request-2") is None  # expired: a new request


def test_a_failed_request_releases_its_key() -> None:
    memory = IdempotencyMemory(lambda: 0.0)
    assert memory.begin("pat", "k", "r") is None
    memory.abandon("pat", "k")
    assert memory.begin("pat", "k", "r") is None


class CountingIdentity(IdentityClient):
    """Identity's exchange, answered here and counted."""

    def __init__(self, clock: list[datetime]) -> None:
        super().__init__("identity", NOWHERE, httpx.AsyncClient())
        self.clock = clock
        self.exchanges = 0

    async def exchange_personal_token(self, token: str) -> dict[str, Any]:
        self.exchanges += 1
        return {
            "access_token": f"jwt-{self.exchanges}",
            "expires_at": (self.clock[0] + timedelta(seconds=300)).isoformat(),
            "user_id": "u1",
            "urn": "U0000000001",
            "language": "fr",
            "token_id": "t1",
            "business_account_ids": ["acct-a"],
            "access": "write",
        }


async def test_an_exchange_is_kept_until_the_cache_bound_and_forgotten_on_revocation() -> None:
    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    identity = CountingIdentity(now)
    tokens = PersonalTokens(identity, lambda: now[0], margin_s=30, max_cache_s=60)
    first = await tokens.holder(TOKEN)
    assert (await tokens.holder(TOKEN)).caller.token == "jwt-1"
    assert identity.exchanges == 1
    assert first.scope.language == "fr" and first.key != TOKEN  # keyed by hash, not the token
    now[0] += timedelta(seconds=61)
    assert (await tokens.holder(TOKEN)).caller.token == "jwt-2"
    tokens.forget("t1")
    assert (await tokens.holder(TOKEN)).caller.token == "jwt-3"


@pytest.fixture(scope="module")
def api() -> TestClient:
    urls = dict.fromkeys(("identity", "accounts", "notifications", "documents"), NOWHERE)
    return TestClient(create_app(GatewaySettings(service_urls=urls, log_json=False)))


def test_the_openapi_document_requires_idempotency_keys_on_creates(api: TestClient) -> None:
    document = api.get("/api/v1/openapi.json").json()
    assert document["servers"] == [{"url": "/api/v1"}]
    assert "bearerFormat" in str(document["components"]["securitySchemes"])
    keyed = set()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "Idempotency-Key":
                    assert parameter["required"] is True
                    keyed.add(f"{method.upper()} {path}")
    assert keyed == {
        "POST /business-accounts/{account_id}/members",
        "POST /business-accounts/{account_id}/drafts",
        "POST /business-accounts/{account_id}/drafts/{draft_id}/submission",
        "POST /business-accounts/{account_id}/declarations",
        "POST /business-accounts/{account_id}/declarations/{declaration_id}/amendments",
        "POST /business-accounts/{account_id}/declarations/{declaration_id}/void-request",
    }
    for name in ("DeclarationContent", "Amendment", "NewMember", "BusinessInformationChanges"):
        assert name in document["components"]["schemas"]
    assert "delete" in document["paths"]["/business-accounts/{account_id}"]


def test_the_docs_page_lists_the_operations(api: TestClient) -> None:
    page = api.get("/api/v1/docs")
    assert page.status_code == 200
    assert "/api/v1/business-accounts/{account_id}/declarations" in page.text
    assert "script" not in page.text


@pytest.mark.parametrize(
    ("header", "code"),
    [(None, "gateway.pat.required"), ("Bearer not-a-pat", "gateway.pat.malformed")],
)
def test_a_call_without_a_personal_access_token_is_a_401(
    api: TestClient, header: str | None, code: str
) -> None:
    headers = {"Authorization": header} if header else {}
    answer = api.get("/api/v1/business-accounts", headers=headers)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert [e["code"] for e in answer.json()["errors"]] == [code]
    assert "set-cookie" not in answer.headers  # no portal session on the API


def test_identity_out_of_reach_is_a_503_not_a_500(api: TestClient) -> None:
    answer = api.get("/api/v1/me", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 503
    assert answer.json()["errors"][0]["code"] == "gateway.service_unavailable"


def test_an_api_body_over_the_limit_is_a_413_in_the_error_format() -> None:
    urls = dict.fromkeys(("identity", "accounts", "notifications", "documents"), NOWHERE)
    small = TestClient(
        create_app(GatewaySettings(service_urls=urls, max_body_bytes=2048, log_json=False))
    )
    answer = small.post(
        "/api/v1/business-accounts/a/drafts",
        content=b"{" + b" " * 4096 + b"}",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert answer.status_code == 413
    assert answer.json()["errors"][0]["code"] == "gateway.body.too_large"
