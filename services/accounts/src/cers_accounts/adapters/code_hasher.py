"""Activation codes are stored as argon2id hashes.

Why argon2id rather than an HMAC with a server secret: a code has ~79 bits of entropy and lives
90 days, so even a fast hash would resist a stolen table; argon2id adds a memory-hard cost per
guess on top without a secret to provision, rotate and lose. The price, tens of milliseconds
per check, is paid only by activation attempts, which the lockout limits anyway.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


class Argon2CodeHasher:
    """``CodeHasher`` with argon2id (argon2-cffi's recommended parameters by default)."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()

    def hash(self, code: str) -> str:
        """The salted argon2id hash of ``code``."""
        return self._hasher.hash(code)

    def verify(self, code_hash: str, code: str) -> bool:
        """True when ``code`` is the one hashed."""
        try:
            return self._hasher.verify(code_hash, code)
        except (VerificationError, InvalidHashError):
            return False
