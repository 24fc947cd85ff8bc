"""Verification of the short-lived EdDSA tokens identity issues, against its published JWKS."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any

import httpx
from fastapi import Header, Request
from joserfc import jws, jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from cers_chassis.errors import ApiError, FieldProblem

# EdDSA over Ed25519 only: "Ed25519" is its fully-specified name (RFC 9864), "EdDSA" the older one.
ALGORITHMS = ["Ed25519", "EdDSA"]
JWKS_CACHE_S = 300.0
UNKNOWN_KID_REFETCH_S = 5.0


class TokenError(Exception):
    """The token is missing, malformed, unsigned by a known key, expired or not for us."""


class KeysUnavailableError(Exception):
    """The JWKS could not be fetched: no token can be judged now (a 503, not a 401)."""


@dataclass(frozen=True)
class Principal:
    """Who a verified token names."""

    user_id: str
    urn: str | None
    officer: bool
    claims: dict[str, Any]


class JwksTokenVerifier:
    """Verifies tokens with keys fetched from a JWKS URL, cached, refetched on an unknown key id.

    Refetching on an unknown ``kid`` lets identity rotate keys without breaking tokens in flight:
    the old key stays published until its last token has expired.
    """

    def __init__(
        self,
        jwks_url: str,
        *,
        issuer: str,
        audience: str,
        client: httpx.AsyncClient | None = None,
        cache_s: float = JWKS_CACHE_S,
        leeway_s: int = 5,
    ) -> None:
        self._jwks_url = jwks_url
        self._client = client or httpx.AsyncClient(timeout=5.0)
        self._cache_s = cache_s
        self._keys: KeySet | None = None
        self._fetched_at = 0.0
        self._unknown_kid_fetched_at = -UNKNOWN_KID_REFETCH_S
        self._lock = asyncio.Lock()
        self._claims = jwt.JWTClaimsRegistry(
            leeway=leeway_s,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": audience},
            sub={"essential": True},
            exp={"essential": True},
        )

    async def aclose(self) -> None:
        """Close the HTTP client used to fetch the keys."""
        await self._client.aclose()

    async def verify(self, token: str) -> Principal:
        """The principal the token names; TokenError when it must not be trusted."""
        try:
            kid = jws.extract_compact(token.encode("ascii")).headers().get("kid")
        except (JoseError, ValueError, UnicodeError) as error:
            raise TokenError(f"malformed token: {error}") from error
        keys = await self._key_set(refresh_for_kid=kid)
        try:
            decoded = jwt.decode(token, keys, algorithms=ALGORITHMS)
            self._claims.validate(decoded.claims)
        except (JoseError, ValueError) as error:
            raise TokenError(f"token rejected: {error}") from error
        claims = dict(decoded.claims)
        return Principal(
            user_id=str(claims["sub"]),
            urn=claims.get("urn"),
            officer=bool(claims.get("officer", False)),
            claims=claims,
        )

    async def _key_set(self, *, refresh_for_kid: str | None) -> KeySet:
        if self._usable(refresh_for_kid):  # the common case takes no lock
            assert self._keys is not None
            return self._keys
        async with self._lock:
            if not self._usable(refresh_for_kid) and not self._refetched_lately():
                try:
                    response = await self._client.get(self._jwks_url)
                    response.raise_for_status()
                    self._keys = KeySet.import_key_set(response.json())
                except (httpx.HTTPError, ValueError, JoseError) as error:
                    raise KeysUnavailableError(f"JWKS at {self._jwks_url}: {error}") from error
                self._fetched_at = time.monotonic()
                if refresh_for_kid is not None and not self._knows(self._keys, refresh_for_kid):
                    self._unknown_kid_fetched_at = self._fetched_at
            assert self._keys is not None
            return self._keys

    def _usable(self, kid: str | None) -> bool:
        """The cached keys are fresh and know ``kid``."""
        fresh = time.monotonic() - self._fetched_at <= self._cache_s
        return self._keys is not None and fresh and self._knows(self._keys, kid)

    def _refetched_lately(self) -> bool:
        """A fetch for an unknown key id came back without it moments ago: do not ask again.

        Tokens with made-up key ids would otherwise make every request fetch identity's JWKS.
        The price: a key identity publishes within ``UNKNOWN_KID_REFETCH_S`` of such a fetch is
        not seen until that pause is over (its tokens get 401 meanwhile).
        """
        return (
            self._keys is not None
            and time.monotonic() - self._fetched_at <= self._cache_s
            and time.monotonic() - self._unknown_kid_fetched_at < UNKNOWN_KID_REFETCH_S
        )

    @staticmethod
    def _knows(keys: KeySet, kid: str | None) -> bool:
        if kid is None:
            return True
        try:
            keys.get_by_kid(kid)
        except InvalidKeyIdError:
            return False
        return True


def bearer_principal(verifier: JwksTokenVerifier) -> Callable[..., Awaitable[Principal]]:
    """A FastAPI dependency: the principal of the request's ``Authorization: Bearer`` token.

    Missing or bad tokens answer 401 (with ``WWW-Authenticate: Bearer``); unreachable keys 503.
    """

    async def principal(authorization: Annotated[str | None, Header()] = None) -> Principal:
        return await authenticate(verifier, authorization)

    return principal


async def request_principal(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Principal:
    """A FastAPI dependency: the bearer token's principal, checked by the service's verifier.

    The verifier is the running service's (``request.app.state.runtime``); answers as
    ``bearer_principal`` does.
    """
    return await authenticate(request.app.state.runtime.verifier, authorization)


async def authenticate(verifier: JwksTokenVerifier, authorization: str | None) -> Principal:
    """The principal of an ``Authorization`` header value; ApiError 401/503 when there is none."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ApiError(
            401,
            [FieldProblem("", "auth.token_missing", "A bearer token is required.")],
            headers={"WWW-Authenticate": "Bearer"},
        )
    try:
        return await verifier.verify(token.strip())
    except TokenError as error:
        raise ApiError(
            401,
            [FieldProblem("", "auth.token_invalid", str(error))],
            headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
        ) from error
    except KeysUnavailableError as error:
        raise ApiError(
            503, [FieldProblem("", "auth.keys_unavailable", "Try again shortly.")]
        ) from error
