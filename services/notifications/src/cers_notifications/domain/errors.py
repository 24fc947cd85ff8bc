"""Errors of the notifications domain: broken rules name the field and the rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RuleViolation:
    """One rule a request breaks: the field (as a path into the request) and the rule's name."""

    path: tuple[str, ...]
    rule: str
    message: str
    params: Mapping[str, str | int] = field(default_factory=dict)


class RulesBrokenError(Exception):
    """The request breaks one or more rules; nothing was changed."""

    def __init__(self, violations: Sequence[RuleViolation]) -> None:
        super().__init__("; ".join(f"{'/'.join(v.path)}: {v.rule}" for v in violations))
        self.violations = tuple(violations)


def refuse(violations: Sequence[RuleViolation]) -> None:
    """Raise RulesBrokenError naming ``violations``, if there are any."""
    if violations:
        raise RulesBrokenError(violations)


class NotFoundError(Exception):
    """No such bulletin, link or outage."""

    def __init__(self, what: str, identifier: str) -> None:
        super().__init__(f"{what} {identifier} does not exist")
        self.what = what
        self.identifier = identifier


class ConflictError(Exception):
    """The request conflicts with the current state (stale version, retired, duplicate)."""

    def __init__(self, violation: RuleViolation) -> None:
        super().__init__(violation.message)
        self.violation = violation
