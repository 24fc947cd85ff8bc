"""OIDC relying party for the credential providers (GCKey, Sign-In Partners).

The authorization-code flow with PKCE (S256): ``begin`` builds the provider's authorization URL
and the secrets identity keeps until the browser comes back; ``complete`` exchanges the code and
validates the ID token (OpenID Connect Core 1.0, 3.1.3.7). The subject claim identifies the
credential. authlib builds the protocol messages, joserfc verifies the ID token and every request
goes through one ``httpx.AsyncClient``.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast
from urllib.parse import quote_plus

import httpx
from authlib.common.security import generate_token  # type: ignore[import-untyped]
from authlib.oauth2.auth import ClientAuth  # type: ignore[import-untyped]
from authlib.oauth2.rfc6749.parameters import (  # type: ignore[import-untyped]
    prepare_grant_uri,
    prepare_token_request,
)
from authlib.oauth2.rfc7636 import create_s256_code_challenge  # type: ignore[import-untyped]
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet, KeySetSerialization

# Asymmetric signatures only: "none" and the HMAC algorithms (keyed with the client secret) are
# never accepted for an ID token obtained by a confidential client.
ID_TOKEN_ALGORITHMS = (
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "Ed25519",
    "EdDSA",
)
LEEWAY_S = 30
SUBJECT_MAX = 255  # OIDC Core 2: at most 255 ASCII characters
HTTP_TIMEOUT_S = 10.0
STATE_LENGTH = NONCE_LENGTH = 32
CODE_VERIFIER_LENGTH = 64  # RFC 7636: 43 to 128 characters


class OidcError(Exception):
    """Discovery, token exchange or ID-token validation failed (message says which)."""


@dataclass(frozen=True)
class OidcConfig:
    """One provider's registration of this client (from the environment)."""

    issuer: str
    client_id: str
    client_secret: str
    scopes: tuple[str, ...]
    redirect_uri: str

    def __post_init__(self) -> None:
        if "openid" not in self.scopes:
            raise ValueError("OIDC scopes must include 'openid'")


@dataclass(frozen=True)
class PendingAuthorization:
    """What identity keeps between sending the browser to the provider and its return."""

    state: str
    nonce: str
    code_verifier: str
    authorization_url: str


@dataclass(frozen=True)
class OidcIdentity:
    """The credential the provider vouched for: its subject and the ID token's claims."""

    subject: str
    claims: dict[str, Any]


@dataclass(frozen=True)
class _ProviderMetadata:
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    token_endpoint_auth_method: str


def _utc_now() -> datetime:
    return datetime.now(UTC)


