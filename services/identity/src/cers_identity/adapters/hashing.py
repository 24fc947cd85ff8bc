"""Hashing of secrets: argon2id for what people choose (passwords, recovery answers), SHA-256 for
the long random secrets identity makes (session ids, confirmation links), which no one guesses.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


@dataclass(frozen=True)
class Argon2Cost:
    """argon2id parameters (the defaults are RFC 9106's low-memory profile, argon2-cffi's)."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4


class SecretHasher:
    """argon2id hashing run off the event loop (each hash takes tens of milliseconds on purpose)."""

    def __init__(self, cost: Argon2Cost = Argon2Cost()) -> None:
        self._hasher = PasswordHasher(
            time_cost=cost.time_cost, memory_cost=cost.memory_kib, parallelism=cost.parallelism
        )
        self._decoy = self._hasher.hash(secrets.token_urlsafe(16))

    async def hash(self, secret: str) -> str:
        """The argon2id hash of ``secret``."""
        return await asyncio.to_thread(self._hasher.hash, secret)

    async def verify(self, hashed: str | None, secret: str) -> bool:
        """Whether ``secret`` matches ``hashed``; with no hash, spends the same time and fails.

        The decoy keeps "no such username" as slow as "wrong password", so timing reveals nothing.
        """
        return await asyncio.to_thread(self._verify, hashed, secret)

    def _verify(self, hashed: str | None, secret: str) -> bool:
        try:
            return self._hasher.verify(hashed or self._decoy, secret) and hashed is not None
        except (VerificationError, InvalidHashError):
            return False


def new_secret() -> str:
    """A fresh random secret for a session or a link (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """The SHA-256 (hex) under which a random secret is stored and looked up."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
