"""Why identity refuses something: each refusal names the field (a JSON pointer) and the rule.

The kind of refusal (invalid input, conflict, gone, ...) lets the entrypoints choose the HTTP
status; the codes and their texts live in ``catalog``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cers_identity.domain.catalog import english


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (JSON pointer into the request), which rule, with what params."""

    pointer: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The English text of the rule."""
        return english(self.code, self.params)


def problem(pointer: str, code: str, **params: Any) -> Problem:
    """A Problem whose code must be in the catalog (checked now, not when rendered)."""
    found = Problem(pointer, code, params)
    found.message  # noqa: B018 - fails fast on an unknown code or a missing param
    return found


class RefusedError(Exception):
    """A request identity refuses; subclasses say how."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__("; ".join(f"{p.pointer or '/'}: {p.code}" for p in problems))
        self.problems = problems


class InvalidInputError(RefusedError):
    """The input breaks a rule (field format, policy)."""


class ConflictError(RefusedError):
    """The input clashes with what exists (a taken username, the provider already in use)."""


class NotFoundError(RefusedError):
    """What the input names does not exist."""


class GoneError(RefusedError):
    """What the input names existed but can no longer be used (expired, used)."""


class UnauthenticatedError(RefusedError):
    """The caller did not prove who they are (wrong password, ended session)."""


class NotAllowedNowError(RefusedError):
    """The caller's session is not in a state that allows this (terms not accepted, ...)."""


class LockedOutError(RefusedError):
    """Too many failed attempts: refused until a time."""


class UnavailableError(RefusedError):
    """Something identity depends on (a credential provider) did not answer as it should."""


def raise_if(problems: list[Problem]) -> None:
    """Raise InvalidInputError with ``problems`` when there are any."""
    if problems:
        raise InvalidInputError(*problems)