class OidcClient:
    """An OIDC client of one provider; caches its discovery document and signing keys."""

    def __init__(
        self,
        config: OidcConfig,
        http: httpx.AsyncClient | None = None,
        *,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._config = config
        self._owns_http = http is None
        self._http = http or httpx.AsyncClient(timeout=HTTP_TIMEOUT_S)
        self._clock = clock
        self._metadata: _ProviderMetadata | None = None
        self._keys: KeySet | None = None

    async def aclose(self) -> None:
        """Close the HTTP client if this object created it (a given one belongs to the caller)."""
        if self._owns_http:
            await self._http.aclose()

    async def begin(self) -> PendingAuthorization:
        """A fresh authorization request: state, nonce, PKCE verifier and the URL to send to."""
        metadata = await self._provider_metadata()
        state = generate_token(STATE_LENGTH)
        nonce = generate_token(NONCE_LENGTH)
        code_verifier = generate_token(CODE_VERIFIER_LENGTH)
        url = prepare_grant_uri(
            metadata.authorization_endpoint,
            self._config.client_id,
            "code",
            redirect_uri=self._config.redirect_uri,
            scope=list(self._config.scopes),
            state=state,
            nonce=nonce,
            code_challenge=create_s256_code_challenge(code_verifier),
            code_challenge_method="S256",
        )
        return PendingAuthorization(
            state=state, nonce=nonce, code_verifier=code_verifier, authorization_url=str(url)
        )

    async def complete(
        self, pending: PendingAuthorization, *, code: str, state: str
    ) -> OidcIdentity:
        """The identity the provider returned for ``code``, once its ID token is proven valid."""
        if not hmac.compare_digest(state.encode(), pending.state.encode()):
            raise OidcError("OIDC state mismatch: the response is not for this sign-in")
        metadata = await self._provider_metadata()
        id_token = await self._exchange_code(metadata, code, pending.code_verifier)
        claims = await self._validated_claims(metadata, id_token, pending.nonce)
        return OidcIdentity(subject=str(claims["sub"]), claims=claims)

    async def _provider_metadata(self) -> _ProviderMetadata:
        if self._metadata is None:
            url = self._config.issuer.rstrip("/") + "/.well-known/openid-configuration"
            document = await self._get_json(url, "discovery")
            self._metadata = self._read_metadata(document)
        return self._metadata

    def _read_metadata(self, document: dict[str, Any]) -> _ProviderMetadata:
        # OIDC Discovery 4.3: the document must name exactly the issuer it was fetched for.
        if document.get("issuer") != self._config.issuer:
            raise OidcError(
                f"OIDC discovery failed: issuer {document.get('issuer')!r} "
                f"is not the configured {self._config.issuer!r}"
            )
        endpoints = ("authorization_endpoint", "token_endpoint", "jwks_uri")
        missing = [name for name in endpoints if not isinstance(document.get(name), str)]
        if missing:
            raise OidcError(f"OIDC discovery failed: no {', '.join(missing)}")
        # client_secret_basic is the default when the provider lists no methods.
        methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
        if "client_secret_basic" in methods:
            auth_method = "client_secret_basic"
        elif "client_secret_post" in methods:
            auth_method = "client_secret_post"
        else:
            raise OidcError(f"OIDC discovery failed: no client secret method among {methods}")
        return _ProviderMetadata(
            authorization_endpoint=document["authorization_endpoint"],
            token_endpoint=document["token_endpoint"],
            jwks_uri=document["jwks_uri"],
            token_endpoint_auth_method=auth_method,
        )

    async def _exchange_code(self, metadata: _ProviderMetadata, code: str, verifier: str) -> str:
        body = prepare_token_request(
            "authorization_code",
            code=code,
            redirect_uri=self._config.redirect_uri,
            code_verifier=verifier,
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        }
        auth = _client_auth(self._config, metadata.token_endpoint_auth_method)
        url, headers, body = auth.prepare("POST", metadata.token_endpoint, headers, body)
        try:
            response = await self._http.post(url, content=body, headers=headers)
        except httpx.HTTPError as error:
            raise OidcError(f"OIDC token exchange failed: {error!r}") from error
        answer = _json_object(response) or {}
        if response.status_code != httpx.codes.OK:
            reason = answer.get("error_description") or answer.get("error") or "no reason given"
            raise OidcError(f"OIDC token exchange failed: HTTP {response.status_code} ({reason})")
        id_token = answer.get("id_token")
        if not isinstance(id_token, str):
            raise OidcError("OIDC token exchange failed: the response carries no id_token")
        return id_token

    async def _validated_claims(
        self, metadata: _ProviderMetadata, id_token: str, nonce: str
    ) -> dict[str, Any]:
        try:
            try:
                keys = await self._signing_keys(metadata)
                decoded = jwt.decode(id_token, keys, algorithms=ID_TOKEN_ALGORITHMS)
            except InvalidKeyIdError:
                # The provider may have rotated its keys since they were cached: refetch once.
                keys = await self._signing_keys(metadata, refresh=True)
                decoded = jwt.decode(id_token, keys, algorithms=ID_TOKEN_ALGORITHMS)
            self._claims_registry(nonce).validate(decoded.claims)
        except (JoseError, ValueError) as error:
            raise OidcError(f"OIDC ID token rejected: {error}") from error
        claims = dict(decoded.claims)
        self._check_authorized_party(claims)
        _check_subject(claims["sub"])
        return claims

    def _claims_registry(self, nonce: str) -> jwt.JWTClaimsRegistry:
        return jwt.JWTClaimsRegistry(
            now=lambda: int(self._clock().timestamp()),
            leeway=LEEWAY_S,
            iss={"essential": True, "value": self._config.issuer},
            aud={"essential": True, "value": self._config.client_id},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        )

    def _check_authorized_party(self, claims: dict[str, Any]) -> None:
        # OIDC Core 3.1.3.7 (4, 5): a token for several audiences must name us as its azp.
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        azp = claims.get("azp")
        if (len(audiences) > 1 or azp is not None) and azp != self._config.client_id:
            raise OidcError(f"OIDC ID token rejected: azp {azp!r} is not this client")

    async def _signing_keys(self, metadata: _ProviderMetadata, *, refresh: bool = False) -> KeySet:
        # Kept until a token names an unknown key id: the ID token arrives straight from the
        # token endpoint, so a rotation (new kid) is the only reason for the keys to change.
        if self._keys is None or refresh:
            document = await self._get_json(metadata.jwks_uri, "JWKS")
            try:
                self._keys = KeySet.import_key_set(cast(KeySetSerialization, document))
            except (JoseError, ValueError, KeyError, TypeError) as error:
                raise OidcError(f"OIDC JWKS unusable: {error!r}") from error
        return self._keys

    async def _get_json(self, url: str, what: str) -> dict[str, Any]:
        try:
            response = await self._http.get(url, headers={"Accept": "application/json"})
            response.raise_for_status()
        except httpx.HTTPError as error:
            raise OidcError(f"OIDC {what} failed: {url}: {error!r}") from error
        document = _json_object(response)
        if document is None:
            raise OidcError(f"OIDC {what} failed: {url} did not answer a JSON object")
        return document


def _check_subject(subject: object) -> None:
    """The subject names the credential (and is stored): printable ASCII of bounded length."""
    if not (
        isinstance(subject, str)
        and 0 < len(subject) <= SUBJECT_MAX
        and subject.isascii()
        and subject.isprintable()
    ):
        raise OidcError(
            f"OIDC ID token rejected: sub is not 1 to {SUBJECT_MAX} printable ASCII characters"
        )


def _client_auth(config: OidcConfig, method: str) -> Any:
    """authlib's client authentication for the token endpoint, in ``method``."""
    if method == "client_secret_basic":
        # RFC 6749, 2.3.1: id and secret are form-urlencoded before the Basic encoding.
        return ClientAuth(quote_plus(config.client_id), quote_plus(config.client_secret), method)
    return ClientAuth(config.client_id, config.client_secret, method)


def _json_object(response: httpx.Response) -> dict[str, Any] | None:
    try:
        document = response.json()
    except ValueError:
        return None
    return document if isinstance(document, dict) else None
