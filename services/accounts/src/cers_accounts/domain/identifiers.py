"""Identifiers CBSA assigns: the Authorization ID (``AA9999``) and the SUM id (``SUM9999``).

Both are drawn at random (not in sequence, so that one tells nothing about the others); the
database keeps them unique and the caller draws again on a clash.
"""

from __future__ import annotations

import re
import secrets
import string
from typing import Protocol

AUTHORIZATION_ID = re.compile(r"^[A-Z][A-Y]\d{4}$")
"""``AA9999``; a second letter ``Z`` is reserved for one-time CSP ids (``AZ9999``)."""
SUM_ID = re.compile(r"^SUM\d{4}$")
SECOND_LETTERS = string.ascii_uppercase.replace("Z", "")


class Chooser(Protocol):
    """A source of random choices (``secrets.SystemRandom`` in production)."""

    def choice(self, seq: str, /) -> str: ...


SYSTEM_RANDOM: Chooser = secrets.SystemRandom()


def new_authorization_id(rng: Chooser = SYSTEM_RANDOM) -> str:
    """A random Authorization ID: a letter, a letter other than Z, four digits."""
    return (
        rng.choice(string.ascii_uppercase)
        + rng.choice(SECOND_LETTERS)
        + "".join(rng.choice(string.digits) for _ in range(4))
    )


def new_sum_id(rng: Chooser = SYSTEM_RANDOM) -> str:
    """A random Summary Reporting Program id: ``SUM`` and four digits."""
    return "SUM" + "".join(rng.choice(string.digits) for _ in range(4))
