"""Ed25519 keys and the EdDSA JWTs they sign (joserfc)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, OKPKey

ALGORITHM = "Ed25519"  # EdDSA over Ed25519, by its fully-specified name (RFC 9864)


def new_private_jwk() -> tuple[str, dict[str, Any]]:
    """A fresh Ed25519 key: its id and its private JWK."""
    kid = secrets.token_hex(8)
    key = OKPKey.generate_key("Ed25519", parameters={"kid": kid, "use": "sig", "alg": ALGORITHM})
    return kid, dict(key.as_dict(private=True))


def sign(private_jwk: dict[str, Any], claims: dict[str, Any]) -> str:
    """A compact JWT of ``claims`` signed with ``private_jwk`` (its ``kid`` in the header)."""
    key = OKPKey.import_key(private_jwk)
    header = {"alg": ALGORITHM, "kid": key.kid, "typ": "JWT"}
    return jwt.encode(header, claims, key, algorithms=[ALGORITHM])


def public_jwks(private_jwks: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The JWKS document publishing the public halves of ``private_jwks``."""
    keys: list[Any] = [OKPKey.import_key(jwk) for jwk in private_jwks]
    return dict(KeySet(keys).as_dict(private=False))
