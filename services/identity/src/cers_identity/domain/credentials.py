"""Credentials: what a person signs in with, at one provider. A credential may exist before the
user account it will lead to (signed up, terms not accepted or profile not given yet)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cers_identity.domain.errors import ConflictError, UnauthenticatedError, problem
from cers_identity.domain.providers import Provider


@dataclass
class Credential:
    """A provider's proof of a person: a local username or an OIDC subject.

    ``subject`` is the case-folded username for the local provider and the ``sub`` claim for
    OIDC. ``accepted_terms_version`` records the terms accepted before a user account exists.
    """

    id: str
    provider: Provider
    subject: str
    username: str | None
    user_id: str | None
    accepted_terms_version: int | None
    created_at: datetime
    disabled_at: datetime | None = None

    @property
    def active(self) -> bool:
        """Whether the credential still signs in."""
        return self.disabled_at is None

    def ensure_active(self, pointer: str = "") -> None:
        """UnauthenticatedError when the credential was transferred away or disabled."""
        if not self.active:
            raise UnauthenticatedError(problem(pointer, "identity.credential.disabled"))

    def disable(self, now: datetime) -> None:
        """The credential stops working at once (it keeps its link to the user, for history)."""
        self.disabled_at = now


def check_transfer(source: Credential, target: Credential, *, pointer: str = "") -> None:
    """Refuse a transfer of ``source``'s user account to ``target`` that breaks a rule.

    The source must hold a user account, the target must hold none and belong to the other
    provider, and both must still work.
    """
    source.ensure_active(pointer)
    target.ensure_active(pointer)
    if source.provider == target.provider:
        raise ConflictError(problem(pointer, "identity.transfer.same_provider"))
    if source.user_id is None:
        raise ConflictError(problem(pointer, "identity.transfer.source_has_no_user"))
    if target.user_id is not None:
        raise ConflictError(problem(pointer, "identity.transfer.target_has_user"))
