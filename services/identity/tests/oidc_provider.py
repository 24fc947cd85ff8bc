"""An OpenID Connect provider for tests, served over real HTTP on 127.0.0.1 (an ephemeral port).

It implements what a relying party of GCKey or a Sign-In Partner needs: discovery, ``/authorize``
(authorization code, PKCE S256 required), ``/token`` (client secret, single-use codes) and
``/jwks``; ID tokens are RS256. It runs in a background thread, so sync and async tests can use it.

    with running_oidc_provider(client_id="cers", client_secret="s3cret",
                               redirect_uri="https://cers.test/callback") as provider:
        provider.sign_in_as("subject-123", email="a@example.com")  # the user at the provider
        code, state = await provider.follow(pending.authorization_url)  # the browser round trip

Without a signed-in user, ``/authorize`` redirects with ``error=access_denied`` (the user
cancelled). Knobs to misbehave: ``tamper_next_id_token``, ``rotate_key``, ``advertised_issuer``;
``reset`` puts them back (a provider can serve several tests).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, parse_qsl, unquote_plus, urlencode, urlsplit

import httpx
import uvicorn
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

CODE_LIFETIME_S = 60
ID_TOKEN_LIFETIME_S = 300
CLIENT_SECRET_METHODS = ("client_secret_basic", "client_secret_post")


def _new_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(8), "use": "sig"})


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass
class _Grant:
    """An issued authorization code and what it was issued for."""

    subject: str
    claims: dict[str, Any]
    nonce: str | None
    redirect_uri: str
    code_challenge: str
    expires_at: float
    used: bool = False


@dataclass
class _Tampering:
    claims: dict[str, Any] = field(default_factory=dict)
    unpublished_key: bool = False


class OidcProvider:
    """The provider's state and its HTTP endpoints; test knobs are its public methods."""

    def __init__(
        self,
        *,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        token_endpoint_auth_methods: tuple[str, ...] = CLIENT_SECRET_METHODS,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uri = redirect_uri
        self.token_endpoint_auth_methods = token_endpoint_auth_methods
        self.issuer = ""  # known once the server is bound to its port
        #: the ``issuer`` the discovery document claims (a test may make it lie)
        self.advertised_issuer = ""
        #: how many times ``/jwks`` was fetched
        self.jwks_fetches = 0
        self._keys = [_new_key()]
        self._user: tuple[str, dict[str, Any]] | None = None
        self._grants: dict[str, _Grant] = {}
        self._tampering: _Tampering | None = None
        self._lock = threading.Lock()
        self.app = Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self._discovery),
                Route("/authorize", self._authorize),
                Route("/token", self._token, methods=["POST"]),
                Route("/jwks", self._jwks),
            ]
        )

    def reset(self) -> None:
        """Forget what earlier tests did: no user, codes or tampering, the first key only, the
        true issuer in discovery, no JWKS fetch counted."""
        with self._lock:
            del self._keys[1:]
            self._user = None
            self._grants.clear()
            self._tampering = None
            self.jwks_fetches = 0
            self.advertised_issuer = self.issuer

    def sign_in_as(self, subject: str, **claims: Any) -> None:
        """The user at the provider from now on; ``claims`` go into their ID tokens."""
        self._user = (subject, claims)

    def tamper_next_id_token(self, *, unpublished_key: bool = False, **claims: Any) -> None:
        """Override claims of the next ID token (``None`` removes one), or sign it with a key
        the JWKS does not publish."""
        self._tampering = _Tampering(claims=claims, unpublished_key=unpublished_key)

    def rotate_key(self) -> None:
        """Sign with a new key from now on; the JWKS publishes it next to the old one."""
        with self._lock:
            self._keys.append(_new_key())

    async def follow(self, authorization_url: str) -> tuple[str, str]:
        """Act as the browser: the ``(code, state)`` the provider redirects back with."""
        query = parse_qs(urlsplit(await self.redirect_for(authorization_url)).query)
        if "code" not in query:
            raise AssertionError(f"the provider refused the sign-in: {query}")
        return query["code"][0], query["state"][0]

    async def redirect_for(self, authorization_url: str) -> str:
        """The URL the provider sends the browser back to (with a code or an error)."""
        async with httpx.AsyncClient() as browser:
            response = await browser.get(authorization_url)
        if response.status_code != httpx.codes.FOUND:
            raise AssertionError(f"/authorize answered {response.status_code}: {response.text}")
        return response.headers["location"]

    async def _discovery(self, request: Request) -> Response:
        return JSONResponse(
            {
                "issuer": self.advertised_issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "profile", "email"],
                "token_endpoint_auth_methods_supported": list(self.token_endpoint_auth_methods),
                "code_challenge_methods_supported": ["S256"],
            }
        )

    async def _jwks(self, request: Request) -> Response:
        with self._lock:
            self.jwks_fetches += 1
            published: list[Any] = list(self._keys)
        return JSONResponse(KeySet(published).as_dict(private=False))

    async def _authorize(self, request: Request) -> Response:
        params = request.query_params
        # Never redirect to an unverified client or address (RFC 6749, 4.1.2.1): answer 400.
        if params.get("client_id") != self.client_id:
            return PlainTextResponse("unknown client_id", status_code=400)
        if params.get("redirect_uri") != self.redirect_uri:
            return PlainTextResponse("redirect_uri not registered", status_code=400)
        state = params.get("state")
        if (error := _authorization_error(params)) is not None:
            return self._redirect(error=error, state=state)
        if self._user is None:  # nobody signed in: as if the user cancelled
            return self._redirect(error="access_denied", state=state)
        code = secrets.token_urlsafe(32)
        subject, claims = self._user
        with self._lock:
            self._grants[code] = _Grant(
                subject=subject,
                claims=claims,
                nonce=params.get("nonce"),
                redirect_uri=self.redirect_uri,
                code_challenge=params["code_challenge"],
                expires_at=time.time() + CODE_LIFETIME_S,
            )
        return self._redirect(code=code, state=state)

    def _redirect(self, **params: str | None) -> Response:
        query = urlencode({name: value for name, value in params.items() if value is not None})
        separator = "&" if "?" in self.redirect_uri else "?"
        return RedirectResponse(f"{self.redirect_uri}{separator}{query}", status_code=302)

    async def _token(self, request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode()))
        if not self._client_authenticated(request, form):
            return _token_error("invalid_client", 401, {"WWW-Authenticate": "Basic"})
        if form.get("grant_type") != "authorization_code":
            return _token_error("unsupported_grant_type")
        grant = self._redeem(form.get("code", ""))
        if grant is None:
            return _token_error("invalid_grant", description="unknown, used or expired code")
        if form.get("redirect_uri") != grant.redirect_uri:
            return _token_error("invalid_grant", description="redirect_uri differs")
        if not hmac.compare_digest(_s256(form.get("code_verifier", "")), grant.code_challenge):
            return _token_error("invalid_grant", description="code_verifier does not match")
        return JSONResponse(
            {
                "access_token": secrets.token_urlsafe(32),
                "token_type": "Bearer",
                "expires_in": ID_TOKEN_LIFETIME_S,
                "id_token": self._id_token(grant),
            },
            headers={"Cache-Control": "no-store"},
        )

    def _client_authenticated(self, request: Request, form: dict[str, str]) -> bool:
        scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "basic" and "client_secret_basic" in self.token_endpoint_auth_methods:
            try:
                client_id, _, secret = base64.b64decode(encoded).decode().partition(":")
            except (ValueError, UnicodeError):
                return False
            # RFC 6749, 2.3.1: both parts are form-urlencoded before the Basic encoding.
            client_id, secret = unquote_plus(client_id), unquote_plus(secret)
        elif "client_secret" in form and "client_secret_post" in self.token_endpoint_auth_methods:
            client_id, secret = form.get("client_id", ""), form["client_secret"]
        else:
            return False
        return client_id == self.client_id and hmac.compare_digest(secret, self.client_secret)

    def _redeem(self, code: str) -> _Grant | None:
        with self._lock:
            grant = self._grants.get(code)
            if grant is None or grant.used or grant.expires_at < time.time():
                return None
            grant.used = True
            return grant

    def _id_token(self, grant: _Grant) -> str:
        tampering, self._tampering = self._tampering or _Tampering(), None
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": grant.subject,
            "iat": now,
            "exp": now + ID_TOKEN_LIFETIME_S,
            **({"nonce": grant.nonce} if grant.nonce is not None else {}),
            **grant.claims,
        }
        claims |= tampering.claims
        claims = {name: value for name, value in claims.items() if value is not None}
        key = _new_key() if tampering.unpublished_key else self._keys[-1]
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key, algorithms=["RS256"])


