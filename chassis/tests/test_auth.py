"""Verification of identity's EdDSA tokens against a JWKS (served by an in-test transport)."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import httpx
import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from joserfc import jwt
from joserfc.jwk import KeySet, OctKey, OKPKey

from cers_chassis.auth import (
    JwksTokenVerifier,
    KeysUnavailableError,
    Principal,
    TokenError,
    bearer_principal,
)
from cers_chassis.errors import install_error_handlers
from tests.fixtures.tokens import AUDIENCE, ISSUER, jwks_verifier


class Jwks:
    """A JWKS endpoint whose key set the test can rotate; counts fetches."""

    def __init__(self, *keys: OKPKey) -> None:
        self.keys = list(keys)
        self.fetches = 0

    def published(self) -> Mapping[str, object]:
        self.fetches += 1
        keys: list[Any] = list(self.keys)
        return KeySet(keys).as_dict(private=False)

    def verifier(self) -> JwksTokenVerifier:
        return jwks_verifier(self.published)


def new_key(kid: str) -> OKPKey:
    return OKPKey.generate_key("Ed25519", parameters={"kid": kid})


def token(key: Any, *, alg: str = "Ed25519", **overrides: Any) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-1", "urn": "U123", "iat": now}
    claims |= {"exp": now + 300} | overrides
    header = {"alg": alg, "kid": key.kid}
    return jwt.encode(header, claims, key, algorithms=[alg])


async def test_a_valid_token_names_its_user() -> None:
    key = new_key("k1")
    principal = await Jwks(key).verifier().verify(token(key, officer=True))
    assert (principal.user_id, principal.urn, principal.officer) == ("user-1", "U123", True)


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"exp": int(time.time()) - 60}, "expired"),
        ({"aud": "someone-else"}, "aud"),
        ({"iss": "an-impostor"}, "iss"),
    ],
)
async def test_tokens_not_for_us_are_refused(overrides: dict[str, Any], reason: str) -> None:
    key = new_key("k1")
    with pytest.raises(TokenError, match=reason):
        await Jwks(key).verifier().verify(token(key, **overrides))


@pytest.mark.filterwarnings("ignore:EdDSA is deprecated")
async def test_a_token_with_the_older_eddsa_algorithm_name_is_accepted() -> None:
    key = new_key("k1")
    assert (await Jwks(key).verifier().verify(token(key, alg="EdDSA"))).user_id == "user-1"


async def test_a_token_with_a_symmetric_algorithm_is_refused() -> None:
    secret = OctKey.generate_key(256, parameters={"kid": "k1"})
    with pytest.raises(TokenError):
        await Jwks(new_key("k1")).verifier().verify(token(secret, alg="HS256"))


async def test_a_token_signed_by_an_unpublished_key_is_refused() -> None:
    published, rogue = new_key("k1"), new_key("k1")
    with pytest.raises(TokenError):
        await Jwks(published).verifier().verify(token(rogue))


async def test_garbage_is_refused_as_malformed() -> None:
    with pytest.raises(TokenError, match="malformed"):
        await Jwks(new_key("k1")).verifier().verify("not.a.token")


async def test_key_rotation_keeps_tokens_in_flight_valid() -> None:
    old, new = new_key("old"), new_key("new")
    jwks = Jwks(old)
    verifier = jwks.verifier()
    in_flight = token(old)
    assert (await verifier.verify(in_flight)).user_id == "user-1"

    jwks.keys = [old, new]  # identity publishes the new key beside the old one
    assert (await verifier.verify(token(new))).user_id == "user-1"  # unknown kid: refetched
    assert (await verifier.verify(in_flight)).user_id == "user-1"
    assert jwks.fetches == 2


async def test_made_up_key_ids_do_not_make_every_request_fetch_the_keys() -> None:
    key = new_key("k1")
    jwks = Jwks(key)
    verifier = jwks.verifier()
    assert (await verifier.verify(token(key))).user_id == "user-1"
    for n in range(10):
        with pytest.raises(TokenError):
            await verifier.verify(token(new_key(f"made-up-{n}")))
    assert jwks.fetches == 2  # the first fetch, then one look for an unknown key id
    assert (await verifier.verify(token(key))).user_id == "user-1"


async def test_an_unreachable_jwks_is_not_mistaken_for_a_bad_token() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = httpx.AsyncClient(transport=httpx.MockTransport(refuse))
    verifier = JwksTokenVerifier(
        "http://identity/.well-known/jwks.json", issuer=ISSUER, audience=AUDIENCE, client=client
    )
    with pytest.raises(KeysUnavailableError, match="connection refused"):
        await verifier.verify(token(new_key("k1")))


def protected_app(verifier: JwksTokenVerifier) -> TestClient:
    app = FastAPI()
    install_error_handlers(app)
    principal = bearer_principal(verifier)

    @app.get("/me")
    async def me(who: Principal = Depends(principal)) -> dict[str, str]:  # noqa: B008
        return {"user": who.user_id}

    return TestClient(app)


def test_the_bearer_dependency_admits_a_valid_token_only() -> None:
    key = new_key("k1")
    client = protected_app(Jwks(key).verifier())
    assert client.get("/me", headers={"Authorization": f"Bearer {token(key)}"}).json() == {
        "user": "user-1"
    }
    missing = client.get("/me")
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"] == "Bearer"
    expired = client.get(
        "/me", headers={"Authorization": f"Bearer {token(key, exp=int(time.time()) - 60)}"}
    )
    assert expired.status_code == 401
    assert [e["code"] for e in expired.json()["errors"]] == ["auth.token_invalid"]


def test_the_bearer_dependency_answers_503_when_the_keys_cannot_be_fetched() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502)

    verifier = JwksTokenVerifier(
        "http://identity/jwks",
        issuer=ISSUER,
        audience=AUDIENCE,
        client=httpx.AsyncClient(transport=httpx.MockTransport(refuse)),
    )
    response = protected_app(verifier).get(
        "/me", headers={"Authorization": f"Bearer {token(new_key('k1'))}"}
    )
    assert response.status_code == 503
