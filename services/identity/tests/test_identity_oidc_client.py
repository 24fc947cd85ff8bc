"""The OIDC client of the credential providers, against a real provider served on loopback."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import aclosing
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from cers_identity.adapters.oidc import (
    LEEWAY_S,
    OidcClient,
    OidcConfig,
    OidcError,
    OidcIdentity,
    PendingAuthorization,
)
from services.identity.tests.oidc_provider import (
    ID_TOKEN_LIFETIME_S,
    OidcProvider,
    running_oidc_provider,
)

CLIENT_ID = "cers-portal"
# Characters that RFC 6749's form-urlencoding of client_secret_basic changes.
CLIENT_SECRET = "s3cret:with+special/chars"
REDIRECT_URI = "https://cers.test/v1/sign-in/gckey/callback"
SUBJECT = "subject-123"


def config_for(provider: OidcProvider, **overrides: Any) -> OidcConfig:
    config = OidcConfig(
        issuer=provider.issuer,
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        scopes=("openid", "email"),
        redirect_uri=REDIRECT_URI,
    )
    return dataclasses.replace(config, **overrides)


@pytest.fixture(scope="module")
def running_provider() -> Iterator[OidcProvider]:
    """One provider server for the module (starting one costs a key and a server)."""
    with running_oidc_provider(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, redirect_uri=REDIRECT_URI
    ) as running:
        yield running


@pytest.fixture
def provider(running_provider: OidcProvider) -> OidcProvider:
    """The module's provider as new, with the exporter signed in there."""
    running_provider.reset()
    running_provider.sign_in_as(SUBJECT, email="exporter@example.com")
    return running_provider


@pytest.fixture
async def client(provider: OidcProvider) -> AsyncIterator[OidcClient]:
    oidc = OidcClient(config_for(provider))
    yield oidc
    await oidc.aclose()


async def authorize(client: OidcClient, provider: OidcProvider) -> tuple[PendingAuthorization, str]:
    """Begin a sign-in and let the browser come back: the pending request and the code."""
    pending = await client.begin()
    code, state = await provider.follow(pending.authorization_url)
    assert state == pending.state
    return pending, code


async def sign_in(client: OidcClient, provider: OidcProvider) -> OidcIdentity:
    """A whole sign-in: the identity the client returns."""
    pending, code = await authorize(client, provider)
    return await client.complete(pending, code=code, state=pending.state)


async def test_a_sign_in_yields_the_subject_and_claims_of_the_id_token(
    client: OidcClient, provider: OidcProvider
) -> None:
    pending, code = await authorize(client, provider)
    identity = await client.complete(pending, code=code, state=pending.state)
    assert identity.subject == SUBJECT
    assert identity.claims["email"] == "exporter@example.com"
    assert (identity.claims["iss"], identity.claims["aud"]) == (provider.issuer, CLIENT_ID)


async def test_the_authorization_url_asks_for_a_code_with_an_s256_challenge(
    client: OidcClient, provider: OidcProvider
) -> None:
    pending = await client.begin()
    url = urlsplit(pending.authorization_url)
    query = {name: values[0] for name, values in parse_qs(url.query).items()}
    digest = hashlib.sha256(pending.code_verifier.encode("ascii")).digest()
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{provider.issuer}/authorize"
    assert query == {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid email",
        "state": pending.state,
        "nonce": pending.nonce,
        "code_challenge": base64.urlsafe_b64encode(digest).rstrip(b"=").decode(),
        "code_challenge_method": "S256",
    }
    assert 43 <= len(pending.code_verifier) <= 128


async def test_each_sign_in_has_its_own_state_nonce_and_verifier(client: OidcClient) -> None:
    first, second = await client.begin(), await client.begin()
    assert first.state != second.state
    assert first.nonce != second.nonce
    assert first.code_verifier != second.code_verifier


async def test_a_response_for_another_state_is_refused_before_the_code_is_spent(
    client: OidcClient, provider: OidcProvider
) -> None:
    pending, code = await authorize(client, provider)
    with pytest.raises(OidcError, match="state mismatch"):
        await client.complete(pending, code=code, state="forged-state")
    assert (await client.complete(pending, code=code, state=pending.state)).subject == SUBJECT


async def test_a_code_is_exchanged_only_once(client: OidcClient, provider: OidcProvider) -> None:
    pending, code = await authorize(client, provider)
    await client.complete(pending, code=code, state=pending.state)
    with pytest.raises(OidcError, match=r"token exchange failed: HTTP 400.*used"):
        await client.complete(pending, code=code, state=pending.state)


async def test_a_wrong_code_verifier_is_refused_by_the_provider(
    client: OidcClient, provider: OidcProvider
) -> None:
    pending, code = await authorize(client, provider)
    forged = dataclasses.replace(pending, code_verifier="x" * 64)
    with pytest.raises(OidcError, match="code_verifier does not match"):
        await client.complete(forged, code=code, state=pending.state)


async def test_a_wrong_client_secret_is_refused_by_the_provider(provider: OidcProvider) -> None:
    async with aclosing(OidcClient(config_for(provider, client_secret="wrong"))) as client:
        pending, code = await authorize(client, provider)
        with pytest.raises(OidcError, match=re.escape("HTTP 401 (invalid_client)")):
            await client.complete(pending, code=code, state=pending.state)