def _authorization_error(params: QueryParams) -> str | None:
    if params.get("response_type") != "code":
        return "unsupported_response_type"
    if "openid" not in params.get("scope", "").split():
        return "invalid_scope"
    if not params.get("code_challenge") or params.get("code_challenge_method") != "S256":
        return "invalid_request"  # PKCE with S256 is mandatory here
    return None


def _token_error(
    error: str,
    status: int = 400,
    headers: dict[str, str] | None = None,
    *,
    description: str | None = None,
) -> Response:
    body = {"error": error} | ({"error_description": description} if description else {})
    return JSONResponse(body, status_code=status, headers=headers)


@contextmanager
def running_oidc_provider(
    *,
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    token_endpoint_auth_methods: tuple[str, ...] = CLIENT_SECRET_METHODS,
) -> Iterator[OidcProvider]:
    """An ``OidcProvider`` served on 127.0.0.1 for the duration of the ``with`` block."""
    provider = OidcProvider(
        client_id=client_id,
        client_secret=client_secret,
        redirect_uri=redirect_uri,
        token_endpoint_auth_methods=token_endpoint_auth_methods,
    )
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    provider.issuer = provider.advertised_issuer = f"http://127.0.0.1:{listener.getsockname()[1]}"
    server = uvicorn.Server(
        uvicorn.Config(provider.app, log_level="warning", lifespan="off", access_log=False)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test OIDC provider did not start")
            time.sleep(0.01)
        yield provider
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
