"""Domain errors of the documents service; the entrypoints turn them into HTTP answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cers_contracts.documents import Finding


@dataclass
class NotFoundError(Exception):
    """The draft or declaration does not exist (or not in this business account)."""

    what: str
    identifier: str

    def __str__(self) -> str:
        return f"No {self.what} {self.identifier} in this business account."


@dataclass
class ConflictError(Exception):
    """The document's state forbids the change (e.g. amending a voided declaration)."""

    code: str
    message: str
    params: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


@dataclass
class InvalidRequestError(Exception):
    """A request the rules of the lifecycle refuse (not a declaration finding), with a pointer."""

    pointer: str
    code: str
    message: str
    params: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message


@dataclass
class SubmissionRejectedError(Exception):
    """The declaration has errors: nothing is reported. Carries every finding, all severities."""

    findings: Sequence[Finding]

    @property
    def errors(self) -> list[Finding]:
        """The findings that block the submission."""
        return [f for f in self.findings if f.severity == "error"]

    def __str__(self) -> str:
        return f"{len(self.errors)} error(s) block the submission"


@dataclass
class ForbiddenError(Exception):
    """The user may not do this on the business account (the role matrix says no)."""

    action: str
    business_account_id: str

    def __str__(self) -> str:
        return f"You may not {self.action.replace('_', ' ')} on this business account."
