"""Users as accounts knows them: a replica of identity's users, to add them by URN.

An owner adds a user by URN, last name and e-mail together. Whichever of them is wrong (or the
user unknown or disabled), the answer is the same error, and the comparison takes the same time:
all three fields are compared, as fixed-length digests, without stopping at the first mismatch.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from cers_accounts.domain.errors import InvalidInputError
from cers_contracts.identity import Language


def normalize_urn(text: str) -> str:
    """A URN as identity stores it: upper case, without spaces or hyphens."""
    return re.sub(r"[\s-]", "", text).upper()


@dataclass(frozen=True)
class UserIdentification:
    """How an owner names the user to add: all three must match one user."""

    urn: str
    last_name: str
    email: str


@dataclass(frozen=True)
class KnownUser:
    """A user from identity's events (never a credential)."""

    user_id: str
    urn: str
    first_name: str
    last_name: str
    email: str
    language: Language
    officer: bool
    disabled: bool

    def matches(self, claimed: UserIdentification) -> bool:
        """All three identify this (enabled) user; names and e-mail compared without case."""
        same_urn = _same(normalize_urn(self.urn), normalize_urn(claimed.urn))
        same_name = _same(_fold(self.last_name), _fold(claimed.last_name))
        same_email = _same(_fold(self.email), _fold(claimed.email))
        return same_urn & same_name & same_email & (not self.disabled)


# Compared with an unknown URN, so that "no such URN" costs what a mismatch does.
_NOBODY = KnownUser("", "", "", "", "", "en", officer=False, disabled=True)


def identify(candidate: KnownUser | None, claimed: UserIdentification) -> KnownUser:
    """``candidate`` (the known user with the claimed URN, if any) when ``claimed`` matches it;
    otherwise the one refusal that reveals nothing about which field was wrong."""
    user = candidate or _NOBODY
    if not user.matches(claimed) or candidate is None:
        raise InvalidInputError(
            "accounts.user.not_found_or_mismatch",
            "No user has this URN, last name and e-mail address together. Check all three.",
        )
    return user


def _fold(text: str) -> str:
    return text.strip().casefold()


def _same(stored: str, given: str) -> bool:
    # Digests have one length whatever the inputs: the time says nothing about either.
    return hmac.compare_digest(
        hashlib.sha256(stored.encode()).digest(), hashlib.sha256(given.encode()).digest()
    )
