"""Terms and Conditions of Use: versioned; the current one must be accepted to use CERS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cers_identity.domain.errors import InvalidInputError, problem


@dataclass(frozen=True)
class Terms:
    """One published version of the terms, in both official languages."""

    version: int
    text_en: str
    text_fr: str
    published_at: datetime


def check_acceptance(version: int, current: Terms, pointer: str = "/version") -> None:
    """Refuse the acceptance of any version but the current one (the page may be stale)."""
    if version != current.version:
        raise InvalidInputError(
            problem(pointer, "identity.terms.not_current", version=version, current=current.version)
        )