async def test_the_client_posts_its_secret_when_the_provider_accepts_only_that() -> None:
    with running_oidc_provider(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_uri=REDIRECT_URI,
        token_endpoint_auth_methods=("client_secret_post",),
    ) as provider:
        provider.sign_in_as(SUBJECT)
        async with aclosing(OidcClient(config_for(provider))) as client:
            assert (await sign_in(client, provider)).subject == SUBJECT


@pytest.mark.parametrize(
    ("tampering", "reason"),
    [
        ({"nonce": "another-sign-in"}, "nonce"),
        ({"nonce": None}, "Missing claim: 'nonce'"),
        ({"aud": "another-client"}, "aud"),
        ({"iss": "https://impostor.example"}, "iss"),
        ({"sub": None}, "Missing claim: 'sub'"),
        ({"sub": "s" * 256}, "sub is not 1 to 255 printable ASCII"),
        ({"sub": "caf\u00e9"}, "sub is not 1 to 255 printable ASCII"),
        ({"sub": "line\nbreak"}, "sub is not 1 to 255 printable ASCII"),
        ({"aud": [CLIENT_ID, "another-client"]}, "azp"),
        ({"aud": [CLIENT_ID, "another-client"], "azp": "another-client"}, "azp"),
        ({"iat": int(datetime.now(UTC).timestamp()) + 3600}, "issued in the future"),
    ],
)
async def test_an_id_token_not_for_this_sign_in_is_refused(
    client: OidcClient, provider: OidcProvider, tampering: dict[str, Any], reason: str
) -> None:
    pending, code = await authorize(client, provider)
    provider.tamper_next_id_token(**tampering)
    with pytest.raises(OidcError, match=f"ID token rejected: .*{reason}"):
        await client.complete(pending, code=code, state=pending.state)


async def test_a_token_for_several_audiences_naming_this_client_as_azp_is_accepted(
    client: OidcClient, provider: OidcProvider
) -> None:
    pending, code = await authorize(client, provider)
    provider.tamper_next_id_token(aud=[CLIENT_ID, "another-client"], azp=CLIENT_ID)
    assert (await client.complete(pending, code=code, state=pending.state)).subject == SUBJECT


def client_with_clock_ahead(provider: OidcProvider, seconds: int) -> OidcClient:
    """A client whose clock runs ``seconds`` ahead of the provider's."""

    def clock() -> datetime:
        return datetime.now(UTC) + timedelta(seconds=seconds)

    return OidcClient(config_for(provider), clock=clock)


async def test_an_id_token_just_expired_is_accepted_within_the_leeway(
    provider: OidcProvider,
) -> None:
    async with aclosing(
        client_with_clock_ahead(provider, ID_TOKEN_LIFETIME_S + LEEWAY_S // 2)
    ) as client:
        assert (await sign_in(client, provider)).subject == SUBJECT


async def test_an_expired_id_token_is_refused(provider: OidcProvider) -> None:
    async with aclosing(
        client_with_clock_ahead(provider, ID_TOKEN_LIFETIME_S + LEEWAY_S * 2)
    ) as client:
        pending, code = await authorize(client, provider)
        with pytest.raises(OidcError, match="ID token rejected: expired_token"):
            await client.complete(pending, code=code, state=pending.state)


async def test_an_id_token_signed_by_an_unpublished_key_is_refused_after_one_refetch(
    client: OidcClient, provider: OidcProvider
) -> None:
    await sign_in(client, provider)  # caches the published keys
    pending, code = await authorize(client, provider)
    provider.tamper_next_id_token(unpublished_key=True)
    with pytest.raises(OidcError, match="ID token rejected: invalid_key_id"):
        await client.complete(pending, code=code, state=pending.state)
    assert provider.jwks_fetches == 2


async def test_keys_rotated_by_the_provider_are_fetched_again(
    client: OidcClient, provider: OidcProvider
) -> None:
    await sign_in(client, provider)
    await sign_in(client, provider)
    assert provider.jwks_fetches == 1  # cached while the key id is known
    provider.rotate_key()
    assert (await sign_in(client, provider)).subject == SUBJECT
    assert provider.jwks_fetches == 2


async def test_a_discovery_document_for_another_issuer_is_refused(
    client: OidcClient, provider: OidcProvider
) -> None:
    provider.advertised_issuer = "https://impostor.example"
    with pytest.raises(
        OidcError, match=re.escape("discovery failed: issuer 'https://impostor.example'")
    ):
        await client.begin()


async def test_an_unreachable_provider_is_an_oidc_error() -> None:
    with running_oidc_provider(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, redirect_uri=REDIRECT_URI
    ) as provider:
        provider.sign_in_as(SUBJECT)
        client = OidcClient(config_for(provider))
        pending, code = await authorize(client, provider)
    async with aclosing(client):
        with pytest.raises(OidcError, match="token exchange failed: ConnectError"):
            await client.complete(pending, code=code, state=pending.state)
    async with aclosing(OidcClient(config_for(provider))) as fresh:
        with pytest.raises(OidcError, match=r"discovery failed: .*ConnectError"):
            await fresh.begin()


def test_a_configuration_without_the_openid_scope_is_refused() -> None:
    with pytest.raises(ValueError, match="openid"):
        OidcConfig(
            issuer="https://gckey.test",
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            scopes=("email",),
            redirect_uri=REDIRECT_URI,
        )
