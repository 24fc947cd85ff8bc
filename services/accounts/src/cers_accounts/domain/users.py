"""Users as accounts knows them: a replica of identity's users, to add them by URN."""

from __future__ import annotations

from dataclasses import dataclass

from cers_accounts.domain.errors import InvalidInputError
from cers_contracts.identity import Language


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

    def matches(self, *, urn: str, last_name: str, email: str) -> bool:
        """All three identify this (enabled) user; names and e-mail compared without case."""
        return (
            not self.disabled
            and self.urn.casefold() == urn.strip().casefold()
            and self.last_name.strip().casefold() == last_name.strip().casefold()
            and self.email.casefold() == email.strip().casefold()
        )


def no_such_user() -> InvalidInputError:
    """One refusal whichever of URN, last name or e-mail is wrong (it reveals none of them)."""
    return InvalidInputError(
        "accounts.user.not_found_or_mismatch",
        "No user has this URN, last name and e-mail address together. Check all three.",
    )
