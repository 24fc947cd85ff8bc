"""The session cookie's sealing: AES-256-GCM (encrypted and authenticated) of the web session."""

from __future__ import annotations

import base64
import binascii
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from cers_gateway.domain.web_session import WebSession

NONCE_BYTES = 12


class CookieSealer:
    """Seals a ``WebSession`` into a cookie value and opens it again; a forged one opens to None."""

    def __init__(self, key_b64: str, *, purpose: bytes = b"cers-session") -> None:
        key = base64.b64decode(key_b64)
        if len(key) != 32:
            raise ValueError("the cookie key must be base64 of 32 bytes")
        self._aead = AESGCM(key)
        self._purpose = purpose  # bound as associated data: a value sealed for another use fails

    def seal(self, session: WebSession) -> str:
        nonce = os.urandom(NONCE_BYTES)
        plain = json.dumps(session.to_dict(), separators=(",", ":")).encode()
        sealed = nonce + self._aead.encrypt(nonce, plain, self._purpose)
        return base64.urlsafe_b64encode(sealed).decode().rstrip("=")

    def open(self, value: str) -> WebSession | None:
        """The session in ``value``, or None when it was not sealed with this key or was changed."""
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
            if base64.urlsafe_b64encode(raw).decode().rstrip("=") != value:
                return None  # not as sealed: e.g. a last character changed only in unused bits
            plain = self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], self._purpose)
            data = json.loads(plain)
        except (InvalidTag, ValueError, binascii.Error):
            return None
        return WebSession.from_dict(data) if isinstance(data, dict) else None
