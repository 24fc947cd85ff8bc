"""Activation codes are stored as argon2id hashes.

Why argon2id rather than an HMAC with a server secret: a code has ~79 bits of entropy and lives
90 days, so even a fast hash would resist a stolen table; argon2id adds a memory-hard cost per
guess on top without a secret to provision, rotate and lose. The cost is OWASP's argon2id
floor (19 MiB, 2 passes, 1 lane: ~50 ms on one core) rather than argon2-cffi's default (64 MiB,
3 passes, 4 lanes): the code's entropy, not the hash's cost, is what resists guessing, and an
attempt verifies every code of its BN while it holds the BN's lock, so each check must be cheap
in time and memory. A hash records its own parameters, so older hashes still verify.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


def code_password_hasher() -> PasswordHasher:
    """argon2id at OWASP's floor: 2 passes over 19 MiB, one lane."""
    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


class Argon2CodeHasher:
    """``CodeHasher`` with argon2id (``code_password_hasher`` unless a hasher is given)."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or code_password_hasher()

    def hash(self, code: str) -> str:
        """The salted argon2id hash of ``code``."""
        return self._hasher.hash(code)

    def verify(self, code_hash: str, code: str) -> bool:
        """True when ``code`` is the one hashed."""
        try:
            return self._hasher.verify(code_hash, code)
        except (VerificationError, InvalidHashError):
            return False
